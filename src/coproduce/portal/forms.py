from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from coproduce.core.forms import LongSelect


class LocalityForm(forms.Form):
    """The home page's one filter, by GET: what is live in one locality."""

    locality = forms.ChoiceField(
        widget=LongSelect,
        choices=[("", gettext_lazy("Anywhere"))],
        required=False,
        label=gettext_lazy("Show what is live in"),
        error_messages={
            "invalid_choice": gettext_lazy(
                "Choose one of the localities offered; everything is shown meanwhile."
            )
        },
    )

    def __init__(self, *args: Any, localities: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", gettext_lazy("Anywhere")), *((name, name) for name in localities)]
        self.fields["locality"].choices = choices  # type: ignore[attr-defined]
