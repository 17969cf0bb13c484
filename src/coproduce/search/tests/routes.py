"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from conftest import World
from tests.grid import Expectation, Targets, for_all

EXPECTED: dict[str, list[Expectation]] = {
    "search:search": [("get", None, for_all(200))],
    "api:search": [("get", None, for_all(400))],  # no query: says what to type
}


def targets(world: World) -> Targets:
    return {}
