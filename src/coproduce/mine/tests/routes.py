"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from conftest import World
from tests.grid import PAGE_SIGNED_IN, Expectation, Targets

EXPECTED: dict[str, list[Expectation]] = {
    "mine:page": [("get", None, PAGE_SIGNED_IN)],
}


def targets(world: World) -> Targets:
    return {}
