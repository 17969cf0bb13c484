"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py):
everyone who may see the initiative reads the self-assessment; its active members (the
member and the coordinator here) answer, and no one else, staff included."""

from conftest import World
from tests.grid import Expectation, Targets, for_all, signed_in

EXPECTED: dict[str, list[Expectation]] = {
    "selfassessment:page": [
        ("get", None, for_all(200)),
        (
            "post",
            {"people_as_assets": "4", "include_the_weakest": "dont_know"},
            signed_in(403, member=302, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "api:self-assessment": [
        ("get", None, for_all(200)),
        (
            "put",
            {"ratings": {"people_as_assets": 4, "include_the_weakest": None}},
            signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
        ("post", {}, signed_in(403, member=405, coordinator=405, other_coordinator=405, staff=405)),
    ],
}


def targets(world: World) -> Targets:
    return {}
