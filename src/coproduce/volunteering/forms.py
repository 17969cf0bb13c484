import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
        labels = {
            "stage": _("Stage"),
            "organisation": _("Organisation"),
            "title": _("Title"),
            "role": _("Role"),
            "description": _("Description"),
            "skills": _("Skills"),
            "location": _("Location"),
            "accessibility": _("Accessibility notes"),
            "safeguarding": _("Checks needed"),
        }

    def __init__(self, *args: object, initiative: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["stage"].queryset = initiative.stages.filter(  # type: ignore[attr-defined]
            kind__in=["co_performing", "co_management"]
        )
        self.fields["stage"].empty_label = None  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisations_of(initiative)  # type: ignore[attr-defined,arg-type]
        self.fields["organisation"].empty_label = _("None: the initiative itself")  # type: ignore[attr-defined]


class ShiftForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    capacity = forms.IntegerField(label=_("People needed"), min_value=1, max_value=1000)


class HoursForm(forms.Form):
    opportunity = forms.ModelChoiceField(
        queryset=Opportunity.objects.none(), empty_label=None, label=_("Opportunity")
    )
    minutes = forms.IntegerField(label=_("Minutes given"), min_value=1, max_value=24 * 60)
    worked_on = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("What you did (optional)"), max_length=300, required=False)
    served = PersonField(
        required=False,
        label=_("Who you gave it to (optional)"),
        empty_label=_("Nobody in particular: a coordinator confirms it"),
        help_text=_(
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
        label=_("Approve"),
        choices=[("yes", _("Approve")), ("no", _("Do not approve"))],
        coerce=lambda v: v == "yes",
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


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
            "weekly_cap_minutes": _("Weekly cap (minutes)"),
            "value_low_pence": _("Lower hourly value (pence)"),
            "value_high_pence": _("Upper hourly value (pence)"),
            "value_source": _("Source of the values"),
            "value_year": _("Year of the values"),
        }


DAY_FORMAT = _("Give the day as YYYY-MM-DD, such as 2026-03-01.")


def _plausible(day: datetime.date) -> datetime.date:
    problem = date_problem(day)
    if problem is not None:
        raise forms.ValidationError(problem)
    return day


class PeriodForm(forms.Form):
    """The report's period. ``format`` is kept, so that a CSV asked for without its dates
    shows this form with what to fix, and sending it again downloads the CSV."""

    start = forms.DateField(
        label=_("Start"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the first day of the report."), "invalid": DAY_FORMAT},
    )
    end = forms.DateField(
        label=_("End"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the last day of the report."), "invalid": DAY_FORMAT},
    )
    format = forms.ChoiceField(
        choices=[("", _("page")), ("csv", "CSV")], required=False, widget=forms.HiddenInput
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
                    gettext("The last day must be on or after the first."),
                    same_allowed=True,
                )
            except ValidationError as error:
                add_service_errors(self, error)
        return data
