"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py).

The member is paired with a worker who holds no role in the grid, and has a reading: the
member's progress is theirs alone here (not found for the coordinator, other coordinators
and staff). The coordinator defines the scale and pairs people; coordinators and staff see
the change across people."""

import datetime

from conftest import World
from coproduce.personaloutcomes.tests.people import LABELS, read, set_up
from tests.grid import PAGE_MANAGE, Expectation, Targets, signed_in

OWN_ONLY_PAGE = signed_in(302, member=200, coordinator=404, other_coordinator=404, staff=404)
SCALE_FORM = {
    "name": "Steps forward",
    "domains": "Managing money: Bills, budget, debt.\nLiving skills: Cooking and keeping house."
    "\nFriends: People to turn to.",
    **{f"label_{step}": label for step, label in enumerate(LABELS, start=1)},
}

EXPECTED: dict[str, list[Expectation]] = {
    "personaloutcomes:scale": [
        (
            "get",
            None,
            signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=403),
        ),
        (
            "post",
            SCALE_FORM,
            signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "personaloutcomes:pairings": [
        ("get", None, PAGE_MANAGE),
        (
            # the coordinator pairs themself with the worker (never as anyone's worker)
            "post",
            {"person": "<coordinator>", "worker": "<worker>"},
            signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "personaloutcomes:people": [
        ("get", None, signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403))
    ],
    "personaloutcomes:person": [("get", None, OWN_ONLY_PAGE)],
    "personaloutcomes:reading_new": [
        ("get", None, OWN_ONLY_PAGE),
        ("post", {}, signed_in(302, member=400, coordinator=404, other_coordinator=404, staff=404)),
    ],
    "personaloutcomes:reading_correct": [
        ("get", None, OWN_ONLY_PAGE),
        ("post", {}, signed_in(302, member=400, coordinator=404, other_coordinator=404, staff=404)),
    ],
    "personaloutcomes:change": [
        ("get", None, signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=200))
    ],
    "api:personal-scale-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=200),
        ),
        ("post", {}, signed_in(403, member=405, coordinator=405, other_coordinator=405, staff=405)),
    ],
    "api:my-reading-list": [
        # everyone's own readings only: none for those without any
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {
                "taken_on": "2026-03-01",
                "scores": [
                    {"domain": "<domain1>", "score": 4},
                    {"domain": "<domain2>", "score": 5},
                    {"domain": "<domain3>", "score": 6, "note": "Better"},
                ],
            },
            # a member scores themself; those with no membership here cannot
            signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
}


def targets(world: World) -> Targets:
    setup = set_up(world)
    reading = read(setup, setup.worker, (3, 4, 5), datetime.date(2026, 2, 1))
    slug = world.initiative.slug
    domains = list(setup.scale.domains.values_list("pk", flat=True))
    member = {"slug": slug, "person_id": world.member.pk}
    return {
        "kwargs": {
            "personaloutcomes:person": lambda: member,
            "personaloutcomes:reading_new": lambda: member,
            "personaloutcomes:reading_correct": lambda: {"slug": slug, "pk": reading.pk},
        },
        "placeholders": {
            "<member>": str(world.member.pk),
            "<coordinator>": str(world.coordinator.pk),
            "<worker>": str(setup.worker.pk),
            **{f"<domain{i}>": pk for i, pk in enumerate(domains, start=1)},
        },
    }
