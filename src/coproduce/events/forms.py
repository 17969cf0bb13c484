"""Forms for events: they parse what people type; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coproduce.core.forms import IdsChoiceField
from coproduce.core.people import PersonField
from coproduce.core.vocabulary import StageKind
from coproduce.events.models import MAX_CAPACITY, MAX_DOTS, AccessNeed, Event, EventFormat, Support
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import active_people, stage_of

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=EventFormat.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=WHEN, help_text=_("Day and time."))
    ends_at = forms.DateTimeField(label=_("Ends"), widget=WHEN, help_text=_("Day and time."))
    place = forms.CharField(
        label=_("Place"),
        max_length=300,
        required=False,
        help_text=_("The address, if people come in person."),
    )
    online_link = forms.URLField(
        max_length=500,
        required=False,
        assume_scheme="https",
        label=_("Online link"),
        help_text=_("The web address to join, if online."),
    )
    capacity = forms.IntegerField(
        min_value=1,
        max_value=MAX_CAPACITY,
        label=_("Places"),
        help_text=_("How many people can come."),
    )
    accessibility = forms.CharField(
        max_length=500,
        required=False,
        label=_("Accessibility details"),
        help_text=_("Step-free entrance, seating, toilets, parking…"),
    )
    support = forms.MultipleChoiceField(
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Support offered"),
    )
    stage: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,
        empty_label=None,
        label=_("Stage"),
        help_text=_("The stage the attendees' time is recorded in."),
    )
    facilitators: forms.ModelMultipleChoiceField[Any] = IdsChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Facilitators"),
        help_text=_("Members who may take attendance and enter the results."),
    )

    def __init__(
        self, *args: Any, initiative: Initiative, event: Event | None = None, **kwargs: Any
    ):
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{
                    name: getattr(event, name)
                    for name in self.base_fields
                    if name != "facilitators"
                },
                "facilitators": list(event.facilitators.all()),
            }
        super().__init__(*args, **kwargs)
        stages = initiative.stages.all()
        self.fields["stage"].queryset = stages  # type: ignore[attr-defined]
        planning = stage_of(initiative, StageKind.CO_PLANNING)
        if event is None and planning is not None:
            self.fields["stage"].initial = planning
        self.fields["facilitators"].queryset = active_people(initiative)  # type: ignore[attr-defined]


class RegisterForm(forms.Form):
    access_needs = forms.MultipleChoiceField(
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Do you need any of these?"),
        help_text=_("Only the initiative's coordinators see this, to make the event work for you."),
    )
    access_notes = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Anything else we should know"),
        help_text=_("Only the coordinators see this."),
    )


class AttendanceForm(forms.Form):
    """The people registered (and walk-ins already added) as checkboxes, minutes for anyone
    who stayed for part of it, and a member to add who came without registering."""

    present = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label=_("Who came")
    )
    walk_in = PersonField(
        required=False,
        label=_("Add someone who came without registering"),
        empty_label=_("No one else came"),
        help_text=_("A member of the initiative, chosen by name."),
    )

    def __init__(self, *args: Any, people: list[Any], event_minutes: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.people = {str(person.pk): person for person in people}
        self.fields["present"].choices = [(pk, str(p)) for pk, p in self.people.items()]  # type: ignore[attr-defined]
        for pk, person in self.people.items():
            self.fields[f"minutes_{pk}"] = forms.IntegerField(
                min_value=1,
                max_value=event_minutes,
                required=False,
                label=gettext("Minutes %(person)s stayed") % {"person": person},
                help_text=gettext("Leave empty for the whole event (%(minutes)s minutes).")
                % {"minutes": event_minutes},
            )

    def minute_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("minutes_")]


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text: what was said and agreed. Line breaks are kept."),
    )


class DotSetupForm(forms.Form):
    dots_per_person = forms.IntegerField(
        min_value=1, max_value=MAX_DOTS, label=_("Dots each attendee has")
    )
    options = forms.CharField(
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        label=_("Options"),
        help_text=_("One a line, 2 to 30."),
    )


class DotsForm(forms.Form):
    """One attendee's dots, option by option."""

    person = forms.ChoiceField(label=_("Attendee"))

    def __init__(self, *args: Any, people: list[Any], options: list[Any], dots: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        self.fields["person"].choices = [(pk, str(p)) for pk, p in self.people.items()]  # type: ignore[attr-defined]
        self.options = {f"option_{o.pk}": o for o in options}
        for name, option in self.options.items():
            self.fields[name] = forms.IntegerField(
                min_value=0,
                max_value=dots,
                required=False,
                label=gettext("Dots on %(option)s") % {"option": option.label},
                help_text=_("Leave empty for none."),
            )

    def counts(self) -> dict[int, int]:
        return {o.pk: self.cleaned_data.get(name) or 0 for name, o in self.options.items()}
