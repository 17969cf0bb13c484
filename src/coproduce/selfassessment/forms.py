"""The self-assessment form: a choice of 1 to 5 or "don't know" for each statement."""

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coproduce.selfassessment.statements import SCALE, STATEMENTS

DONT_KNOW = "dont_know"
CHOICES = [(str(rating), format_lazy("{}: {}", rating, words)) for rating, words in SCALE] + [
    (DONT_KNOW, _("Don't know"))
]


class SelfAssessmentForm(forms.Form):
    """One group of radio buttons a statement, none required: a statement left blank keeps
    the person's earlier answer, if any."""

    def __init__(self, data: Any = None, *, ratings: dict[str, int | None]) -> None:
        initial = {key: DONT_KNOW if r is None else str(r) for key, r in ratings.items()}
        super().__init__(data, initial=initial)
        for statement in STATEMENTS:
            self.fields[statement.key] = forms.ChoiceField(
                choices=CHOICES,
                required=False,
                widget=forms.RadioSelect,
                label=format_lazy("{}. {}", statement.title, statement.text),
                help_text=statement.explanation,
            )

    def ratings(self) -> dict[str, int | None]:
        """The ratings chosen, for the service: a number, or None for don't know."""
        return {
            key: None if value == DONT_KNOW else int(value)
            for key, value in self.cleaned_data.items()
            if value
        }
