"""Every URL and API route, for every role, with the answer each must get.

Each capability states who may use its routes in its own ``tests/routes.py`` (named by
``Capability.route_expectations``; tests/grid.py has the vocabulary); this test merges them
with the project's own routes below. A route added without an expectation fails the test,
so no page or endpoint ships without a decision about who may use it. Where the answer is a
refusal (401/403/404/405), the test also checks that nothing in the database changed.
"""

from typing import Any

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from conftest import World
from coproduce.core import capabilities
from tests.grid import ROLES, Expectation, Targets, for_all, signed_in

# The project's own routes (urls.py): the rest are each capability's.
PROJECT: dict[str, list[Expectation]] = {
    "health": [("get", None, for_all(200)), ("post", {}, for_all(405))],
    "admin:index": [
        (
            "get",
            None,
            signed_in(302, member=302, coordinator=302, other_coordinator=302, staff=200),
        ),
    ],
    "api:api-root": [("get", None, for_all(200))],
    "api_reference": [("get", None, for_all(200)), ("post", {}, for_all(405))],
    "api:schema": [("get", None, for_all(200))],
    # the language switcher: a choice kept in a cookie, then back to the page
    "set_language": [
        ("get", None, for_all(302)),
        ("post", {"language": "cy", "next": "/"}, for_all(302)),
    ],
}


def expectations() -> dict[str, list[Expectation]]:
    """The project's expectations and every registered capability's; a route claimed twice
    is an error."""
    merged = dict(PROJECT)
    for module in capabilities.route_expectations():
        claimed = set(merged) & set(module.EXPECTED)
        assert not claimed, f"{module.__name__} repeats {sorted(claimed)}"
        merged |= module.EXPECTED
    return merged


EXPECTED = expectations()
# Which capability's expectations module claims each route: only its targets are made for
# the route's test, so the grid's cost grows with the routes, not with routes × capabilities.
OWNERS = {name: module for module in capabilities.route_expectations() for name in module.EXPECTED}


def route_patterns() -> dict[str, str]:
    """Every named route, mapped to its full pattern."""

    def walk(patterns: list[Any], namespace: str = "", prefix: str = "") -> dict[str, str]:
        found: dict[str, str] = {}
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                found |= walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                found[namespace + pattern.name] = prefix + str(pattern.pattern)
        return found

    routes = walk(get_resolver().url_patterns)
    # Django's own admin is covered by its index (staff only) and by Django's tests.
    return {name: p for name, p in routes.items() if not name.startswith("admin:")} | {
        "admin:index": "admin/"
    }


def route_names() -> set[str]:
    return set(route_patterns())


def test_every_route_has_an_expectation() -> None:
    assert route_names() - set(EXPECTED) == set()
    assert set(EXPECTED) - route_names() == set()


def _snapshot() -> list[Any]:
    """Everything a request could change, to prove refused requests changed nothing: every
    table of every capability and of core (the phase log), and the API tokens."""
    configs = [config for config, _ in capabilities.registered()] + [apps.get_app_config("core")]
    models = [model for config in configs for model in config.get_models()]
    return [list(model.objects.order_by("pk").values()) for model in [*models, AuthToken]]


def _targets(world: World, name: str) -> Targets:
    """The objects the route's capability names, and the placeholders for their ids."""
    placeholders: dict[str, Any] = {"<stage>": world.stage.pk, "<slug>": world.initiative.slug}
    module = OWNERS.get(name)
    if module is None:  # the project's own routes name no object
        return {"kwargs": {}, "placeholders": placeholders}
    found = module.targets(world)
    return {
        "kwargs": found.get("kwargs", {}),
        "placeholders": placeholders | found.get("placeholders", {}),
    }


def _url(name: str, targets: Targets, slug: str) -> str:
    if name in targets["kwargs"]:
        return reverse(name, kwargs=targets["kwargs"][name]())
    pattern = route_patterns()[name]
    for key in ("initiative_slug", "slug"):
        if key in pattern:
            return reverse(name, kwargs={key: slug})
    return reverse(name)


def _fill(value: Any, placeholders: dict[str, Any]) -> Any:
    """The payload with "<name>" placeholders replaced by this world's ids."""
    if isinstance(value, dict):
        return {k: _fill(v, placeholders) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, placeholders) for v in value]
    return placeholders.get(value, value) if isinstance(value, str) else value


CASES = [
    pytest.param(name, method, payload, role, statuses[role], id=f"{name}-{method}-{role}")
    for name, rows in EXPECTED.items()
    for method, payload, statuses in rows
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "payload", "role", "expected"), CASES)
def test_route_answers_each_role(world: World, name, method, payload, role, expected) -> None:
    targets = _targets(world, name)
    client = APIClient()
    client.credentials(HTTP_IDEMPOTENCY_KEY=f"grid-{role}")  # every API write needs one
    if role != "anonymous":
        client.force_login(getattr(world, role))
    url = _url(name, targets, world.initiative.slug)
    data = _fill(payload or {}, targets["placeholders"])
    before = _snapshot()
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(
            url, data, format="json" if name.startswith("api:") else "multipart"
        )
    assert response.status_code == expected, (url, role, getattr(response, "content", b"")[:300])
    if expected in {401, 403, 404, 405}:
        assert _snapshot() == before
