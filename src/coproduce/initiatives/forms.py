from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from coproduce.core.forms import IdsChoiceField, LongSelect
from coproduce.core.people import PersonField
from coproduce.core.vocabulary import (
    SIDE_IN_PLAIN_WORDS,
    LeadershipType,
    Role,
    ServiceArea,
    StageKind,
    StageStatus,
    WhoDoesIt,
)
from coproduce.initiatives.models import DiagnosticSettings, Initiative, Membership
from coproduce.organisations.models import Organisation

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class InitiativeForm(forms.ModelForm):
    partner_organisations = IdsChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "summary",
            "service_area",
            "locality",
            "country",
            "lead_organisation",
            "partner_organisations",
            "visibility",
            "join_policy",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}


class SideRoleForm(forms.Form):
    """Who a person is in an initiative, asked in plain words and never assumed: no side
    is chosen until the person chooses one."""

    side = forms.ChoiceField(
        label=_("Who are you here?"),
        choices=[
            (side, format_lazy("{}: {}", name, line))
            for side, (name, line) in SIDE_IN_PLAIN_WORDS.items()
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who you are here.")},
    )
    role = forms.ChoiceField(
        label=_("Your role"),
        choices=[("", _("Choose your role")), *Role.choices],
        error_messages={"required": _("Choose your role.")},
    )
    leadership_type = forms.ChoiceField(
        choices=[("", _("None")), *LeadershipType.choices],
        required=False,
        help_text=_("Only if you lead in this initiative."),
    )


class JoinForm(SideRoleForm):
    """Asking to join; an invitation's side and role are shown as the coordinator chose
    them and cannot be changed here (disabled fields ignore what is posted)."""

    def __init__(self, *args: Any, invitation: Membership | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if invitation is not None:
            for name in ("side", "role"):
                field = self.fields[name]
                field.initial, field.disabled = getattr(invitation, name), True
                field.help_text = _("As you are invited; once a member, you can ask for a change.")


class SideChangeForm(forms.Form):
    side = SideRoleForm.base_fields["side"]
    role = SideRoleForm.base_fields["role"]


class NewInitiativeForm(InitiativeForm):
    side = SideRoleForm.base_fields["side"]
    role = SideRoleForm.base_fields["role"]
    leadership_type = SideRoleForm.base_fields["leadership_type"]


class InviteForm(forms.Form):
    """Whom to invite, picked by name from the people the coordinator works with, and the
    side and role. Anyone else asks to join from the initiative's page: an invitation by
    e-mail address would vouch for whoever registered that address, which no one checks."""

    person = PersonField(
        label=_("Person"),
        help_text=_(
            "Choose by name from the people you work with in your other initiatives. "
            "Anyone else can ask to join from the initiative's page."
        ),
    )
    side = SideRoleForm.base_fields["side"]
    role = SideRoleForm.base_fields["role"]


class StageForm(forms.Form):
    kind = forms.ChoiceField(choices=StageKind.choices, label=_("Stage"))
    status = forms.ChoiceField(choices=StageStatus.choices)
    starts_on = forms.DateField(required=False, widget=DATE, label=_("Starts on"))
    ends_on = forms.DateField(required=False, widget=DATE, label=_("Ends on"))
    notes = forms.CharField(max_length=500, required=False)


class GoalForm(forms.Form):
    text = forms.CharField(max_length=500, label=_("Goal"))


class GoalRejectForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        label=_("Why the goal is rejected"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown beside the goal, and in the record."),
    )


class MemberRemoveForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        label=_("Why the member is removed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept in the record with the decision, which everyone who can see this "
            "initiative can read: say what was decided, not private details."
        ),
    )


def _pounds(pence: int) -> Decimal:
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


class DiagnosticSettingsForm(forms.Form):
    """The diagnostics' settings as people give them: rates in pounds and the cap in hours
    (the service stores pence and minutes, and checks the ranges)."""

    threshold = forms.DecimalField(
        max_digits=3,
        decimal_places=2,
        label=_("Threshold t"),
        help_text=_(
            "A side with a share of the minutes below t counts as absent: at least 0 "
            "and below 0.5, e.g. 0.10."
        ),
    )
    low_rate_pounds = forms.DecimalField(
        max_digits=7, decimal_places=2, label=_("Low hourly rate (£)")
    )
    low_rate_source = forms.CharField(max_length=200, label=_("Source of the low rate"))
    low_rate_year = forms.IntegerField(label=_("Year of the low rate"))
    high_rate_pounds = forms.DecimalField(
        max_digits=7, decimal_places=2, label=_("High hourly rate (£)")
    )
    high_rate_source = forms.CharField(max_length=200, label=_("Source of the high rate"))
    high_rate_year = forms.IntegerField(label=_("Year of the high rate"))
    weekly_cap_hours = forms.DecimalField(
        max_digits=5,
        decimal_places=2,
        label=_("Weekly cap (hours)"),
        help_text=_(
            "A person giving more than this in one week counts as over the cap: "
            "from 1 to 168 hours."
        ),
    )

    # the service's fields, shown on this form under another name and unit
    SERVICE_FIELDS = {
        "low_rate_pence": "low_rate_pounds",
        "high_rate_pence": "high_rate_pounds",
        "weekly_cap_minutes": "weekly_cap_hours",
    }

    def __init__(self, *args: Any, at_default: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in at_default:
            field = self.fields[self.SERVICE_FIELDS.get(name, name)]
            field.help_text = f"{field.help_text} (The default.)".strip()

    @classmethod
    def initial_from(cls, settings: DiagnosticSettings) -> dict[str, Any]:
        """The form's values for saved (or default) settings."""
        values: dict[str, Any] = {
            name: getattr(settings, name)
            for name in cls.base_fields
            if hasattr(DiagnosticSettings, name)
        }
        values["low_rate_pounds"] = _pounds(settings.low_rate_pence)
        values["high_rate_pounds"] = _pounds(settings.high_rate_pence)
        values["weekly_cap_hours"] = (Decimal(settings.weekly_cap_minutes) / 60).quantize(
            Decimal("0.01")
        )
        return values

    def settings_fields(self) -> dict[str, Any]:
        """The cleaned data as the service takes it: pence and minutes."""
        data = dict(self.cleaned_data)
        for service_name, form_name in self.SERVICE_FIELDS.items():
            value = data.pop(form_name)
            per = 60 if service_name == "weekly_cap_minutes" else 100
            data[service_name] = int((value * per).to_integral_value())
        return data


# "Not declared" first, the three answers as short as a radio button wants them.
DECLARED_CHOICES = [
    ("", "Not declared"),
    (WhoDoesIt.PROFESSIONALS_ALONE, "Professionals alone"),
    (WhoDoesIt.JOINT, "Jointly"),
    (WhoDoesIt.CITIZENS_ALONE, "Citizens alone"),
]


def _declared(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=DECLARED_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        initial="",
        label=label,
    )


class StageDeclarationForm(forms.Form):
    planning = _declared("Who plans and designs the service")
    delivery = _declared("Who delivers the core service")
    assessment = _declared("Who assesses the service")
    evidence = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What shows it, in a sentence or two: a meeting, a document, who does the "
            "work. Kept in the record with the declaration, which everyone who can see this "
            "initiative can read."
        ),
    )
    declared_on = forms.DateField(
        widget=DATE,
        label=_("Declared on"),
        help_text=_("The day it was so, today or earlier."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["declared_on"].initial = timezone.localdate()


class InitiativeFilterForm(forms.Form):
    """The initiatives list's search, filters and sorting, sent by GET. A value that is not
    offered is an error naming the field; the other filters still apply."""

    q = forms.CharField(
        max_length=200,
        required=False,
        label=gettext_lazy("Search names and summaries"),
    )
    service_area = forms.ChoiceField(
        choices=[("", gettext_lazy("Any service area")), *ServiceArea.choices],
        required=False,
        label=gettext_lazy("Service area"),
    )
    locality = forms.ChoiceField(
        widget=LongSelect,
        choices=[("", gettext_lazy("Anywhere"))],
        required=False,
        label=gettext_lazy("Locality"),
    )
    stage = forms.ChoiceField(
        choices=[("", gettext_lazy("Any stage")), *StageKind.choices],
        required=False,
        label=gettext_lazy("Stage, planned or under way"),
    )
    open_to_join = forms.BooleanField(required=False, label=gettext_lazy("Open to join"))
    taking_part_now = forms.BooleanField(
        required=False, label=gettext_lazy("Something to take part in now")
    )
    sort = forms.ChoiceField(
        choices=[
            ("title", gettext_lazy("Name, A to Z")),
            ("newest", gettext_lazy("Newest first")),
            ("updated", gettext_lazy("Recently updated")),
        ],
        required=False,
        label=gettext_lazy("Sort by"),
    )

    def __init__(self, *args: Any, localities: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", gettext_lazy("Anywhere")), *((name, name) for name in localities)]
        self.fields["locality"].choices = choices  # type: ignore[attr-defined]
        for name in ("service_area", "locality", "stage", "sort"):
            self.fields[name].error_messages["invalid_choice"] = gettext_lazy(
                "Choose one of the options offered; this filter was left out."
            )
