"""Concurrent registrations on PostgreSQL: an event never takes more people than its
places, and everyone else waits."""

from typing import Any

from conftest import World, add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.events import services
from coproduce.events.models import Registration
from coproduce.events.tests.conftest import make_workshop

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


def test_fifty_registrations_at_once_for_ten_places(transactional_db: Any) -> None:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    stage = initiative.stages.get()
    world = World(initiative, stage, initiative, stage, *[coordinator] * 5)
    workshop = make_workshop(world, capacity=10, residents=0)
    people = [make_user(f"p{i}") for i in range(50)]
    for person in people:
        add_member(initiative, person)
    results = hammer(50, lambda i: services.event_register(actor=people[i], event=workshop.event))
    assert all(isinstance(r, Registration) for r in results), results
    counts = {
        status: Registration.objects.filter(event=workshop.event, status=status).count()
        for status in ("registered", "waiting")
    }
    assert counts == {"registered": 10, "waiting": 40}
