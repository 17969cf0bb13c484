"""Record forms. Amounts are entered in everyday units and stored as integers."""

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from coproduce.core.forms import PeriodForm
from coproduce.core.people import PersonField
from coproduce.core.vocabulary import (
    SIDE_PLAIN_CHOICES,
    ContributionKind,
    DecidingBody,
    DecisionKind,
    DecisionRule,
    StageKind,
    Unit,
)
from coproduce.initiatives.models import Initiative, Stage
from coproduce.initiatives.people import offer_members
from coproduce.record.selectors import RecordFilters

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})

# What a person types -> (stored unit, multiplier)
ENTRY_UNITS = {
    "hours": (Unit.MINUTES, 60),
    "minutes": (Unit.MINUTES, 1),
    "pounds": (Unit.PENCE, 100),
    "count": (Unit.COUNT, 1),
}


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(
        choices=ContributionKind.choices, label=gettext_lazy("What did you contribute?")
    )
    amount = forms.CharField(
        max_length=20,
        label=gettext_lazy("Amount"),
        help_text=gettext_lazy("A number, e.g. 2.5 for two and a half hours or 12.50 for £12.50."),
    )
    entry_unit = forms.ChoiceField(
        label=gettext_lazy("Measured in"),
        choices=[
            ("hours", gettext_lazy("Hours")),
            ("minutes", gettext_lazy("Minutes")),
            ("pounds", gettext_lazy("Pounds (£)")),
            ("count", gettext_lazy("Number of items, ideas or votes")),
        ],
    )
    occurred_on = forms.DateField(
        widget=DATE, label=gettext_lazy("When"), initial=timezone.localdate
    )
    stage = forms.ModelChoiceField(
        queryset=Stage.objects.none(), empty_label=None, label=gettext_lazy("Stage")
    )
    description = forms.CharField(max_length=500, required=False, label=gettext_lazy("Description"))
    contributor = PersonField(
        required=False,
        label=gettext_lazy("Contributor"),
        empty_label=gettext_lazy("Me"),
        help_text=gettext_lazy(
            "Coordinators may record for another member, chosen by name; leave empty for yourself."
        ),
    )

    def __init__(self, *args: object, initiative: Initiative, on_behalf: bool, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["stage"].queryset = initiative.stages.all()  # type: ignore[attr-defined]
        if on_behalf:
            offer_members(self.fields["contributor"], initiative)
        else:
            del self.fields["contributor"]

    def clean(self) -> dict:
        data = super().clean() or {}
        raw, entry_unit = data.get("amount"), data.get("entry_unit")
        if raw is None or entry_unit is None:
            return data
        try:
            value = Decimal(raw.strip().replace(",", "").lstrip("£"))
        except InvalidOperation:
            self.add_error("amount", gettext("Enter the amount as a number, e.g. 2.5."))
            return data
        unit, multiplier = ENTRY_UNITS[entry_unit]
        quantity = value * multiplier
        if not value.is_finite() or quantity != quantity.to_integral_value():
            self.add_error(
                "amount",
                gettext("That amount does not come to a whole number of %(unit)s.")
                % {"unit": Unit(unit).label.lower()},
            )
            return data
        data["quantity"], data["unit"] = int(quantity), unit
        return data


class DecisionForm(forms.Form):
    title = forms.CharField(max_length=200, label=gettext_lazy("What was decided?"))
    outcome = forms.CharField(
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=gettext_lazy("Outcome"),
    )
    stage = forms.ModelChoiceField(
        queryset=Stage.objects.none(), empty_label=None, label=gettext_lazy("Stage")
    )
    initiated_by = PersonField(
        required=False,
        label=gettext_lazy("Who proposed it?"),
        empty_label=gettext_lazy("No single member"),
        help_text=gettext_lazy(
            "A member, if one person proposed it, chosen by name; their side is recorded with it."
        ),
    )
    initiated_by_side = forms.ChoiceField(
        choices=SIDE_PLAIN_CHOICES,
        label=gettext_lazy("Which side proposed it?"),
        help_text=gettext_lazy("Used when no single member is named above."),
    )
    decided_by = forms.ChoiceField(
        choices=DecidingBody.choices, label=gettext_lazy("Who took the decision?")
    )
    rule = forms.ChoiceField(
        choices=DecisionRule.choices, label=gettext_lazy("How was it decided?")
    )
    participants_citizen = forms.IntegerField(
        min_value=0, max_value=1_000_000, initial=0, label=gettext_lazy("Citizens taking part")
    )
    participants_professional = forms.IntegerField(
        min_value=0, max_value=1_000_000, initial=0, label=gettext_lazy("Professionals taking part")
    )
    participants_political = forms.IntegerField(
        min_value=0,
        max_value=1_000_000,
        initial=0,
        label=gettext_lazy("Political representatives taking part"),
    )
    evidence_url = forms.URLField(
        max_length=500,
        required=False,
        assume_scheme="https",
        label=gettext_lazy("Link to evidence (minutes, report)"),
    )
    decided_on = forms.DateField(
        widget=DATE, label=gettext_lazy("Decided on"), initial=timezone.localdate
    )

    def __init__(
        self,
        *args: object,
        initiative: Initiative,
        sides: Sequence[str],
        bodies: Sequence[str],
        **kwargs: object,
    ):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["stage"].queryset = initiative.stages.all()  # type: ignore[attr-defined]
        offer_members(self.fields["initiated_by"], initiative)
        side_field = self.fields["initiated_by_side"]
        side_field.choices = [c for c in SIDE_PLAIN_CHOICES if c[0] in sides]  # type: ignore[attr-defined]
        body_field = self.fields["decided_by"]
        body_field.choices = [c for c in DecidingBody.choices if c[0] in bodies]  # type: ignore[attr-defined]


class ReverseForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("Why this entry is being corrected."),
    )


class RecordFilterForm(PeriodForm):
    """Which entries the record page lists (the diagnostics link here with the entries a
    figure was computed from). An unknown value is an error on its field, not ignored."""

    stage = forms.MultipleChoiceField(
        choices=StageKind.choices,
        required=False,
        label=gettext_lazy("Stages"),
        widget=forms.CheckboxSelectMultiple,
    )
    side = forms.ChoiceField(
        choices=[("", gettext_lazy("Any side")), *SIDE_PLAIN_CHOICES],
        required=False,
        label=gettext_lazy("Side"),
    )
    kind = forms.ChoiceField(
        choices=[("", gettext_lazy("Any kind")), *ContributionKind.choices],
        required=False,
        label=gettext_lazy("Kind of contribution"),
    )
    unit = forms.ChoiceField(
        choices=[("", gettext_lazy("Any unit")), *Unit.choices],
        required=False,
        label=gettext_lazy("Unit"),
    )
    decided_by = forms.ChoiceField(
        choices=[("", gettext_lazy("Anyone")), *DecidingBody.choices],
        required=False,
        label=gettext_lazy("Decisions taken by"),
    )
    decision_kind = forms.MultipleChoiceField(
        choices=DecisionKind.choices,
        required=False,
        label=gettext_lazy("Kinds of decision"),
        widget=forms.CheckboxSelectMultiple,
    )
    standing = forms.BooleanField(
        required=False,
        label=gettext_lazy("Only entries that stand"),
        help_text=gettext_lazy(
            "Leave out corrections and the entries they corrected, as the diagnostics do."
        ),
    )

    def filters(self) -> RecordFilters:
        """The filters asked for; none when the form is unbound (valid forms only)."""
        if not self.is_bound:
            return RecordFilters()
        data = self.cleaned_data
        return RecordFilters(
            stages=tuple(data["stage"]),
            side=data["side"],
            kind=data["kind"],
            unit=data["unit"],
            decided_by=data["decided_by"],
            decision_kinds=tuple(data["decision_kind"]),
            start=self.period.start,
            end=self.period.end,
            standing=data["standing"],
        )
