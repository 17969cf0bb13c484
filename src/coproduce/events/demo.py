"""The demo's events, in the live Riverside repairs panel: an illustrative Planning for
Real workshop coming up, with a few people registered, and a past one with attendance
and dot-voting. Neither describes a real event."""

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from coproduce.core.vocabulary import StageKind
from coproduce.events import services
from coproduce.events.models import Event
from coproduce.initiatives.demo import demo_stage

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

ILLUSTRATIVE = " (An illustrative demo event.)"


def load(demo: "Demo") -> None:
    riverside = demo.initiative("riverside-repairs-panel")
    if Event.objects.filter(initiative=riverside).exists():
        return
    amara, jo, sam, rhian = (demo.people[n] for n in ("amara", "jo", "sam", "rhian"))
    stage = demo_stage(riverside, StageKind.CO_DESIGN)
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    coming = today.replace(hour=10) + datetime.timedelta(days=12)
    common = {
        "actor": amara,
        "initiative": riverside,
        "stage": stage,
        "format": "planning_for_real",
        "place": "Riverside community centre, main hall",
        "accessibility": "Step-free entrance, accessible toilet, seats at every table.",
        "support": ["childcare", "hearing_loop", "travel"],
        "facilitators": [jo],
    }
    upcoming = services.event_create(
        **common,
        title="Planning for Real: the estate model",
        description="Place flags on a model of the estate to show which repairs matter "
        "most and where." + ILLUSTRATIVE,
        starts_at=coming,
        ends_at=coming + datetime.timedelta(hours=2),
        capacity=25,
    )
    services.event_register(actor=sam, event=upcoming, access_needs=["hearing_loop"])
    services.event_register(actor=rhian, event=upcoming)
    held_on = today.replace(hour=18) - datetime.timedelta(days=21)
    held = services.event_create(
        **common,
        title="Repairs priorities evening",
        description="Residents and the repairs team looked at last year's repairs and "
        "chose what to fix first." + ILLUSTRATIVE,
        starts_at=held_on,
        ends_at=held_on + datetime.timedelta(minutes=90),
        capacity=30,
    )
    services.attendance_take(
        actor=jo, event=held, present={jo: None, sam: None, rhian: 60, amara: None}
    )
    services.notes_set(
        actor=jo,
        event=held,
        notes="Damp in the tower blocks came top.\nThe repairs team will report back "
        "at the next panel meeting.",
    )
    damp, lifts, lighting = services.dot_voting_set_up(
        actor=jo,
        event=held,
        dots_per_person=3,
        options=["Damp and mould", "Lifts out of order", "Stairwell lighting"],
    )
    for person, counts in (
        (jo, {damp.pk: 2, lighting.pk: 1}),
        (sam, {damp.pk: 1, lifts.pk: 2}),
        (rhian, {damp.pk: 3}),
        (amara, {lifts.pk: 1, lighting.pk: 1}),
    ):
        services.dots_enter(actor=jo, event=held, person=person, counts=counts)
