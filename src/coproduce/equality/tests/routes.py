"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py).

The profile pages are each person's own (anyone signed in, about themself); a baseline is
read by whoever may see the initiative and entered by its coordinators (and staff)."""

from conftest import World
from tests.grid import PAGE_SIGNED_IN, Expectation, Targets, for_all, signed_in

OWN = signed_in(302, member=302, coordinator=302, other_coordinator=302, staff=302)

EXPECTED: dict[str, list[Expectation]] = {
    "equality:profile": [
        ("get", None, PAGE_SIGNED_IN),
        ("post", {"consent": "on", "gender": "woman", "caring": "no"}, OWN),
    ],
    "equality:withdraw": [
        ("get", None, PAGE_SIGNED_IN),
        ("post", {}, PAGE_SIGNED_IN),  # asks first
        ("post", {"confirm": "yes"}, OWN),
    ],
    "equality:baseline": [
        ("get", None, for_all(200)),
        (
            "post",
            {
                "characteristic": "caring",
                "caring-yes": "9.5",
                "caring-no": "90.5",
                "caring-source": "Census 2021, Riverside ward",
                "caring-year": "2021",
            },
            signed_in(403, member=403, coordinator=302, other_coordinator=403, staff=302),
        ),
    ],
    "api:equality-baseline-list": [("get", None, for_all(200))],
}


def targets(world: World) -> Targets:
    return {}
