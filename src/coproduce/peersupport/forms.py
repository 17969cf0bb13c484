from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from coproduce.accounts.models import User
from coproduce.core.people import PersonField


class AskForm(forms.Form):
    need = forms.CharField(label="What would you like support with?", max_length=120)
    language = forms.CharField(label="Language you prefer", max_length=60, initial="English")
    area = forms.CharField(label="Where you live (area)", max_length=120, required=False)
    availability = forms.CharField(
        label="When suits you", max_length=200, required=False, help_text="e.g. mornings, weekends"
    )
    note = forms.CharField(
        label="Anything else (optional)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SupporterForm(forms.Form):
    person = PersonField(label=gettext_lazy("Member"))
    supports = forms.CharField(
        label="Needs they support", max_length=300, help_text="Comma-separated."
    )
    languages = forms.CharField(max_length=200, initial="English")
    areas = forms.CharField(max_length=300, required=False)
    availability = forms.CharField(max_length=200, required=False)
    training = forms.CharField(label="Training completed", max_length=300)
    trained_on = forms.DateField(label="Trained on", widget=forms.DateInput(attrs={"type": "date"}))
    checked_until = forms.DateField(
        label="Background check valid until", widget=forms.DateInput(attrs={"type": "date"})
    )


class SessionForm(forms.Form):
    held_on = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label="Minutes", min_value=1, max_value=12 * 60)
    note = forms.CharField(label="Note (optional)", max_length=500, required=False)


class ConcernForm(forms.Form):
    professional = forms.ModelChoiceField(
        queryset=User.objects.none(), label="Tell this professional"
    )
    text = forms.CharField(
        label="Your concern", max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, professionals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = professionals  # type: ignore[attr-defined]
