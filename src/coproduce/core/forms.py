"""Helpers for pages whose forms hand their data to a service."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, fields: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form, by field where it names one.

    ``fields`` maps a service's field name to the form field that the person filled in.
    """
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            field = (fields or {}).get(field, field)
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
