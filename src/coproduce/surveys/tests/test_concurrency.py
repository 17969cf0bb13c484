"""Concurrent responses on PostgreSQL: fifty submissions of one person at once keep one
response and one idea in the record."""

from typing import Any

from conftest import add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.record.models import Contribution
from coproduce.surveys import services
from coproduce.surveys.models import Answer, Response

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


def test_fifty_submissions_of_one_person_at_once_keep_one_response(transactional_db: Any) -> None:
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
