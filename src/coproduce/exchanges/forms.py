from typing import Any

from django import forms
from django.utils import timezone

from coproduce.exchanges.models import Listing, ListingKind
from coproduce.timecredits.forms import KeyedForm


class ListingForm(forms.ModelForm):
    kind = forms.ChoiceField(
        choices=ListingKind.choices, widget=forms.RadioSelect, label="Offer or need"
    )

    class Meta:
        model = Listing
        fields = ["kind", "title", "description", "minutes"]
        labels = {
            "description": "More about it (optional)",
            "minutes": "About how many minutes (optional)",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ProposeForm(forms.Form):
    minutes = forms.IntegerField(min_value=1, max_value=24 * 60)
    note = forms.CharField(max_length=300, required=False)


class AnswerForm(forms.Form):
    agree = forms.TypedChoiceField(
        choices=[("yes", "Agree"), ("no", "Decline")], coerce=lambda v: v == "yes"
    )


class ConfirmForm(KeyedForm):
    done_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(min_value=1, max_value=24 * 60)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("done_on", timezone.localdate())
        super().__init__(*args, **kwargs)
