"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from conftest import World
from tests.grid import Expectation, Targets, for_all

# Public: whoever may view the (public) initiative reads its accountability page; it answers
# GET and HEAD only.
EXPECTED: dict[str, list[Expectation]] = {
    "accountability:page": [("get", None, for_all(200)), ("post", {}, for_all(405))],
}


def targets(world: World) -> Targets:
    return {}
