"""Helpers for pages whose forms hand their data to a service."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from coproduce.core.dates import ALL_TIME, Period
from coproduce.core.queries import LARGEST_ID


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


class PeriodForm(forms.Form):
    """An optional period of days, ``from`` and ``to`` (both included), in a page's query
    string. ``core.dates.Period`` reads it, as it does for the API, so a page and the API
    refuse the same input with the same words, each on its field; a subclass's own fields
    come first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = forms.CharField(
                required=False,
                max_length=10,
                label=label,
                help_text=_("A day as YYYY-MM-DD; leave empty for no limit."),
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["period"] = Period.from_query(
                {name: data.get(name) or "" for name in ("from", "to")}
            )
        except ValidationError as error:
            add_service_errors(self, error)
        return data

    @property
    def period(self) -> Period:
        """The period asked for (all time when the form is unbound); valid forms only."""
        return self.cleaned_data.get("period", ALL_TIME) if self.is_bound else ALL_TIME

    def params(self) -> QueryDict:
        """The form's valid data as query parameters (for links and downloads that keep
        what was asked); empty for an unbound or invalid form."""
        params = QueryDict(mutable=True)
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        for name in self.fields:
            value = data.get(name)
            if isinstance(value, list | tuple):
                params.setlist(name, [str(v) for v in value])
            elif value is True:
                params[name] = "1"
            elif value not in (None, "", False):
                params[name] = str(value)
        return params


CSV_MAX_BYTES = 2 * 1024 * 1024


def csv_text(upload: Any) -> str:
    """An uploaded CSV file's text: UTF-8 (as spreadsheets save "CSV UTF-8", with or without
    its byte-order mark), at most 2 MB; otherwise a form error saying what to do."""
    if upload.size > CSV_MAX_BYTES:
        raise forms.ValidationError(_("The file is larger than 2 MB; split it into parts."))
    try:
        return str(upload.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise forms.ValidationError(
            _("Save the file as CSV UTF-8 (your spreadsheet offers it under Save as).")
        ) from None


class LongSelect(forms.Select):
    """A select of many plain options (the localities: up to 200), written in one pass:
    Django's Select renders a template per option, about 5 ms a page for 200. Same markup
    as Select for flat choices (no groups)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(item) for item in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        final = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), options)


def _beyond_any_id(value: Any) -> bool:
    try:
        return abs(int(str(value).strip())) > LARGEST_ID
    except ValueError:
        return False


class IdChoiceField(forms.ModelChoiceField[Any]):
    """A choice of a row by id, where an id beyond any row is no such choice (not a crash)."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and _beyond_any_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdsChoiceField(forms.ModelMultipleChoiceField[Any]):
    """Choices of rows by id, where an id beyond any row is no such choice (not a crash)."""

    def clean(self, value: Any) -> Any:
        for one in value if isinstance(value, list | tuple) else ():
            if _beyond_any_id(one):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": one},
                )
        return super().clean(value)
