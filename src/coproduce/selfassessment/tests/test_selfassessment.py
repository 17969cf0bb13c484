"""The self-assessment: members rate the ten statements, the figures stand side by side,
and a side's mean shows only once three of its members have rated."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import World, add_member, make_user
from coproduce.core.dates import Period
from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives import services as initiatives
from coproduce.selfassessment.models import SelfAssessmentAnswer
from coproduce.selfassessment.selectors import ratings_of, self_assessment_summary
from coproduce.selfassessment.services import (
    NO_RATINGS,
    NOT_A_RATING,
    NOT_A_STATEMENT,
    self_assessment_answer,
)
from coproduce.selfassessment.statements import KEYS, STATEMENTS

HIDDEN = {"answers": None, "dont_know": None, "mean": None, "distribution": None}


def test_the_ten_statements_are_the_six_principles_and_the_four_challenges() -> None:
    assert [(s.key, s.group) for s in STATEMENTS] == [
        ("people_as_assets", "principle"),
        ("build_on_capabilities", "principle"),
        ("mutuality_reciprocity", "principle"),
        ("peer_support_networks", "principle"),
        ("blurring_distinctions", "principle"),
        ("facilitating_not_delivering", "principle"),
        ("shared_goals", "challenge"),
        ("include_the_weakest", "challenge"),
        ("communication_accountability", "challenge"),
        ("innovation_and_risk", "challenge"),
    ]
    assert all(s.title and s.text and s.explanation for s in STATEMENTS)


@pytest.fixture
def people(world: World) -> dict[str, Any]:
    """Three citizens (the member and two more), three professionals (the coordinator and
    two more) and one councillor, all active members of the world's initiative."""
    found = {"c1": world.member, "p1": world.coordinator}
    for name in ("c2", "c3"):
        found[name] = make_user(name)
        add_member(world.initiative, found[name])
    for name in ("p2", "p3"):
        found[name] = make_user(name)
        add_member(
            world.initiative, found[name], Side.REGULAR_PRODUCER, Role.FRONTLINE_PROFESSIONAL
        )
    found["pol"] = make_user("pol")
    add_member(world.initiative, found["pol"], Side.POLITICAL, Role.COUNCILLOR)
    return found


# By person: people_as_assets, shared_goals, include_the_weakest, innovation_and_risk
ANSWERS = {
    "c1": (5, 3, 1, 3),
    "c2": (4, 3, 2, 3),
    "c3": (4, None, 2, 4),
    "p1": (2, 4, 4, 3),
    "p2": (3, 4, 4, 4),
    "p3": (3, 5, 4, 3),
    "pol": (5, None, None, None),
}
RATED = ("people_as_assets", "shared_goals", "include_the_weakest", "innovation_and_risk")


def _answer_all(world: World, people: dict[str, Any]) -> None:
    for name, ratings in ANSWERS.items():
        self_assessment_answer(
            actor=people[name],
            initiative=world.initiative,
            ratings=dict(zip(RATED, ratings, strict=True)),
        )


def _row(summary: dict[str, Any], key: str) -> dict[str, Any]:
    return next(row for row in summary["statements"] if row["key"] == key)


def test_the_summary_puts_the_sides_side_by_side_with_hand_computed_figures(
    world: World, people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    _answer_all(world, people)
    with django_assert_num_queries(1):
        summary = self_assessment_summary(world.initiative)
    assert _row(summary, "people_as_assets") == {
        "key": "people_as_assets",
        "group": "principle",
        "title": "People as assets",
        "by_side": {
            # (5 + 4 + 4) / 3
            "citizen": {
                "answers": 3,
                "dont_know": 0,
                "mean": 4.3333,
                "distribution": {"1": 0, "2": 0, "3": 0, "4": 2, "5": 1},
            },
            # (2 + 3 + 3) / 3
            "regular_producer": {
                "answers": 3,
                "dont_know": 0,
                "mean": 2.6667,
                "distribution": {"1": 0, "2": 1, "3": 2, "4": 0, "5": 0},
            },
            # one councillor's rating is not shown, nor whether they rated at all
            "political": HIDDEN,
        },
        "gap": 1.6667,  # 13/3 - 8/3 = 5/3
    }
    shared = _row(summary, "shared_goals")
    # two citizens rated, one did not know: under three, so no mean and no gap
    assert shared["by_side"]["citizen"] == {
        "answers": 2,
        "dont_know": 1,
        "mean": None,
        "distribution": None,
    }
    assert (shared["by_side"]["regular_producer"]["mean"], shared["gap"]) == (4.3333, None)
    assert shared["by_side"]["political"] == HIDDEN  # the councillor did not know
    # (1 + 2 + 2) / 3 - (4 + 4 + 4) / 3 = -7/3
    weakest = _row(summary, "include_the_weakest")
    assert (weakest["by_side"]["citizen"]["mean"], weakest["gap"]) == (1.6667, -2.3333)
    # 10/3 on both sides
    assert _row(summary, "innovation_and_risk")["gap"] == 0.0
    unrated = _row(summary, "mutuality_reciprocity")
    assert unrated["by_side"] == dict.fromkeys(("citizen", "regular_producer", "political"), HIDDEN)
    assert unrated["gap"] is None
    # (5/3 + 7/3 + 0) / 3 = 4/3
    assert (summary["mean_gap"], summary["largest_gap"], summary["min_answers"]) == (
        1.3333,
        "include_the_weakest",
        3,
    )
    assert [row["key"] for row in summary["statements"]] == list(KEYS)


def test_with_no_answers_there_is_no_gap(world: World) -> None:
    summary = self_assessment_summary(world.initiative)
    assert (summary["mean_gap"], summary["largest_gap"]) == (None, None)
    assert {row["gap"] for row in summary["statements"]} == {None}


def test_a_period_counts_only_answers_given_in_it(world: World, people: dict[str, Any]) -> None:
    _answer_all(world, people)
    SelfAssessmentAnswer.objects.filter(person=people["c3"]).update(
        answered_on=datetime.date(2025, 6, 1)
    )
    this_year = Period(start=datetime.date(timezone.localdate().year, 1, 1))
    summary = self_assessment_summary(world.initiative, this_year)
    citizens = _row(summary, "people_as_assets")["by_side"]["citizen"]
    # two citizens answered this year: too few to show even how many
    assert (citizens["answers"], citizens["mean"], summary["mean_gap"]) == (None, None, None)
    assert _row(summary, "people_as_assets")["by_side"]["regular_producer"]["answers"] == 3
    then = self_assessment_summary(world.initiative, Period(end=datetime.date(2025, 12, 31)))
    assert _row(then, "people_as_assets")["by_side"]["citizen"] == HIDDEN


def test_an_answer_is_changed_in_place_and_its_day_renewed_only_when_it_changes(
    world: World,
) -> None:
    self_assessment_answer(
        actor=world.member,
        initiative=world.initiative,
        ratings={"people_as_assets": 4, "shared_goals": 2},
    )
    SelfAssessmentAnswer.objects.update(answered_on=datetime.date(2026, 1, 5))
    saved = self_assessment_answer(
        actor=world.member,
        initiative=world.initiative,
        ratings={"people_as_assets": 4, "shared_goals": None},
    )
    assert [a.statement for a in saved] == ["people_as_assets", "shared_goals"]
    rows = SelfAssessmentAnswer.objects.order_by("statement")
    assert [(a.statement, a.side, a.rating, a.answered_on) for a in rows] == [
        ("people_as_assets", "citizen", 4, datetime.date(2026, 1, 5)),
        ("shared_goals", "citizen", None, timezone.localdate()),
    ]
    self_assessment_answer(
        actor=world.member, initiative=world.initiative, ratings={"innovation_and_risk": 5}
    )
    # the statements left out keep their answers
    assert ratings_of(world.member, world.initiative) == {
        "people_as_assets": 4,
        "shared_goals": None,
        "innovation_and_risk": 5,
    }
    assert SelfAssessmentAnswer.objects.count() == 3


def test_a_professional_answers_on_the_professional_side(world: World) -> None:
    (answer,) = self_assessment_answer(
        actor=world.coordinator, initiative=world.initiative, ratings={"shared_goals": 3}
    )
    assert (answer.side, answer.person, answer.rating) == ("regular_producer", world.coordinator, 3)


@pytest.mark.parametrize("who", ["outsider", "other_coordinator", "staff"])
def test_only_active_members_answer_and_a_refusal_saves_nothing(world: World, who: str) -> None:
    with pytest.raises(PermissionDenied):
        self_assessment_answer(
            actor=getattr(world, who), initiative=world.initiative, ratings={"shared_goals": 3}
        )
    assert SelfAssessmentAnswer.objects.count() == 0


def test_a_member_who_has_left_or_is_still_waiting_cannot_answer(world: World) -> None:
    waiting = make_user("waiting")
    initiatives.membership_request(
        actor=waiting, initiative=world.initiative, side=Side.CITIZEN, role=Role.RESIDENT
    )  # the world's initiative asks a coordinator to approve
    initiatives.membership_leave(actor=world.member, initiative=world.initiative)
    for person in (waiting, world.member):
        with pytest.raises(PermissionDenied):
            self_assessment_answer(
                actor=person, initiative=world.initiative, ratings={"shared_goals": 3}
            )
    assert SelfAssessmentAnswer.objects.count() == 0


def test_every_wrong_key_and_value_is_named_and_nothing_is_saved(world: World) -> None:
    wrong: dict[str, Any] = {
        "shared_goals": 3,
        "no_such_statement": 3,
        "people_as_assets": 6,
        "include_the_weakest": 0,
        "innovation_and_risk": True,
        "blurring_distinctions": "4",
    }
    with pytest.raises(ValidationError) as refused:
        self_assessment_answer(actor=world.member, initiative=world.initiative, ratings=wrong)
    assert refused.value.message_dict == {
        "no_such_statement": [NOT_A_STATEMENT],
        "people_as_assets": [NOT_A_RATING],
        "include_the_weakest": [NOT_A_RATING],
        "innovation_and_risk": [NOT_A_RATING],
        "blurring_distinctions": [NOT_A_RATING],
    }
    nothing: Any
    for nothing in ({}, None, [("shared_goals", 3)]):
        with pytest.raises(ValidationError) as empty:
            self_assessment_answer(actor=world.member, initiative=world.initiative, ratings=nothing)
        assert empty.value.message_dict == {"ratings": [NO_RATINGS]}
    assert SelfAssessmentAnswer.objects.count() == 0
