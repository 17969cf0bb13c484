from typing import Any

import pytest

from conftest import World, add_member, make_user
from coproduce.timecredits import services as credits


@pytest.fixture
def neighbours(world: World) -> tuple[Any, Any]:
    """Two members: a driver who offers lifts, and a patient with 120 minutes of credit."""
    driver, patient = make_user("driver"), make_user("patient")
    for person in (driver, patient):
        add_member(world.initiative, person)
    credits.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=patient, minutes_given=120
    )
    return driver, patient
