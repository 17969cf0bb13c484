"""Errors services raise beyond "fix this field" (ValidationError, 400)."""

from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """The request clashes with one already done (an idempotency key reused for a different
    request): 409 in the API, with the message saying what to do."""
