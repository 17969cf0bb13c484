"""Concurrent sign-ups on PostgreSQL: a shift never takes more people than its capacity."""

from typing import Any

import pytest

from conftest import World, add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.volunteering import services
from coproduce.volunteering.models import SignUp
from coproduce.volunteering.tests.conftest import make_rota

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


@pytest.mark.parametrize("round_", range(3))
def test_thirty_sign_ups_at_once_for_five_places(transactional_db: Any, round_: int) -> None:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    world = World(
        initiative=initiative,
        stage=initiative.stages.get(),
        other=initiative,
        other_stage=initiative.stages.get(),
        coordinator=coordinator,
        member=coordinator,
        outsider=coordinator,
        other_coordinator=coordinator,
        staff=coordinator,
    )
    rota = make_rota(world, capacity=5)
    people = [make_user(f"p{i}") for i in range(30)]
    for person in people:
        add_member(initiative, person)
    results = hammer(30, lambda i: services.shift_sign_up(actor=people[i], shift=rota.shift))
    assert all(isinstance(r, SignUp) for r in results), results
    counts = {
        status: SignUp.objects.filter(shift=rota.shift, status=status).count()
        for status in ("confirmed", "waiting")
    }
    assert counts == {"confirmed": 5, "waiting": 25}
