"""Schemathesis over the whole OpenAPI schema: whatever it sends, the API never answers 5xx.

Bounded: a fixed number of examples per operation, no shrinking, no deadline, so the run
takes about a minute on this machine.
"""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache, caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error

from conftest import World
from coproduce.record import services as record
from coproduce.wsgi import application

pytestmark = pytest.mark.fuzz

EXAMPLES_PER_OPERATION = 30


@pytest.fixture
def api_schema(world: World) -> Iterator[Any]:
    """The schema, served by the WSGI app in this test's database transaction.

    As Django's test client does, keep the app from closing the test's connection at the
    end of each request.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def coordinator_token(world: World) -> str:
    """A coordinator can reach every write path, so the fuzzer goes deepest as one."""
    record.contribution_record(
        actor=world.member,
        initiative=world.initiative,
        stage=world.stage,
        kind="time",
        quantity=30,
        unit="minutes",
        occurred_on=datetime.date(2026, 1, 5),
    )
    _, token = AuthToken.objects.create(user=world.coordinator)
    return token


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_never_answers_5xx(case: Any, world: World, coordinator_token: str) -> None:
    if "initiative_slug" in case.path_parameters:
        case.path_parameters["initiative_slug"] = world.initiative.slug
    cache.clear()  # rate limits would otherwise turn most of the run into 429s
    caches["throttle"].clear()
    response = case.call(headers={"Authorization": f"Token {coordinator_token}"})
    case.validate_response(response, checks=[not_a_server_error])
