from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import User
from coproduce.core.people import PersonField


class AskForm(forms.Form):
    need = forms.CharField(label=_("What would you like support with?"), max_length=120)
    language = forms.CharField(label=_("Language you prefer"), max_length=60, initial="English")
    area = forms.CharField(label=_("Where you live (area)"), max_length=120, required=False)
    availability = forms.CharField(
        label=_("When suits you"),
        max_length=200,
        required=False,
        help_text=_("e.g. mornings, weekends"),
    )
    note = forms.CharField(
        label=_("Anything else (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SupporterForm(forms.Form):
    person = PersonField(label=_("Member"))
    supports = forms.CharField(
        label=_("Needs they support"), max_length=300, help_text=_("Comma-separated.")
    )
    languages = forms.CharField(label=_("Languages"), max_length=200, initial="English")
    areas = forms.CharField(label=_("Areas"), max_length=300, required=False)
    availability = forms.CharField(label=_("Availability"), max_length=200, required=False)
    training = forms.CharField(label=_("Training completed"), max_length=300)
    trained_on = forms.DateField(
        label=_("Trained on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    checked_until = forms.DateField(
        label=_("Background check valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=12 * 60)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class ConcernForm(forms.Form):
    professional = forms.ModelChoiceField(
        queryset=User.objects.none(), label=_("Tell this professional")
    )
    text = forms.CharField(
        label=_("Your concern"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, professionals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = professionals  # type: ignore[attr-defined]
