"""A journey map of the world's initiative with three stages, and members on both sides."""

from dataclasses import dataclass
from typing import Any

import pytest

from conftest import World, add_member, make_user
from coproduce.accounts.models import User
from coproduce.core.vocabulary import Role, Side
from coproduce.journeymaps import services
from coproduce.journeymaps.models import JourneyMap, JourneyNote, JourneyStage

STAGES = ("Reporting the repair", "Waiting for the visit", "The repair is done")


@dataclass
class Journey:
    map: JourneyMap
    stages: list[JourneyStage]


@pytest.fixture
def journey(world: World) -> Journey:
    journey_map = services.journey_map_save(
        actor=world.coordinator,
        initiative=world.initiative,
        title="Getting a repair done",
        description="A tenant's repair, from reporting it to its being fixed.",
    )
    stages = [
        services.journey_stage_add(actor=world.coordinator, journey_map=journey_map, name=name)
        for name in STAGES
    ]
    return Journey(journey_map, stages)


def residents(world: World, count: int, prefix: str = "resident") -> list[User]:
    """``count`` more active members on the citizens' side."""
    people = [make_user(f"{prefix}{i}", display_name=f"Resident Number{i}") for i in range(count)]
    for person in people:
        add_member(world.initiative, person)
    return people


def staff_members(world: World, count: int) -> list[User]:
    """``count`` more active members on the professionals' side (approved by a coordinator)."""
    people = [make_user(f"officer{i}", display_name=f"Officer Number{i}") for i in range(count)]
    for person in people:
        add_member(
            world.initiative, person, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL
        )
    return people


def feel(journey: Journey, people: list[User], feelings: list[int], stage: int = 0) -> list[Any]:
    """Each person says how the person feels at the stage."""
    return [
        services.journey_note_add(
            actor=person,
            journey_map=journey.map,
            stage=journey.stages[stage],
            kind="feels",
            text=f"Feeling {value}",
            feeling=value,
        )
        for person, value in zip(people, feelings, strict=True)
    ]


def note(journey: Journey, person: User, kind: str = "pain_point", stage: int = 0) -> JourneyNote:
    return services.journey_note_add(
        actor=person,
        journey_map=journey.map,
        stage=journey.stages[stage],
        kind=kind,
        text="Nobody said when they would come.",
    )


def as_text(response: Any) -> str:
    return response.content.decode()
