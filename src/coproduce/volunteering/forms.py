import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from coproduce.core.dates import check_order, date_problem
from coproduce.core.forms import add_service_errors
from coproduce.core.people import PersonField
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import organisations_of
from coproduce.volunteering.models import Opportunity, VolunteeringPolicy


class OpportunityForm(forms.ModelForm):
    class Meta:
        model = Opportunity
        fields = [
            "stage",
            "organisation",
            "title",
            "role",
            "description",
            "skills",
            "location",
            "accessibility",
            "safeguarding",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        labels = {"accessibility": "Accessibility notes", "safeguarding": "Checks needed"}

    def __init__(self, *args: object, initiative: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["stage"].queryset = initiative.stages.filter(  # type: ignore[attr-defined]
            kind__in=["co_performing", "co_management"]
        )
        self.fields["stage"].empty_label = None  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisations_of(initiative)  # type: ignore[attr-defined,arg-type]
        self.fields["organisation"].empty_label = "None: the initiative itself"  # type: ignore[attr-defined]


class ShiftForm(forms.Form):
    starts_at = forms.DateTimeField(
        label="Starts", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label="Ends", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    capacity = forms.IntegerField(label="People needed", min_value=1, max_value=1000)


class HoursForm(forms.Form):
    opportunity = forms.ModelChoiceField(queryset=Opportunity.objects.none(), empty_label=None)
    minutes = forms.IntegerField(label="Minutes given", min_value=1, max_value=24 * 60)
    worked_on = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="What you did (optional)", max_length=300, required=False)
    served = PersonField(
        required=False,
        label=gettext_lazy("Who you gave it to (optional)"),
        empty_label=gettext_lazy("Nobody in particular: a coordinator confirms it"),
        help_text=gettext_lazy(
            "A member you helped can confirm your time instead of a coordinator; "
            "leave it empty and a coordinator confirms it."
        ),
    )

    def __init__(
        self, *args: object, initiative: Initiative, actor: object = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["opportunity"].queryset = initiative.opportunities.all()  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("yes", "Approve"), ("no", "Do not approve")], coerce=lambda v: v == "yes"
    )
    reason = forms.CharField(max_length=300, required=False)


class PolicyForm(forms.ModelForm):
    class Meta:
        model = VolunteeringPolicy
        fields = [
            "weekly_cap_minutes",
            "value_low_pence",
            "value_high_pence",
            "value_source",
            "value_year",
        ]
        labels = {
            "weekly_cap_minutes": "Weekly cap (minutes)",
            "value_low_pence": "Lower hourly value (pence)",
            "value_high_pence": "Upper hourly value (pence)",
            "value_source": "Source of the values",
            "value_year": "Year of the values",
        }


DAY_FORMAT = "Give the day as YYYY-MM-DD, such as 2026-03-01."


def _plausible(day: datetime.date) -> datetime.date:
    problem = date_problem(day)
    if problem is not None:
        raise forms.ValidationError(problem)
    return day


class PeriodForm(forms.Form):
    """The report's period. ``format`` is kept, so that a CSV asked for without its dates
    shows this form with what to fix, and sending it again downloads the CSV."""

    start = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Give the first day of the report.", "invalid": DAY_FORMAT},
    )
    end = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Give the last day of the report.", "invalid": DAY_FORMAT},
    )
    format = forms.ChoiceField(
        choices=[("", "page"), ("csv", "CSV")], required=False, widget=forms.HiddenInput
    )

    def clean_start(self) -> datetime.date:
        return _plausible(self.cleaned_data["start"])

    def clean_end(self) -> datetime.date:
        return _plausible(self.cleaned_data["end"])

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("start") and data.get("end"):
            try:
                check_order(
                    data["start"],
                    "end",
                    data["end"],
                    "The last day must be on or after the first.",
                    same_allowed=True,
                )
            except ValidationError as error:
                add_service_errors(self, error)
        return data
