"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from conftest import World
from coproduce.organisations.models import Organisation
from tests.grid import PAGE_SIGNED_IN, Expectation, Targets, for_all, signed_in

EXPECTED: dict[str, list[Expectation]] = {
    "organisations:list": [("get", None, for_all(200))],
    "organisations:create": [
        ("get", None, PAGE_SIGNED_IN),
        (
            "post",
            {"name": "Friends of the Park", "kind": "community_group"},
            signed_in(302, member=302, coordinator=302, other_coordinator=302, staff=302),
        ),
    ],
    "api:organisation-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {"name": "Friends of the Park", "kind": "community_group"},
            signed_in(403, member=201, coordinator=201, other_coordinator=201, staff=201),
        ),
    ],
    "api:organisation-detail": [("get", None, for_all(200))],
}


def targets(world: World) -> Targets:
    organisation = Organisation.objects.create(name="Council", kind="public_agency")
    return {"kwargs": {"api:organisation-detail": lambda: {"pk": organisation.pk}}}
