"""The permission grid's vocabulary, shared by every capability's route expectations.

Each capability's ``tests/routes.py`` (named by ``Capability.route_expectations``) holds
``EXPECTED``, its route names mapped to ``[(method, payload, answer by role)]``, and
``targets(world)``, the objects its routes name: ``{"kwargs": {route: () -> URL kwargs},
"placeholders": {"<name>": id}}``. ``tests/test_route_grid.py`` merges them and walks
every route for every role.
"""

from collections.abc import Callable
from typing import Any, TypedDict

ROLES = ("anonymous", "member", "coordinator", "other_coordinator", "staff")

Expectation = tuple[str, dict[str, Any] | None, dict[str, int]]


class Targets(TypedDict, total=False):
    kwargs: dict[str, Callable[[], dict[str, Any]]]
    placeholders: dict[str, Any]


def for_all(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(anonymous: int, **others: int) -> dict[str, int]:
    return {"anonymous": anonymous, **others}


PAGE_MANAGE = signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=200)
PAGE_SIGNED_IN = signed_in(302, member=200, coordinator=200, other_coordinator=200, staff=200)
API_MANAGE_WRITE = signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201)
API_RECORDER = signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=201)
API_UPDATE = signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200)
API_MANAGE_OBJECT = signed_in(403, member=404, coordinator=200, other_coordinator=404, staff=200)
