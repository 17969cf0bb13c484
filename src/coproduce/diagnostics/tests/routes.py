"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from conftest import World
from tests.grid import Expectation, Targets, for_all, signed_in

NOT_ALLOWED = signed_in(403, member=405, coordinator=405, other_coordinator=405, staff=405)

# Read-only: whoever may view the (public) initiative reads its diagnostics; the portfolio
# lists what each person may see. The pages answer GET and HEAD only.
READ_ONLY: list[Expectation] = [("get", None, for_all(200)), ("post", {}, for_all(405))]
EXPECTED: dict[str, list[Expectation]] = {
    "api:diagnostics": [("get", None, for_all(200)), ("post", {}, NOT_ALLOWED)],
    "api:diagnostics-portfolio": [("get", None, for_all(200)), ("post", {}, NOT_ALLOWED)],
    "diagnostics:portfolio": READ_ONLY,
    "diagnostics:portfolio_csv": READ_ONLY,
    "diagnostics:initiative": READ_ONLY,
    "diagnostics:report": READ_ONLY,
    "diagnostics:report_json": READ_ONLY,
    "diagnostics:report_csv": READ_ONLY,
}


def targets(world: World) -> Targets:
    return {"kwargs": {"api:diagnostics": lambda: {"initiative_slug": world.initiative.slug}}}
