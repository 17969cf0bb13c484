"""The health check that load balancers and monitors poll."""

import pytest
from django.db import OperationalError
from django.test import Client

from coproduce.core import queries


@pytest.mark.django_db
def test_health_answers_ok_while_the_database_answers() -> None:
    response = Client().get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


@pytest.mark.django_db
def test_health_answers_503_when_the_database_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(queries.connection, "cursor", refuse)
    response = Client().get("/healthz")
    assert (response.status_code, response.json()) == (
        503,
        {"status": "the database does not answer"},
    )


@pytest.mark.django_db
def test_health_takes_only_reads() -> None:
    assert Client().post("/healthz").status_code == 405
