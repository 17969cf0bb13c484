"""Answering a survey: one response per person, code or browser, edited in place; every
bad answer refused with the field named and nothing saved; conditional questions ignored
when not asked; a member's first response one idea in the record."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import World
from coproduce.record.models import Contribution
from coproduce.record.selectors import record_totals
from coproduce.record.tests.unlisted import assert_listed_to_contributor_alone
from coproduce.surveys import services
from coproduce.surveys.models import Answer, Response, SurveyCode

from .conftest import BUS, CAFE, SHOP, Built, answer, build


def _errors(error: Any) -> dict[str, list[str]]:
    return error.value.message_dict


def test_a_members_response_keeps_each_answer_and_is_one_idea_in_the_record(
    world: World, built: Built
) -> None:
    response = answer(
        built,
        world.member,
        extras=[BUS, CAFE],
        rating=4,
        ranking=[CAFE, SHOP],
        hours="12",
        comment="More benches",
    )
    rows = {(a.question_id, a.option, a.number, a.text) for a in response.answers.all()}
    assert rows == {
        (built.need.pk, 0, None, ""),
        (built.extras.pk, 1, 1, ""),  # a multiple choice's rows numbered in the order given
        (built.extras.pk, 2, 2, ""),
        (built.rating.pk, None, 4, ""),
        (built.ranking.pk, 2, 1, ""),
        (built.ranking.pk, 0, 2, ""),
        (built.hours.pk, None, 12, ""),
        (built.comment.pk, None, None, "More benches"),
    }
    contribution = Contribution.objects.get()
    assert (
        contribution.contributor,
        contribution.kind,
        contribution.quantity,
        contribution.unit,
    ) == (world.member, "idea", 1, "count")
    assert contribution.stage.kind == "co_planning"
    assert contribution.side == "citizen"


@pytest.mark.parametrize(
    "comment",
    ['Quotes " and \\ backslash', "Two lines\nof text", "Siop y pentref 🛒 — ŵ ŷ", "[1, 2]"],
)
def test_a_text_answer_is_stored_exactly_as_given(world: World, built: Built, comment: str) -> None:
    response = answer(built, world.member, comment=comment, hours="0")
    rows = sorted(
        (a.question_id, a.option, a.number, a.text)
        for a in Answer.objects.filter(response=response)
    )
    assert rows == sorted(
        [
            (built.need.pk, 0, None, ""),
            (built.hours.pk, None, 0, ""),
            (built.comment.pk, None, None, comment),
        ]
    )


def test_answering_again_in_the_same_microsecond_still_changes_the_one_response(
    world: World, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    first = answer(built, world.member, rating=2)
    second = answer(built, world.member, rating=5)
    assert second.pk == first.pk
    stored = Answer.objects.filter(response=first).order_by("question_id")
    assert list(stored.values_list("question_id", "option", "number")) == sorted(
        [(built.need.pk, 0, None), (built.rating.pk, None, 5)]
    )
    assert Response.objects.count() == 1
    assert Contribution.objects.count() == 1


def test_answering_again_keeps_when_it_was_first_submitted_and_marks_the_change(
    world: World, built: Built
) -> None:
    first = answer(built, world.member, rating=2)
    stored = Response.objects.get(pk=first.pk)
    assert (stored.submitted_at, stored.updated_at) == (first.submitted_at, first.submitted_at)
    second = answer(built, world.member, rating=3)
    changed = Response.objects.get(pk=first.pk)
    assert changed.submitted_at == first.submitted_at
    assert changed.updated_at == second.updated_at
    assert changed.updated_at > first.submitted_at
    assert (changed.person, changed.paper, changed.respondent) == (
        world.member,
        False,
        f"person:{world.member.pk}",
    )


def test_answering_again_changes_the_one_response_and_writes_no_second_idea(
    world: World, built: Built
) -> None:
    first = answer(built, world.member, rating=2)
    second = answer(built, world.member, rating=5)
    assert second.pk == first.pk
    assert Response.objects.count() == 1
    assert list(Answer.objects.filter(question=built.rating).values_list("number", flat=True)) == [
        5
    ]
    assert Contribution.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ranking", [SHOP, SHOP], "Choose each option once."),
        ("ranking", [SHOP, "Swimming pool"], "Not an option of this question: Swimming pool."),
        ("ranking", [SHOP], "Put your top 2 in order, each once."),
        ("extras", [SHOP, BUS, CAFE], "Choose at most 2 options."),
        ("hours", 201, "Give a whole number from 0 to 200."),
        ("hours", -1, "Give a whole number from 0 to 200."),
        ("hours", "10" * 30, "Give a whole number from 0 to 200."),
        ("hours", "NaN", "Give a whole number from 0 to 200."),
        ("hours", "--1", "Give a whole number from 0 to 200."),
        ("hours", "²", "Give a whole number from 0 to 200."),
        ("hours", "٣", "Give a whole number from 0 to 200."),
        ("hours", "9" * 5000, "Give a whole number from 0 to 200."),
        ("rating", 6, "Give a whole number from 1 to 5."),
        ("comment", "x" * 4001, "Write at most 4,000 characters."),
        ("comment", "bad\x00text", "Write plain text (no control characters)."),
    ],
)
def test_a_bad_answer_is_refused_naming_its_question_and_nothing_is_saved(
    world: World, built: Built, field: str, value: Any, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        answer(built, world.member, **{field: value})
    assert _errors(error) == {built.q(getattr(built, field)): [message]}
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0
    assert Contribution.objects.count() == 0


def test_a_missing_required_answer_and_an_unknown_question_are_refused(
    world: World, built: Built
) -> None:
    with pytest.raises(ValidationError) as error:
        services.response_submit(actor=world.member, survey=built.survey, answers={})
    assert _errors(error) == {built.q(built.need): ["Answer this question."]}
    with pytest.raises(ValidationError) as error:
        services.response_submit(actor=world.member, survey=built.survey, answers={"q999999": "x"})
    assert _errors(error) == {"answers": ["Not a question of this survey: q999999."]}
    assert Response.objects.count() == 0


def test_a_conditional_question_is_required_only_when_asked_and_ignored_otherwise(
    world: World, built: Built
) -> None:
    with pytest.raises(ValidationError) as error:
        answer(built, world.member, need=BUS)
    assert _errors(error) == {built.q(built.why_bus): ["Answer this question."]}
    response = answer(built, world.member, need=SHOP, why_bus="To town")
    assert not response.answers.filter(question=built.why_bus).exists()
    response = answer(built, world.member, need=BUS, why_bus="To town")
    assert response.answers.get(question=built.why_bus).text == "To town"


def test_equality_answers_need_consent(world: World, built: Built) -> None:
    with pytest.raises(ValidationError) as error:
        answer(built, world.member, age="25 to 34")
    assert _errors(error) == {"consent": [services.NEED_CONSENT]}
    response = answer(built, world.member, age="25 to 34", consent=True)
    assert response.answers.get(question=built.age).option == 1


def test_a_closed_survey_takes_no_response_and_its_answers_stay(world: World, built: Built) -> None:
    answer(built, world.member, rating=3)
    services.survey_set_status(actor=world.coordinator, survey=built.survey, status="closed")
    built.survey.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        answer(built, world.member, rating=1)
    assert error.value.messages == [services.NOT_OPEN]
    assert list(Answer.objects.filter(question=built.rating).values_list("number", flat=True)) == [
        3
    ]


def test_outsiders_cannot_answer_a_members_survey(world: World, built: Built) -> None:
    with pytest.raises(PermissionDenied):
        answer(built, world.outsider)
    with pytest.raises(PermissionDenied):
        answer(built, world.other_coordinator)
    assert Response.objects.count() == 0


def test_a_code_answers_once_and_may_change_its_answers(world: World) -> None:
    built = build(world, audience="codes")
    codes = services.survey_codes_issue(actor=world.coordinator, survey=built.survey, count=2)
    assert (
        len(codes) == 2
        and SurveyCode.objects.filter(survey=built.survey, used_at=None).count() == 2
    )
    anyone = AnonymousUser()
    answers = {built.q(built.need): CAFE}
    with pytest.raises(ValidationError) as error:
        services.response_submit(actor=anyone, survey=built.survey, answers=answers)
    assert _errors(error) == {"code": [services.NEED_CODE]}
    with pytest.raises(ValidationError) as error:
        services.response_submit(
            actor=anyone, survey=built.survey, answers=answers, code="NOPE-NOPE-NOPE"
        )
    assert _errors(error) == {"code": ["That code is not valid or has already been used."]}
    first = services.response_submit(
        actor=anyone, survey=built.survey, answers=answers, code=codes[0].lower()
    )
    again = services.response_submit(
        actor=anyone,
        survey=built.survey,
        answers={built.q(built.need): BUS, built.q(built.why_bus): "Town"},
        code=codes[0],
    )
    assert again.pk == first.pk and first.person is None
    assert Response.objects.count() == 1
    assert Contribution.objects.count() == 0  # no one is named by a code


def test_a_link_survey_takes_one_response_per_browser_and_names_no_one(world: World) -> None:
    built = build(world, audience="link")
    anyone = AnonymousUser()
    answers = {built.q(built.need): SHOP}
    one = services.response_submit(
        actor=anyone, survey=built.survey, answers=answers, browser="session-a"
    )
    same = services.response_submit(
        actor=anyone, survey=built.survey, answers=answers, browser="session-a"
    )
    other = services.response_submit(
        actor=anyone, survey=built.survey, answers=answers, browser="session-b"
    )
    assert one.pk == same.pk != other.pk
    assert "session-a" not in one.respondent and one.person is None
    assert Contribution.objects.count() == 0


def test_paper_responses_are_marked_and_name_who_typed_them(world: World, built: Built) -> None:
    first = services.response_enter_paper(
        actor=world.coordinator,
        survey=built.survey,
        answers={built.q(built.need): BUS, built.q(built.why_bus): "Town"},
    )
    second = services.response_enter_paper(
        actor=world.coordinator, survey=built.survey, answers={built.q(built.need): SHOP}
    )
    assert first.pk != second.pk
    assert (first.paper, first.entered_by, first.person) == (True, world.coordinator, None)
    assert Contribution.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.response_enter_paper(
            actor=world.member, survey=built.survey, answers={built.q(built.need): SHOP}
        )
    assert Response.objects.count() == 2


def test_a_response_is_listed_to_the_respondent_alone(world: World, built: Built) -> None:
    """Results are live: an entry naming each respondent as they answer would tell every
    reader of the record whose answers moved them. Others count responses in the totals."""
    answer(built, world.member)
    entry = Contribution.objects.get()
    assert_listed_to_contributor_alone(
        entry, [None, world.outsider, world.coordinator, world.staff], "Answered the survey"
    )
    ideas = {row.key: row.count for row in record_totals(world.initiative)["stage"]}
    assert ideas["co_planning"] == 1
