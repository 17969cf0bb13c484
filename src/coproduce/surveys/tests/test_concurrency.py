"""Concurrent responses on PostgreSQL: fifty submissions of one person at once keep one
response and one idea in the record; closing a survey waits for the responses in flight."""

import threading
from typing import Any

import pytest
from django.db import connection

from conftest import add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.record.models import Contribution
from coproduce.surveys import services
from coproduce.surveys.models import Answer, Response, Survey

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


def _open_survey() -> tuple[Any, Any, Any, Any]:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    member = make_user("member")
    add_member(initiative, member)
    survey = services.survey_create(
        actor=coordinator, initiative=initiative, title="Needs", purpose="needs"
    )
    question = services.question_add(
        actor=coordinator, survey=survey, kind="rating", text="How good?"
    )
    survey = services.survey_set_status(actor=coordinator, survey=survey, status="open")
    return coordinator, member, survey, question


def test_fifty_submissions_of_one_person_at_once_keep_one_response(transactional_db: Any) -> None:
    _coordinator, member, survey, question = _open_survey()
    results = hammer(
        50,
        lambda i: services.response_submit(
            actor=member, survey=survey, answers={f"q{question.pk}": 1 + i % 5}
        ),
    )
    assert all(isinstance(r, Response) for r in results), [
        r for r in results if not isinstance(r, Response)
    ][:3]
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 1
    assert Contribution.objects.filter(kind="idea").count() == 1


def test_closing_a_survey_waits_for_the_response_in_flight(
    transactional_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    coordinator, member, survey, question = _open_survey()
    checked, release = threading.Event(), threading.Event()
    done: list[str] = []
    store = services._store

    def store_when_released(*args: Any, **kwargs: Any) -> Any:
        checked.set()  # the survey was read as open, in the response's transaction
        release.wait(10)
        return store(*args, **kwargs)

    monkeypatch.setattr(services, "_store", store_when_released)

    def respond() -> None:
        services.response_submit(actor=member, survey=survey, answers={f"q{question.pk}": 4})
        done.append("response stored")
        connection.close()

    def close() -> None:
        services.survey_set_status(actor=coordinator, survey=survey, status="closed")
        done.append("survey closed")
        connection.close()

    responder, closer = threading.Thread(target=respond), threading.Thread(target=close)
    responder.start()
    assert checked.wait(10)
    closer.start()
    closer.join(timeout=1.0)
    assert closer.is_alive()  # waiting for the response's transaction
    assert done == []
    release.set()
    responder.join(10)
    closer.join(10)
    assert done == ["response stored", "survey closed"]
    assert Survey.objects.get(pk=survey.pk).status == "closed"
    assert Answer.objects.filter(response__survey=survey).count() == 1
