"""Writes for events. Places are taken under a lock on the event, so an event never has
more people registered than its capacity however many register at once, and the waiting
list moves up in the order people joined it."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from coproduce.core import gate
from coproduce.core.dates import check_date, check_order
from coproduce.core.vocabulary import ContributionKind, Unit
from coproduce.events.models import (
    MAX_CAPACITY,
    MAX_DOTS,
    AccessNeed,
    Attendance,
    DotOption,
    DotVote,
    Event,
    Registration,
    RegistrationStatus,
    Support,
)
from coproduce.events.tasks import email_registrant
from coproduce.initiatives.models import Initiative, Stage
from coproduce.initiatives.selectors import check_stage, standing
from coproduce.record import services as record
from coproduce.record.selectors import standing_entries_from

REMINDER_LEAD = datetime.timedelta(hours=24)  # the reminder goes out a day before
LONGEST = datetime.timedelta(hours=24)
CORRECTED = gettext_lazy("Attendance corrected at the event.")
EVENT_FIELDS = (
    "format",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "online_link",
    "capacity",
    "accessibility",
    "support",
)


def _check_event(event: Event) -> None:
    if "\n" in event.title or "\r" in event.title:
        raise ValidationError({"title": _("Write the title on one line.")})
    check_date("starts_at", event.starts_at)
    check_date("ends_at", event.ends_at)
    check_order(event.starts_at, "ends_at", event.ends_at, _("The event must end after it starts."))
    if event.ends_at - event.starts_at > LONGEST:
        raise ValidationError({"ends_at": _("An event lasts at most 24 hours; add one per day.")})
    if not 1 <= event.capacity <= MAX_CAPACITY:
        raise ValidationError(
            {"capacity": _("Give between 1 and %(most)s places.") % {"most": f"{MAX_CAPACITY:,}"}}
        )
    if event.online_link and urlsplit(event.online_link).scheme not in ("http", "https"):
        raise ValidationError(
            {"online_link": _("Give a web address starting http:// or https://.")}
        )
    if not event.place.strip() and not event.online_link:
        raise ValidationError({"place": _("Say where the event is, or give its online link.")})
    unknown = set(event.support) - set(Support.values)
    if unknown or not isinstance(event.support, list):
        raise ValidationError({"support": _("Choose the support from the list.")})
    event.full_clean(exclude=["facilitators"])


def _check_facilitators(initiative: Initiative, facilitators: Iterable[Any]) -> list[Any]:
    people = list(facilitators)
    if any(not standing(person, initiative).active for person in people):
        raise ValidationError(
            {"facilitators": _("Facilitators must be members of the initiative.")}
        )
    return people


@transaction.atomic
def event_create(
    *,
    actor: Any,
    initiative: Initiative,
    stage: Stage,
    facilitators: Iterable[Any] = (),
    **fields: Any,
) -> Event:
    gate.require(actor, "events.manage", initiative)
    check_stage(initiative, stage)
    people = _check_facilitators(initiative, facilitators)
    event = Event(initiative=initiative, stage=stage, created_by=actor, **fields)
    _check_event(event)
    event.save()
    event.facilitators.set(people)
    return event


@transaction.atomic
def event_update(
    *, actor: Any, event: Event, facilitators: Iterable[Any] | None = None, **fields: Any
) -> Event:
    """Change an event; more places move people up from the waiting list, and places
    already taken cannot be taken away."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    gate.require(actor, "events.manage", event.initiative)
    stage = fields.pop("stage", None)
    if stage is not None:
        check_stage(event.initiative, stage)
        event.stage = stage
    for name, value in fields.items():
        if name not in EVENT_FIELDS:
            raise ValidationError({name: _("This cannot be changed.")})
        setattr(event, name, value)
    taken = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    if event.capacity < taken:
        raise ValidationError(
            {
                "capacity": ngettext(
                    "%(taken)s people have places already; give at least %(taken)s.",
                    "%(taken)s people have places already; give at least %(taken)s.",
                    taken,
                )
                % {"taken": taken}
            }
        )
    _check_event(event)
    event.save()
    if facilitators is not None:
        event.facilitators.set(_check_facilitators(event.initiative, facilitators))
    for _place in range(event.capacity - taken):
        if _promote_first_waiting(event) is None:
            break
    return event


def _check_access_needs(access_needs: Iterable[str], access_notes: str) -> list[str]:
    needs = list(dict.fromkeys(access_needs))
    if set(needs) - set(AccessNeed.values):
        raise ValidationError({"access_needs": _("Choose access needs from the list.")})
    if len(access_notes) > 1000:
        raise ValidationError({"access_notes": _("Write at most 1,000 characters.")})
    return needs


@transaction.atomic
def event_register(
    *, actor: Any, event: Event, access_needs: Iterable[str] = (), access_notes: str = ""
) -> Registration:
    """Take a place at the event, or join its waiting list when it is full. Only members
    register: someone signed in joins the initiative first."""
    event = Event.objects.select_for_update().select_related("initiative").get(pk=event.pk)
    gate.require(actor, "events.register", event.initiative)
    needs = _check_access_needs(access_needs, access_notes)
    if event.starts_at <= timezone.now():
        raise ValidationError({"event": _("This event has already started.")})
    existing = Registration.objects.filter(event=event, person=actor).first()
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        raise ValidationError({"event": _("You are already registered for this event.")})
    taken = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    registration = existing or Registration(event=event, person=actor)
    registration.status = (
        RegistrationStatus.REGISTERED if taken < event.capacity else RegistrationStatus.WAITING
    )
    registration.queued_at, registration.reminded_at = timezone.now(), None
    registration.access_needs, registration.access_notes = needs, access_notes.strip()
    registration.save()
    if registration.status == RegistrationStatus.REGISTERED:
        _schedule_reminder(registration)
    return registration


def _schedule_reminder(registration: Registration) -> None:
    """Queue the reminder for a day before the event (now, if that is past), once the
    transaction that gave the place has committed."""
    due = registration.event.starts_at - REMINDER_LEAD
    later = email_registrant.using(run_after=due) if due > timezone.now() else email_registrant
    transaction.on_commit(lambda: later.enqueue(registration.pk, "reminder"))


def _promote_first_waiting(event: Event) -> Registration | None:
    waiting = (
        event.registrations.filter(status=RegistrationStatus.WAITING)
        .order_by("queued_at", "pk")
        .first()
    )
    if waiting is not None:
        waiting.status = RegistrationStatus.REGISTERED
        waiting.save(update_fields=["status"])
        transaction.on_commit(lambda: email_registrant.enqueue(waiting.pk, "place"))
        _schedule_reminder(waiting)
    return waiting


@transaction.atomic
def registration_cancel(*, actor: Any, registration: Registration) -> Registration | None:
    """Give up a place (or leave the waiting list); the first person waiting takes the
    place. Returns the registration that moved up, if any."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.person_id != actor.pk:
        gate.require(actor, "events.manage", event.initiative)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError({"registration": _("This registration is already cancelled.")})
    if event.starts_at <= timezone.now():
        raise ValidationError({"registration": _("The event has started; nothing to cancel.")})
    had_place = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    return _promote_first_waiting(event) if had_place else None


def _withdraw(actor: Any, attendance: Attendance) -> None:
    attendance.withdrawn_at = timezone.now()
    attendance.save(update_fields=["withdrawn_at"])
    for entry in standing_entries_from(attendance):
        record.contribution_reverse(actor=actor, contribution=entry, reason=str(CORRECTED))


def _attend(actor: Any, event: Event, person: Any, minutes: int, walk_in: bool) -> Attendance:
    attendance = Attendance.objects.create(
        event=event, person=person, minutes=minutes, walk_in=walk_in, recorded_by=actor
    )
    attendance.contribution = record.do_record_contribution(
        source=attendance,
        recorded_by=actor,
        initiative=event.initiative,
        stage=event.stage,
        kind=ContributionKind.TIME,
        quantity=minutes,
        unit=Unit.MINUTES,
        occurred_on=timezone.localtime(event.starts_at).date(),
        description=(_("Took part in %(title)s") % {"title": event.title})[:500],
        contributor=person,
    )
    attendance.save(update_fields=["contribution"])
    return attendance


@transaction.atomic
def attendance_take(
    *, actor: Any, event: Event, present: Mapping[Any, int | None], absent: Iterable[Any] = ()
) -> list[Attendance]:
    """Record who came (person -> minutes, None for the event's length) and who did not.
    Each attendee's time goes to the record as a contribution on their side; a change
    withdraws the old attendance and reverses its contribution, never edits it."""
    event = Event.objects.select_for_update().select_related("initiative", "stage").get(pk=event.pk)
    gate.require(actor, "events.facilitate", event)
    if event.starts_at > timezone.now():
        raise ValidationError({"attendance": _("Attendance is taken once the event has started.")})
    registered = set(
        event.registrations.filter(status=RegistrationStatus.REGISTERED).values_list(
            "person_id", flat=True
        )
    )
    current = {a.person_id: a for a in event.attendances.filter(withdrawn_at__isnull=True)}
    for person in absent:
        if person.pk in current:
            _withdraw(actor, current.pop(person.pk))
    kept = []
    for person, minutes in present.items():
        minutes = event.minutes if minutes is None else minutes
        if not 1 <= minutes <= min(event.minutes, 24 * 60):
            raise ValidationError(
                {
                    "minutes": _("Give %(person)s's minutes between 1 and %(most)s.")
                    % {"person": person, "most": event.minutes}
                }
            )
        if not standing(person, event.initiative).active:
            raise ValidationError(
                {"person": _("%(person)s is not a member of this initiative.") % {"person": person}}
            )
        earlier = current.get(person.pk)
        if earlier is not None and earlier.minutes == minutes:
            kept.append(earlier)
            continue
        if earlier is not None:
            _withdraw(actor, earlier)
        walk_in = person.pk not in registered
        kept.append(_attend(actor, event, person, minutes, walk_in))
    return kept


@transaction.atomic
def notes_set(*, actor: Any, event: Event, notes: str) -> Event:
    """The event's notes: plain text, shown with its line breaks."""
    gate.require(actor, "events.facilitate", event)
    if len(notes) > 20000:
        raise ValidationError({"notes": _("Write at most 20,000 characters.")})
    event.notes = notes.strip()
    event.save(update_fields=["notes"])
    return event


@transaction.atomic
def dot_voting_set_up(
    *, actor: Any, event: Event, dots_per_person: int, options: Iterable[str]
) -> list[DotOption]:
    """Name the options and how many dots each attendee has; fixed once dots are entered."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    gate.require(actor, "events.facilitate", event)
    labels = [label.strip() for label in options if label.strip()]
    if not 1 <= dots_per_person <= MAX_DOTS:
        raise ValidationError(
            {"dots_per_person": _("Give between 1 and %(most)s dots.") % {"most": MAX_DOTS}}
        )
    if not 2 <= len(labels) <= 30:
        raise ValidationError({"options": _("Give between 2 and 30 options, one a line.")})
    if len(set(labels)) != len(labels):
        raise ValidationError({"options": _("Each option must be different.")})
    if any(len(label) > 200 for label in labels):
        raise ValidationError({"options": _("Keep each option to 200 characters.")})
    if DotVote.objects.filter(option__event=event).exists():
        raise ValidationError({"options": _("Dots are entered already; the options stay.")})
    event.dot_options.all().delete()
    event.dots_per_person = dots_per_person
    event.save(update_fields=["dots_per_person"])
    return [DotOption.objects.create(event=event, label=label) for label in labels]


@transaction.atomic
def dots_enter(
    *, actor: Any, event: Event, person: Any, counts: Mapping[int, int]
) -> list[DotVote]:
    """Enter one attendee's dots (option id -> dots), replacing what was entered for them:
    each attendee has the event's number of dots at most, so every count can be checked."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    gate.require(actor, "events.facilitate", event)
    options = {option.pk: option for option in event.dot_options.all()}
    if not options:
        raise ValidationError({"dots": _("Set up the options first.")})
    if not event.attendances.filter(person=person, withdrawn_at__isnull=True).exists():
        raise ValidationError(
            {"person": _("%(person)s did not attend this event.") % {"person": person}}
        )
    if set(counts) - set(options):
        raise ValidationError({"dots": _("That option is not one of this event's.")})
    if any(not 0 <= dots <= event.dots_per_person for dots in counts.values()):
        raise ValidationError(
            {"dots": _("Give between 0 and %(most)s dots.") % {"most": event.dots_per_person}}
        )
    placed, allowed = sum(counts.values()), event.dots_per_person
    if placed > allowed:
        raise ValidationError(
            {
                "dots": _("%(person)s placed %(placed)s dots; each has %(allowed)s.")
                % {"person": person, "placed": placed, "allowed": allowed}
            }
        )
    DotVote.objects.filter(option__event=event, person=person).delete()
    return [
        DotVote.objects.create(option=options[pk], person=person, dots=dots)
        for pk, dots in counts.items()
        if dots > 0
    ]
