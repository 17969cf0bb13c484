"""The inclusion figures on a record small enough to count by hand: 12 people with profiles
over two stages, and around them what must not count (people without a profile, reversed
and reversing entries, an entry outside the period, people counted but not named)."""

import datetime
from typing import Any

import pytest

from conftest import World, add_member, make_user
from coproduce.core.dates import Period
from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionRule,
    Position,
    Side,
    StageKind,
    Unit,
)
from coproduce.equality import selectors, services
from coproduce.equality.figures import HIDDEN as H
from coproduce.initiatives import services as initiatives
from coproduce.record import services as record
from coproduce.record.services import Participant

D = datetime.date
PERIOD = Period(D(2026, 1, 1), D(2026, 6, 30))
P = "prefer_not_to_say"

# p1..p12: (age band, gender, ethnic group, disability, caring); deprivation left blank
ANSWERS = {
    1: ("25_34", "woman", "white", "yes", "yes"),
    2: ("25_34", "woman", "white", "yes", "yes"),
    3: ("25_34", "woman", "white", "yes", "yes"),
    4: ("25_34", "woman", "white", "yes", "yes"),
    5: ("35_44", "woman", "white", "yes", "yes"),
    6: ("35_44", "woman", "white", "no", "no"),
    7: ("35_44", "man", "asian", "no", "no"),
    8: ("35_44", "man", "asian", "no", "no"),
    9: ("35_44", "man", "asian", "no", "no"),
    10: ("35_44", "man", "asian", "no", "no"),
    11: ("35_44", "man", "asian", "no", ""),
    12: ("35_44", "man", P, "", ""),
}
QUESTIONS = ("age_band", "gender", "ethnic_group", "disability", "caring")


def _time(person: Any, stage: Any, on: datetime.date) -> Any:
    return record.contribution_record(
        actor=person,
        initiative=stage.initiative,
        stage=stage,
        kind=ContributionKind.TIME,
        quantity=60,
        unit=Unit.MINUTES,
        occurred_on=on,
    )


def _decide(world: World, stage: Any, people: list[Any], on: datetime.date) -> Any:
    return record.do_record_decision(
        source=None,
        recorded_by=world.coordinator,
        initiative=world.initiative,
        stage=stage,
        title="Opening hours",
        decided_by=DecidingBody.JOINT,
        rule=DecisionRule.CONSENSUS,
        decided_on=on,
        initiated_by=world.coordinator,
        participants=[Participant(person, Position.PRESENT) for person in people],
        headcounts={Side.CITIZEN: 30},  # counted, not named: no one to count here
    )


@pytest.fixture
def hand_counted(world: World) -> dict[int, Any]:
    """co_design: p1..p9 (p10's entry reversed, p11's before the period);
    co_performing: p5..p12 in a decision (p1 only in a reversed one); q1, q2 in both
    without a profile."""
    design = world.stage
    performing = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_PERFORMING
    )
    people = {}
    for number, answers in ANSWERS.items():
        people[number] = make_user(f"p{number}")
        add_member(world.initiative, people[number])
        services.equality_profile_save(
            actor=people[number], consent=True, **dict(zip(QUESTIONS, answers, strict=True))
        )
    strangers = [make_user("q1"), make_user("q2")]
    for person in strangers:
        add_member(world.initiative, person)
        _time(person, design, D(2026, 3, 1))
    for number in range(1, 10):
        _time(people[number], design, D(2026, 3, 1))
    reversed_entry = _time(people[10], design, D(2026, 3, 2))
    record.contribution_reverse(actor=world.coordinator, contribution=reversed_entry, reason="Typo")
    _time(people[11], design, D(2025, 6, 1))
    _decide(world, performing, [people[n] for n in range(5, 13)] + strangers, D(2026, 4, 1))
    wrong = _decide(world, performing, [people[1]], D(2026, 4, 2))
    record.decision_reverse(actor=world.coordinator, decision=wrong, reason="Not held")
    services.equality_baseline_save(
        actor=world.coordinator,
        initiative=world.initiative,
        characteristic="gender",
        shares={"woman": "50.5", "man": "48.6", "non_binary": "0.5", "another_way": "0.4"},
        source="Census 2021, Riverside ward",
        year=2021,
    )
    services.equality_baseline_save(
        actor=world.coordinator,
        initiative=world.initiative,
        characteristic="ethnic_group",
        shares={"asian": 12, "black": 8.5, "mixed": 4, "white": 73, "other": 2.5},
        source="Census 2021, Riverside ward",
        year=2021,
    )
    return people


def cell(count: int | str, share: float | None = None, baseline: float | None = None) -> Any:
    return {"count": count, "share": share, "baseline": baseline}


def block(people: int | str, index: float | None, **categories: Any) -> dict[str, Any]:
    return {"people": people, "categories": categories, "representativeness": index}


def hidden_block(**baselines: float | None) -> dict[str, Any]:
    return block(H, None, **{c: cell(H, None, b) for c, b in baselines.items()})


AGES = ("16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus", P)
NO_AGE_BASELINE = dict.fromkeys(AGES)


def test_every_figure_matches_the_hand_count(world: World, hand_counted: Any) -> None:
    figures = selectors.inclusion(world.initiative, PERIOD)
    woman, man, nb, another = 0.505, 0.486, 0.005, 0.004
    asian, black, mixed, white, other = 0.12, 0.085, 0.04, 0.73, 0.025
    assert figures == {
        "people_with_profile": 12,
        "suppression": 5,
        "characteristics": {
            "age_band": {
                "label": "Age",
                "baseline": None,
                "stages": {
                    # 25-34: p1-p4 (4); 35-44: p5-p12 (8)
                    "all": block(
                        12,
                        None,
                        **{a: cell(H) for a in AGES} | {"35_44": cell(8, 0.6667)},
                    ),
                    # p1-p4 and p5-p9: 4 and 5
                    "co_design": block(
                        9, None, **{a: cell(H) for a in AGES} | {"35_44": cell(5, 0.5556)}
                    ),
                    # p5-p12, all 35-44
                    "co_performing": block(
                        8, None, **{a: cell(H) for a in AGES} | {"35_44": cell(8, 1.0)}
                    ),
                },
            },
            "gender": {
                "label": "Gender",
                "baseline": {"source": "Census 2021, Riverside ward", "year": 2021},
                "stages": {
                    # six and six: 1 - ½(|½ - 505/991| + |½ - 486/991|) = 981.5/991
                    "all": block(
                        12,
                        0.9904,
                        woman=cell(6, 0.5, woman),
                        man=cell(6, 0.5, man),
                        non_binary=cell(H, None, nb),
                        another_way=cell(H, None, another),
                        prefer_not_to_say=cell(H),
                    ),
                    # women p1-p6, men p7-p9 (3): one shown answer is its own locality
                    "co_design": block(
                        9,
                        1.0,
                        woman=cell(6, 0.6667, woman),
                        man=cell(H, None, man),
                        non_binary=cell(H, None, nb),
                        another_way=cell(H, None, another),
                        prefer_not_to_say=cell(H),
                    ),
                    # women p5, p6 (2), men p7-p12 (6)
                    "co_performing": block(
                        8,
                        1.0,
                        woman=cell(H, None, woman),
                        man=cell(6, 0.75, man),
                        non_binary=cell(H, None, nb),
                        another_way=cell(H, None, another),
                        prefer_not_to_say=cell(H),
                    ),
                },
            },
            "ethnic_group": {
                "label": "Ethnic group",
                "baseline": {"source": "Census 2021, Riverside ward", "year": 2021},
                "stages": {
                    # white 6, Asian 5 (and 1 not saying): 1 - |5/11 - 120/850| = 642/935
                    "all": block(
                        12,
                        0.6866,
                        asian=cell(5, 0.4167, asian),
                        black=cell(H, None, black),
                        mixed=cell(H, None, mixed),
                        white=cell(6, 0.5, white),
                        other=cell(H, None, other),
                        prefer_not_to_say=cell(H),
                    ),
                    "co_design": block(
                        9,
                        1.0,
                        asian=cell(H, None, asian),
                        black=cell(H, None, black),
                        mixed=cell(H, None, mixed),
                        white=cell(6, 0.6667, white),
                        other=cell(H, None, other),
                        prefer_not_to_say=cell(H),
                    ),
                    "co_performing": block(
                        8,
                        1.0,
                        asian=cell(5, 0.625, asian),
                        black=cell(H, None, black),
                        mixed=cell(H, None, mixed),
                        white=cell(H, None, white),
                        other=cell(H, None, other),
                        prefer_not_to_say=cell(H),
                    ),
                },
            },
            "disability": {
                "label": "Disability",
                "baseline": None,
                "stages": {
                    # yes 5, no 6, blank 1: the one hidden answer hides the next smallest (yes)
                    "all": block(12, None, yes=cell(H), no=cell(6, 0.5), prefer_not_to_say=cell(H)),
                    # yes 5, no 4 (p6-p9)
                    "co_design": block(
                        9, None, yes=cell(5, 0.5556), no=cell(H), prefer_not_to_say=cell(H)
                    ),
                    # yes 1 (p5), no 6, blank 1 (p12)
                    "co_performing": block(
                        8, None, yes=cell(H), no=cell(6, 0.75), prefer_not_to_say=cell(H)
                    ),
                },
            },
            "caring": {
                "label": "Unpaid care",
                "baseline": None,
                "stages": {
                    # yes 5, no 5, blank 2: of the equal two, the first in order is hidden
                    "all": block(
                        12, None, yes=cell(H), no=cell(5, 0.4167), prefer_not_to_say=cell(H)
                    ),
                    "co_design": block(
                        9, None, yes=cell(5, 0.5556), no=cell(H), prefer_not_to_say=cell(H)
                    ),
                    # yes 1, no 5 (p6-p10), blank 2
                    "co_performing": block(
                        8, None, yes=cell(H), no=cell(5, 0.625), prefer_not_to_say=cell(H)
                    ),
                },
            },
            "deprivation_band": {
                "label": "Neighbourhood deprivation",
                "baseline": None,
                "stages": {
                    stage: block(
                        people,
                        None,
                        **{b: cell(H) for b in ("1", "2", "3", "4", "5", "dont_know")},
                        prefer_not_to_say=cell(people, 1.0),
                    )
                    for stage, people in (("all", 12), ("co_design", 9), ("co_performing", 8))
                },
            },
        },
    }


def test_without_a_period_every_day_counts(world: World, hand_counted: Any) -> None:
    """p11's entry before the period joins co-design: 10 people, Asian p7-p9 and p11."""
    figures = selectors.inclusion(world.initiative)
    design = figures["characteristics"]["ethnic_group"]["stages"]["co_design"]
    assert (design["people"], design["categories"]["asian"], design["categories"]["white"]) == (
        10,
        cell(H, None, 0.12),
        cell(6, 0.6, 0.73),
    )
    assert figures["people_with_profile"] == 12


def test_a_withdrawn_profile_leaves_every_figure(world: World, hand_counted: Any) -> None:
    services.equality_profile_withdraw(actor=hand_counted[12])
    figures = selectors.inclusion(world.initiative, PERIOD)
    assert figures["people_with_profile"] == 11
    assert figures["characteristics"]["gender"]["stages"]["co_performing"]["people"] == 7


def test_a_stage_no_one_with_a_profile_took_part_in_shows_nothing(world: World) -> None:
    figures = selectors.inclusion(world.initiative)
    assert figures["people_with_profile"] == H
    assert figures["characteristics"]["caring"]["stages"] == {
        "all": hidden_block(yes=None, no=None, prefer_not_to_say=None),
        "co_design": hidden_block(yes=None, no=None, prefer_not_to_say=None),
    }


def test_many_initiatives_are_counted_in_three_statements(
    world: World, hand_counted: Any, django_assert_num_queries: Any
) -> None:
    """The counts, the stages and the baselines: never a row per person."""
    with django_assert_num_queries(3):
        figures = selectors.inclusion_of([world.initiative.pk, world.other.pk], PERIOD)
    assert figures[world.initiative.pk]["people_with_profile"] == 12
    assert figures[world.other.pk]["people_with_profile"] == H
    assert list(figures[world.other.pk]["characteristics"]["gender"]["stages"]) == [
        "all",
        "co_design",
    ]
    assert selectors.inclusion_of([], PERIOD) == {}
