"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from conftest import World
from tests.grid import Expectation, Targets, for_all, signed_in

NOT_ALLOWED = signed_in(403, member=405, coordinator=405, other_coordinator=405, staff=405)

# Read-only: whoever may view the (public) initiative reads its diagnostics.
EXPECTED: dict[str, list[Expectation]] = {
    "api:diagnostics": [("get", None, for_all(200)), ("post", {}, NOT_ALLOWED)],
    "api:diagnostics-portfolio": [("get", None, for_all(200)), ("post", {}, NOT_ALLOWED)],
}


def targets(world: World) -> Targets:
    return {"kwargs": {"api:diagnostics": lambda: {"initiative_slug": world.initiative.slug}}}
