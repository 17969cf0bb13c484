"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from conftest import World
from tests.grid import Expectation, Targets, for_all

EXPECTED: dict[str, list[Expectation]] = {
    "home": [("get", None, for_all(200))],
}


def targets(world: World) -> Targets:
    return {}
