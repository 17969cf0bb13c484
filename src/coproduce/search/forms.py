"""The search box's input, read alike by the page and the API."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.search.models import Kind
from coproduce.search.selectors import MAX_LENGTH, terms_of


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search for"),
        max_length=MAX_LENGTH,
        strip=True,
        error_messages={
            "required": gettext_lazy("Type a word or two to search for."),
            "max_length": gettext_lazy(
                "Search for at most %(limit_value)d characters (you typed %(show_value)d)."
            ),
        },
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Only"),
        required=False,
        choices=[("", gettext_lazy("Everything")), *Kind.choices],
        error_messages={
            "invalid_choice": gettext_lazy(
                "Choose initiatives, proposals, ideas, opportunities, cases or organisations."
            )
        },
    )

    def clean_q(self) -> str:
        text: str = self.cleaned_data["q"]
        if not terms_of(text):
            raise forms.ValidationError(_("Type a word with letters or numbers to search for."))
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "q" in data:
            data["terms"] = terms_of(data["q"])
        return data
