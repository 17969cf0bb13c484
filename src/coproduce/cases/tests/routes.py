"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from conftest import World
from coproduce.cases.models import CaseStudy
from tests.grid import Expectation, Targets, for_all

EXPECTED: dict[str, list[Expectation]] = {
    "cases:library": [("get", None, for_all(200))],
    "api:case-list": [("get", None, for_all(200))],
    "api:case-detail": [("get", None, for_all(200))],
}


def targets(world: World) -> Targets:
    CaseStudy.objects.create(initiative=world.other, source="A test source")
    return {"kwargs": {"api:case-detail": lambda: {"slug": world.other.slug}}}
