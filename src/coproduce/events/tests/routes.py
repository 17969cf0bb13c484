"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py):
anyone who may see the initiative reads its events and their calendars; active members
register and cancel; only its coordinators (not staff: the initiative speaks through them)
plan events and see registrations with access needs; coordinators and named facilitators
take attendance and enter the outputs (no one is named here, so coordinators alone)."""

import datetime

from django.utils import timezone

from conftest import World
from coproduce.events import services
from coproduce.events.models import Event
from tests.grid import Expectation, Targets, for_all, signed_in

COORDINATORS = signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=403)
COORDINATORS_SAVE = signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=403)
MEMBERS = signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403)
EVENT = {
    "format": "workshop",
    "title": "Design workshop",
    "description": "Sketch the new play area.",
    "starts_at": "2027-06-01T10:00",
    "ends_at": "2027-06-01T12:00",
    "place": "Hall",
    "capacity": "10",
    "stage": "<stage>",
}
API_FACILITATORS = signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=403)

EXPECTED: dict[str, list[Expectation]] = {
    "events:list": [("get", None, for_all(200))],
    "events:create": [("get", None, COORDINATORS), ("post", EVENT, COORDINATORS_SAVE)],
    "events:initiative_ics": [("get", None, for_all(200))],
    "events:detail": [("get", None, for_all(200))],
    "events:edit": [("get", None, COORDINATORS), ("post", EVENT, COORDINATORS_SAVE)],
    "events:ics": [("get", None, for_all(200))],
    "events:register": [
        ("get", None, MEMBERS),
        (
            "post",
            {"access_needs": "bsl"},
            signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    # the member cancels their place; the coordinator has none, and is told so
    "events:cancel": [
        (
            "get",
            None,
            signed_in(302, member=405, coordinator=405, other_coordinator=405, staff=405),
        ),
        ("post", {}, signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403)),
    ],
    "events:registrations": [("get", None, COORDINATORS)],
    "events:attendance": [
        ("get", None, COORDINATORS),
        ("post", {"walk_in": "Mo Member"}, COORDINATORS_SAVE),
    ],
    "events:outputs": [
        ("get", None, COORDINATORS),
        ("post", {"part": "notes", "notes": "Agreed."}, COORDINATORS_SAVE),
    ],
    "events:dots": [
        ("get", None, COORDINATORS),
        ("post", {"person": "<member>"}, COORDINATORS_SAVE),
    ],
    "api:event-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {**EVENT, "stage": "co_design", "capacity": 10},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:event-detail": [("get", None, for_all(200))],
    "api:event-register": [
        ("post", {}, signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403)),
    ],
    "api:event-cancel": [
        ("post", {}, signed_in(403, member=200, coordinator=400, other_coordinator=403, staff=403)),
    ],
    "api:event-attendance": [
        ("get", None, API_FACILITATORS),
        ("post", {"present": [{"person": "member"}]}, API_FACILITATORS),
    ],
}


def _event(world: World, title: str, days: int) -> Event:
    starts = timezone.now() + datetime.timedelta(days=days)
    return services.event_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=world.stage,
        format="workshop",
        title=title,
        description="Sketch the new play area.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Hall",
        capacity=10,
    )


def targets(world: World) -> Targets:
    """An upcoming event, another the member is registered for, and a past one the member
    attended, with dot-voting options."""
    coming = _event(world, "Coming", 5)
    booked = _event(world, "Booked", 6)
    services.event_register(actor=world.member, event=booked)
    held = _event(world, "Held", -2)
    services.attendance_take(actor=world.coordinator, event=held, present={world.member: None})
    services.dot_voting_set_up(
        actor=world.coordinator, event=held, dots_per_person=3, options=["Swings", "Slide"]
    )
    slug = world.initiative.slug

    def page(event: Event) -> dict:
        return {"slug": slug, "pk": event.pk}

    def api(event: Event) -> dict:
        return {"initiative_slug": slug, "pk": event.pk}

    return {
        "kwargs": {
            "events:detail": lambda: page(coming),
            "events:edit": lambda: page(coming),
            "events:ics": lambda: page(coming),
            "events:register": lambda: page(coming),
            "events:cancel": lambda: page(booked),
            "events:registrations": lambda: page(booked),
            "events:attendance": lambda: page(held),
            "events:outputs": lambda: page(held),
            "events:dots": lambda: page(held),
            "api:event-detail": lambda: api(coming),
            "api:event-register": lambda: api(coming),
            "api:event-cancel": lambda: api(booked),
            "api:event-attendance": lambda: api(held),
        },
        "placeholders": {"<member>": world.member.pk},
    }
