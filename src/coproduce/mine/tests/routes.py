"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from conftest import World
from tests.grid import PAGE_SIGNED_IN, Expectation, Targets, signed_in

EXPECTED: dict[str, list[Expectation]] = {
    "mine:page": [("get", None, PAGE_SIGNED_IN)],
    "api:my": [
        ("get", None, signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200))
    ],
}


def targets(world: World) -> Targets:
    return {}
