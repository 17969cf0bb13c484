import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import Side, StageKind
from coproduce.events import services
from coproduce.events.models import Event
from coproduce.initiatives import services as initiatives


@dataclass
class Workshop:
    world: World
    event: Event
    residents: list[Any]


def make_workshop(world: World, capacity: int = 2, residents: int = 3, **fields: Any) -> Workshop:
    stage = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_PLANNING
    )
    starts = timezone.now() + datetime.timedelta(days=2)
    event = services.event_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=stage,
        format="planning_for_real",
        title="Planning for Real: the riverside",
        description="Bring your ideas for the riverside to the model.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Community hall, 1 Mill Lane",
        capacity=capacity,
        **fields,
    )
    people = [make_user(f"r{i}", display_name=f"Resident {i}") for i in range(residents)]
    for person in people:
        add_member(world.initiative, person)
    return Workshop(world=world, event=event, residents=people)


@pytest.fixture
def workshop(world: World) -> Workshop:
    return make_workshop(world)


def hold(event: Event) -> None:
    """Move the event into the past, as if it had happened (2 hours long)."""
    began = timezone.now() - datetime.timedelta(hours=3)
    Event.objects.filter(pk=event.pk).update(
        starts_at=began, ends_at=began + datetime.timedelta(hours=2)
    )
    event.refresh_from_db()


def add_professional(world: World, username: str = "pro") -> Any:
    person = make_user(username, display_name="Pat Professional")
    add_member(world.initiative, person, side=Side.REGULAR_PRODUCER, role="frontline_professional")
    return person
