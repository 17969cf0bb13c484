from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coproduce.accounts.models import User
from coproduce.comanagement.models import (
    MEETING_LENGTH_DEFAULT,
    MEETING_LENGTH_MAX,
    SeatRole,
    Vote,
)
from coproduce.core.forms import IdsChoiceField
from coproduce.core.people import PersonField
from coproduce.initiatives.models import Stage


class BoardForm(forms.Form):
    stage = forms.ModelChoiceField(
        queryset=Stage.objects.none(), empty_label=None, label=_("Stage")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, initiative: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = initiative.stages.filter(kind="co_management")  # type: ignore[attr-defined]


class SeatForm(forms.Form):
    person = PersonField(label=_("Member"))
    role = forms.ChoiceField(label=_("Role"), choices=SeatRole.choices)


class MeetingForm(forms.Form):
    held_at = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    length_minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        min_value=1,
        max_value=MEETING_LENGTH_MAX,
        initial=MEETING_LENGTH_DEFAULT,
        help_text=_("The time each person who comes gives to the board."),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Agenda"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AttendanceForm(forms.Form):
    attendees = IdsChoiceField(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Who came"),
    )

    def __init__(self, *args: Any, seated: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = seated  # type: ignore[attr-defined]


class MinutesForm(forms.Form):
    """The minutes, saved on their own: recording attendance never touches them."""

    minutes = forms.CharField(
        label=pgettext_lazy("a meeting's record", "Minutes"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class DecisionForm(forms.Form):
    title = forms.CharField(label=_("What is decided"), max_length=200)
    rule = forms.ChoiceField(
        label=_("Rule"), choices=[("vote", _("Vote")), ("consensus", _("Consensus"))]
    )
    initiated_by = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Proposed by"))

    def __init__(self, *args: Any, present: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [p.pk for p in present]
        self.fields["initiated_by"].queryset = get_user_model().objects.filter(pk__in=ids)  # type: ignore[attr-defined]
        self.present = present
        for person in present:
            self.fields[f"vote_{person.pk}"] = forms.ChoiceField(
                label=_("%(person)s's vote") % {"person": person},
                choices=[("", "—"), *Vote.choices],
                required=False,
            )

    def votes(self) -> dict[Any, str] | None:
        if self.cleaned_data.get("rule") != "vote":
            return None
        return {p: self.cleaned_data.get(f"vote_{p.pk}", "") for p in self.present}
