from typing import Any

from django import forms

from coproduce.core.vocabulary import LeadershipType, Role, Side, StageKind, StageStatus
from coproduce.initiatives.models import Initiative, Membership
from coproduce.organisations.models import Organisation

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class InitiativeForm(forms.ModelForm):
    partner_organisations = forms.ModelMultipleChoiceField(
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
    side = forms.ChoiceField(
        choices=Side.choices,
        help_text="Paid staff are regular producers; users, carers, residents, volunteers and "
        "community groups are citizen co-producers.",
    )
    role = forms.ChoiceField(choices=Role.choices)
    leadership_type = forms.ChoiceField(
        choices=[("", "None"), *LeadershipType.choices],
        required=False,
        help_text="Only if you lead in this initiative.",
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
                field.help_text = "As you are invited; once a member, you can ask for a change."


class SideChangeForm(forms.Form):
    side = SideRoleForm.base_fields["side"]
    role = SideRoleForm.base_fields["role"]


class NewInitiativeForm(InitiativeForm):
    side = SideRoleForm.base_fields["side"]
    role = SideRoleForm.base_fields["role"]
    leadership_type = SideRoleForm.base_fields["leadership_type"]


class InviteForm(forms.Form):
    username = forms.CharField(max_length=150, help_text="The username of the person to invite.")
    side = SideRoleForm.base_fields["side"]
    role = SideRoleForm.base_fields["role"]


class StageForm(forms.Form):
    kind = forms.ChoiceField(choices=StageKind.choices, label="Stage")
    status = forms.ChoiceField(choices=StageStatus.choices)
    starts_on = forms.DateField(required=False, widget=DATE, label="Starts on")
    ends_on = forms.DateField(required=False, widget=DATE, label="Ends on")
    notes = forms.CharField(max_length=500, required=False)


class GoalForm(forms.Form):
    text = forms.CharField(max_length=500, label="Goal")


class GoalRejectForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        label="Why the goal is rejected",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown beside the goal, and in the record.",
    )


class MemberRemoveForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        label="Why the member is removed",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the record with the decision, which everyone who can see this "
        "initiative can read: say what was decided, not private details.",
    )
