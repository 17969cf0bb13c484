"""Forms for time credits. Each carries a fresh idempotency key, so a form sent twice (a
double click, a refresh) moves credit once."""

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.people import PersonField
from coproduce.timecredits.models import CreditPolicy


class KeyedForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)


class GiftForm(KeyedForm):
    to = PersonField(label=_("To"))
    minutes = forms.IntegerField(label=_("Minutes of credit"), min_value=1, max_value=1_000_000)
    message = forms.CharField(label=_("Message (optional)"), max_length=300, required=False)


class EarnForm(KeyedForm):
    person = PersonField(label=_("Who gave their time"))
    minutes_given = forms.IntegerField(label=_("Minutes given"), min_value=1, max_value=1_000_000)
    description = forms.CharField(label=_("What they did"), max_length=300, required=False)


class CorrectionForm(KeyedForm):
    reason = forms.CharField(label=_("Why it is corrected"), max_length=300)


class PolicyForm(forms.ModelForm):
    class Meta:
        model = CreditPolicy
        fields = ["minutes_per_hour", "floor", "ceiling"]
        labels = {
            "minutes_per_hour": _("Credit per hour given (minutes)"),
            "floor": _("Lowest balance (minutes; below 0 allows an overdraft)"),
            "ceiling": _("Highest balance (minutes; empty for none)"),
        }


class BuyForm(KeyedForm):
    offer = forms.IntegerField(widget=forms.HiddenInput)


class RedeemForm(forms.Form):
    code = forms.CharField(label=_("Voucher code"), max_length=20)
