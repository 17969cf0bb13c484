"""Forms for co-financing: amounts are typed in pounds and handed to the services in pence."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.vocabulary import Side
from coproduce.financing.models import MAX_PENCE, MatchCounts, PledgeKind
from coproduce.organisations.models import Organisation

DAY = forms.DateInput(attrs={"type": "date"})
LARGEST_POUNDS = Decimal(MAX_PENCE) / 100


class PoundsField(forms.DecimalField):
    """An amount in pounds and pence (up to £10m), cleaned to whole pence."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("In pounds, such as 25 or 12.50."))
        super().__init__(
            max_digits=10,
            decimal_places=2,
            min_value=Decimal("0.01"),
            max_value=LARGEST_POUNDS,
            **kwargs,
        )

    def clean(self, value: Any) -> int | None:
        pounds = super().clean(value)
        return None if pounds is None else int(pounds * 100)


def organisation_field(label: Any = None) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Organisation.objects.all(), label=label or _("Organisation")
    )


def side_field(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=Side.choices, label=label, help_text=_("The side it gives on, for the record.")
    )


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    purpose = forms.CharField(
        label=_("Purpose"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    target = PoundsField(label=_("Target"))
    deadline = forms.DateField(label=_("Deadline"), widget=DAY)


class PledgeForm(forms.Form):
    """A member's own pledge: money in pounds, time in hours, or goods."""

    kind = forms.ChoiceField(
        choices=PledgeKind.choices, widget=forms.RadioSelect, label=_("What you pledge")
    )
    amount = forms.DecimalField(
        label=_("How much"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_(
            "Money in pounds; time in hours; goods: their value in pounds, or how many "
            "if you tick 'counted'."
        ),
    )
    counted = forms.BooleanField(
        required=False, label=_("Goods: counted as items, not valued in pounds")
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=300,
        help_text=_("For goods: what they are."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        amount, kind = data.get("amount"), data.get("kind")
        if amount is None or kind is None:
            return data
        if kind == PledgeKind.TIME:
            data["quantity"], data["unit"] = int(amount * 60), "minutes"
        elif kind == PledgeKind.IN_KIND and data.get("counted"):
            if amount != amount.to_integral_value():
                self.add_error("amount", _("Give a whole number of items."))
            data["quantity"], data["unit"] = int(amount), "count"
        else:
            data["quantity"], data["unit"] = int(amount * 100), "pence"
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {k: data[k] for k in ("kind", "quantity", "unit", "description")}


class OrganisationPledgeForm(forms.Form):
    organisation = organisation_field()
    side = side_field(_("Side"))
    amount = PoundsField(label=_("Money pledged"))

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "side": data["side"],
            "kind": PledgeKind.MONEY,
            "quantity": data["amount"],
        }


class MatchRuleForm(forms.Form):
    funder = organisation_field(_("Funder"))
    funder_side = side_field(_("Funder's side"))
    numerator = forms.IntegerField(
        label=_("The funder adds (pounds)"), min_value=1, max_value=1000, initial=1
    )
    denominator = forms.IntegerField(
        label=_("For every (pounds) pledged"), min_value=1, max_value=1000, initial=1
    )
    cap = PoundsField(label=_("Up to"))
    counts = forms.ChoiceField(choices=MatchCounts.choices, label=_("Which pledges it matches"))


class ShareOfferForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    share_price = PoundsField(label=_("Price of one share"))
    min_shares = forms.IntegerField(label=_("Least a member may hold"), min_value=1)
    max_shares = forms.IntegerField(label=_("Most a member may hold"), min_value=1)
    opens_on = forms.DateField(label=_("Opens on"), widget=DAY)
    closes_on = forms.DateField(label=_("Closes on"), widget=DAY)
    target = PoundsField(label=_("Capital sought"))


class SharesForm(forms.Form):
    shares = forms.IntegerField(label=_("Number of shares"), min_value=1, max_value=1_000_000)


class GrantForm(forms.Form):
    organisation = organisation_field()
    side = side_field(_("Side"))
    amount = PoundsField(label=_("Amount"))
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reporting_dates = forms.CharField(
        required=False,
        label=_("Reporting dates"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line, as YYYY-MM-DD."),
    )

    def clean_reporting_dates(self) -> list[datetime.date]:
        days = []
        for number, line in enumerate(self.cleaned_data["reporting_dates"].splitlines(), 1):
            if not line.strip():
                continue
            try:
                days.append(datetime.date.fromisoformat(line.strip()))
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(number)s: write a day as 2027-03-31.") % {"number": number}
                ) from None
        return days


class DayForm(forms.Form):
    """The day a grant arrived or a report was sent."""

    day = forms.DateField(widget=DAY, label=_("On"), initial=datetime.date.today)


class SpendingForm(forms.Form):
    amount = PoundsField(label=_("Amount"))
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    spent_on = forms.DateField(widget=DAY, label=_("Spent on"))
