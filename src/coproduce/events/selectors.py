"""Reads for events. Nothing here returns access needs except ``registrations_for``, which
only coordinators' pages and API call."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from coproduce.core.charts import Bar, bars
from coproduce.events.models import Attendance, DotOption, Event, Registration, RegistrationStatus
from coproduce.initiatives.models import Initiative

REGISTERED = Q(registrations__status=RegistrationStatus.REGISTERED)
WAITING = Q(registrations__status=RegistrationStatus.WAITING)


def with_places(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events annotated with ``taken`` and ``waiting`` places."""
    return events.annotate(
        taken=Count("registrations", filter=REGISTERED),
        waiting=Count("registrations", filter=WAITING),
    )


def events_of(initiative: Initiative) -> QuerySet[Event]:
    return with_places(
        Event.objects.filter(initiative=initiative)
        .select_related("stage")
        .order_by("starts_at", "pk")
    )


def upcoming(initiative: Initiative) -> QuerySet[Event]:
    """Events not yet over, soonest first."""
    return events_of(initiative).filter(ends_at__gt=timezone.now()).order_by("starts_at", "pk")


def past(initiative: Initiative) -> QuerySet[Event]:
    """Events that are over, latest first."""
    return events_of(initiative).filter(ends_at__lte=timezone.now()).order_by("-starts_at", "-pk")


def event_with_places(event: Event) -> Event:
    return with_places(Event.objects.filter(pk=event.pk)).get()


def registration_of(event: Event, person: Any) -> Registration | None:
    """The person's own registration (not cancelled), if any."""
    if not person.is_authenticated:
        return None
    return (
        event.registrations.filter(person=person)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def waiting_position(registration: Registration) -> int | None:
    """Where someone stands on the waiting list (1 is next), or None with a place."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = registration.event.registrations.filter(status=RegistrationStatus.WAITING).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registrations_for(event: Event) -> QuerySet[Registration]:
    """Everyone registered or waiting, with their access needs: for coordinators only."""
    return (
        event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("person")
        .order_by("status", "queued_at", "pk")
    )


def registrations_of(initiative: Initiative, person: Any) -> QuerySet[Registration]:
    """A person's own registrations in the initiative."""
    return Registration.objects.filter(event__initiative=initiative, person=person).select_related(
        "event"
    )


@dataclass(frozen=True)
class AttendanceRow:
    person: Any
    registered: bool
    attendance: Attendance | None


def attendance_sheet(event: Event) -> list[AttendanceRow]:
    """The registered people and any walk-ins, each with their attendance if taken."""
    current = {
        a.person_id: a
        for a in event.attendances.filter(withdrawn_at__isnull=True).select_related("person")
    }
    rows = [
        AttendanceRow(r.person, True, current.pop(r.person_id, None))
        for r in event.registrations.filter(status=RegistrationStatus.REGISTERED)
        .select_related("person")
        .order_by("person__display_name", "person__username")
    ]
    rows += [AttendanceRow(a.person, False, a) for a in current.values()]
    return rows


def attendees(event: Event) -> list[Any]:
    return [
        a.person
        for a in event.attendances.filter(withdrawn_at__isnull=True)
        .select_related("person")
        .order_by("person__display_name", "person__username")
    ]


def attendance_count(event: Event) -> int:
    return event.attendances.filter(withdrawn_at__isnull=True).count()


@dataclass(frozen=True)
class DotResults:
    options: list[tuple[str, int]]
    chart: list[Bar]
    voters: int
    dots_per_person: int


def dot_results(event: Event) -> DotResults | None:
    """Dots per option, most first, and how many attendees' dots are in; None before any
    options are set."""
    options = list(
        DotOption.objects.filter(event=event)
        .annotate(total=Sum("votes__dots", default=0))
        .order_by("-total", "pk")
    )
    if not options:
        return None
    totals = [(option.label, int(option.total)) for option in options]
    voters = (
        Attendance.objects.filter(event=event, withdrawn_at__isnull=True)
        .filter(person__in=DotOption.objects.filter(event=event).values("votes__person"))
        .count()
    )
    return DotResults(
        options=totals,
        chart=bars((label, total, str(total), False) for label, total in totals),
        voters=voters,
        dots_per_person=event.dots_per_person,
    )


def dots_by_person(event: Event) -> dict[int, dict[int, int]]:
    """person id -> option id -> dots, as entered."""
    found: dict[int, dict[int, int]] = {}
    for option_id, person_id, dots in DotOption.objects.filter(event=event).values_list(
        "pk", "votes__person", "votes__dots"
    ):
        if person_id is not None:
            found.setdefault(person_id, {})[option_id] = dots
    return found
