from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.exchanges.models import Listing, ListingKind
from coproduce.timecredits.forms import KeyedForm


class ListingForm(forms.ModelForm):
    kind = forms.ChoiceField(
        choices=ListingKind.choices, widget=forms.RadioSelect, label=_("Offer or need")
    )

    class Meta:
        model = Listing
        fields = ["kind", "title", "description", "minutes"]
        labels = {
            "description": _("More about it (optional)"),
            "title": _("Title"),
            "minutes": _("About how many minutes (optional)"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ProposeForm(forms.Form):
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=24 * 60)
    note = forms.CharField(label=_("Message (optional)"), max_length=300, required=False)


class AnswerForm(forms.Form):
    agree = forms.TypedChoiceField(
        label=_("Agree"),
        choices=[("yes", _("Agree")), ("no", _("Decline"))],
        coerce=lambda v: v == "yes",
    )


class ConfirmForm(KeyedForm):
    done_on = forms.DateField(
        label=_("Day it was done"), widget=forms.DateInput(attrs={"type": "date"})
    )
    minutes = forms.IntegerField(label=_("Minutes it took"), min_value=1, max_value=24 * 60)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("done_on", timezone.localdate())
        super().__init__(*args, **kwargs)
