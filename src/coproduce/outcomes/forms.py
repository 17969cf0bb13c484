import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from coproduce.core.forms import csv_text
from coproduce.core.people import PersonField
from coproduce.outcomes.models import VALUE_DIGITS, VALUE_PLACES, BenefitGroup, Better, WhoMeasures
from coproduce.outcomes.services import check_value

DAY = forms.DateInput(attrs={"type": "date"})


def value_field(label: Any, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, **kwargs
    )


def parse_targets(text: str) -> list[tuple[datetime.date, Decimal]]:
    """Targets written one a line as ``YYYY-MM-DD, value``."""
    targets = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        day, _, value = line.partition(",")
        try:
            target = (datetime.date.fromisoformat(day.strip()), Decimal(value.strip()))
        except (ValueError, InvalidOperation):
            raise forms.ValidationError(
                gettext("Line %(number)s: write the day and the value, such as 2027-03-31, 10.")
                % {"number": number}
            ) from None
        try:  # NaN, Infinity and 1e999999999 are numbers to Decimal, not to the column
            check_value("targets", target[1])
        except ValidationError as error:
            raise forms.ValidationError(
                gettext("Line %(number)s: %(problem)s")
                % {"number": number, "problem": error.messages[0]}
            ) from None
        targets.append(target)
    return targets


class IndicatorForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    measures = forms.CharField(
        label=gettext_lazy("What it measures"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    unit = forms.CharField(
        label=gettext_lazy("Unit"), max_length=40, help_text=gettext_lazy("e.g. days, %, people, £")
    )
    better = forms.ChoiceField(label=gettext_lazy("Which way is better"), choices=Better.choices)
    benefit_group = forms.ChoiceField(
        label=gettext_lazy("Whom it serves"), choices=BenefitGroup.choices
    )
    who_measures = forms.ChoiceField(
        label=gettext_lazy("Who may measure it"), choices=WhoMeasures.choices
    )
    baseline_value = value_field(gettext_lazy("Baseline value"))
    baseline_on = forms.DateField(label=gettext_lazy("Baseline measured on"), widget=DAY)
    baseline_source = forms.CharField(label=gettext_lazy("Baseline source"), max_length=300)
    targets = forms.CharField(
        label=gettext_lazy("Targets"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One a line: the day and the value, such as 2027-03-31, 10."),
    )

    def clean_targets(self) -> list[tuple[datetime.date, Decimal]]:
        return parse_targets(self.cleaned_data.get("targets") or "")


class MeasurementForm(forms.Form):
    value = value_field(gettext_lazy("Value"))
    measured_on = forms.DateField(label=gettext_lazy("Measured on"), widget=DAY)
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=300,
        help_text=gettext_lazy("Where the value comes from."),
    )
    method = forms.CharField(label=gettext_lazy("How it was measured"), max_length=300)


class MeasurementForOthersForm(MeasurementForm):
    measured_by = PersonField(
        label=gettext_lazy("Measured by"),
        required=False,
        empty_label=gettext_lazy("I measured it myself"),
        help_text=gettext_lazy("A member, chosen by name; leave it empty if you measured it."),
    )


class ImportForm(forms.Form):
    measurements_file = forms.FileField(
        label=gettext_lazy("Measurements as a CSV file"),
        help_text=gettext_lazy(
            "A header row naming date, value, source, method and, if you like, "
            "measured_by (a member's username). Up to 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_measurements_file(self) -> str:
        return csv_text(self.cleaned_data["measurements_file"])
