"""Forms for events: they parse what people type; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from coproduce.core.people import PersonField
from coproduce.core.vocabulary import StageKind
from coproduce.events.models import MAX_CAPACITY, MAX_DOTS, AccessNeed, Event, EventFormat, Support
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import active_people, stage_of

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.Form):
    format = forms.ChoiceField(choices=EventFormat.choices)
    title = forms.CharField(max_length=200)
    description = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    starts_at = forms.DateTimeField(label="Starts", widget=WHEN, help_text="Day and time.")
    ends_at = forms.DateTimeField(label="Ends", widget=WHEN, help_text="Day and time.")
    place = forms.CharField(
        max_length=300, required=False, help_text="The address, if people come in person."
    )
    online_link = forms.URLField(
        max_length=500,
        required=False,
        assume_scheme="https",
        label="Online link",
        help_text="The web address to join, if online.",
    )
    capacity = forms.IntegerField(
        min_value=1, max_value=MAX_CAPACITY, label="Places", help_text="How many people can come."
    )
    accessibility = forms.CharField(
        max_length=500,
        required=False,
        label="Accessibility details",
        help_text="Step-free entrance, seating, toilets, parking…",
    )
    support = forms.MultipleChoiceField(
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Support offered",
    )
    stage: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,
        empty_label=None,
        help_text="The stage the attendees' time is recorded in.",
    )
    facilitators: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Members who may take attendance and enter the results.",
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
        label="Do you need any of these?",
        help_text="Only the initiative's coordinators see this, to make the event work for you.",
    )
    access_notes = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything else we should know",
        help_text="Only the coordinators see this.",
    )


class AttendanceForm(forms.Form):
    """The people registered (and walk-ins already added) as checkboxes, minutes for anyone
    who stayed for part of it, and a member to add who came without registering."""

    present = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Who came"
    )
    walk_in = PersonField(
        required=False,
        label=gettext_lazy("Add someone who came without registering"),
        empty_label=gettext_lazy("No one else came"),
        help_text=gettext_lazy("A member of the initiative, chosen by name."),
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
                label=f"Minutes {person} stayed",
                help_text=f"Leave empty for the whole event ({event_minutes} minutes).",
            )

    def minute_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("minutes_")]


class NotesForm(forms.Form):
    notes = forms.CharField(
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Plain text: what was said and agreed. Line breaks are kept.",
    )


class DotSetupForm(forms.Form):
    dots_per_person = forms.IntegerField(
        min_value=1, max_value=MAX_DOTS, label="Dots each attendee has"
    )
    options = forms.CharField(
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Options",
        help_text="One a line, 2 to 30.",
    )


class DotsForm(forms.Form):
    """One attendee's dots, option by option."""

    person = forms.ChoiceField(label="Attendee")

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
                label=f"Dots on {option.label}",
                help_text="Leave empty for none.",
            )

    def counts(self) -> dict[int, int]:
        return {o.pk: self.cleaned_data.get(name) or 0 for name, o in self.options.items()}
