"""Coproduce: a platform for the co-production of public services."""

__version__ = "0.1.0"
