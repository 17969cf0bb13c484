import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives
from coproduce.volunteering import services
from coproduce.volunteering.models import Opportunity, Shift


@dataclass
class Rota:
    world: World
    opportunity: Opportunity
    shift: Shift
    volunteers: list[Any]


def make_rota(world: World, capacity: int = 2, **fields: Any) -> Rota:
    stage = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_PERFORMING
    )
    opportunity = services.opportunity_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=stage,
        title="Community shop counter",
        role="Serve customers",
        description="Serve at the village shop counter.",
        **fields,
    )
    starts = timezone.now() + datetime.timedelta(days=2)
    shift = services.shift_add(
        actor=world.coordinator,
        opportunity=opportunity,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        capacity=capacity,
    )
    volunteers = [make_user(f"v{i}", display_name=f"Volunteer {i}") for i in range(3)]
    for person in volunteers:
        add_member(world.initiative, person)
    return Rota(world=world, opportunity=opportunity, shift=shift, volunteers=volunteers)


@pytest.fixture
def rota(world: World) -> Rota:
    return make_rota(world)


def start_shift(shift: Shift) -> None:
    """Move the shift into the past, as if it had happened (3 hours long)."""
    began = timezone.now() - datetime.timedelta(hours=4)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=began, ends_at=began + datetime.timedelta(hours=3)
    )
    shift.refresh_from_db()
