"""Surveys: questionnaires, their answers and rankings of options."""
