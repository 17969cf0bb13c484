"""The key promise: no count under 5 ever leaves ``inclusion_of``, whatever the record, and
no hidden count can be worked out from the total and the counts shown; every count shown is
the true one. Hypothesis builds many random records (people with and without profiles,
live, reversed and reversing entries over two stages and several days) and checks every
figure against a count made here in Python."""

import datetime
import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import World
from coproduce.accounts.models import User
from coproduce.core.dates import Period
from coproduce.core.vocabulary import StageKind
from coproduce.equality import selectors
from coproduce.equality.figures import HIDDEN, SUPPRESSION, cell_block
from coproduce.equality.models import EqualityProfile, LocalityBaseline
from coproduce.equality.vocabulary import CHARACTERISTICS, PREFER_NOT_TO_SAY
from coproduce.initiatives import services as initiatives
from coproduce.record import totals
from coproduce.record.models import Contribution, Decision, DecisionParticipant

D = datetime.date
DAYS = [D(2025, 11, 30), D(2026, 1, 1), D(2026, 2, 15), D(2026, 6, 30)]
PERIODS = [
    Period(),
    Period(D(2026, 1, 1), None),
    Period(None, D(2026, 1, 1)),
    Period(D(2026, 1, 1), D(2026, 2, 15)),
]
STATES = ["live", "reversed"]

answers = st.fixed_dictionaries(
    {
        key: st.sampled_from(["", *found.categories])
        | st.sampled_from(found.categories[:2])  # crowd some answers past 5
        for key, found in CHARACTERISTICS.items()
    }
)
# (stage index, day index, state)
entries = st.tuples(st.integers(0, 1), st.integers(0, 3), st.sampled_from(STATES))
person = st.tuples(
    st.none() | answers | answers | answers,  # most people keep a profile
    st.lists(entries, max_size=3),  # contributions
    st.lists(st.integers(0, 3), max_size=2, unique=True),  # decisions taken part in
)
# Sizes drawn first, so that records of every size up to 60 people are as likely.
people = st.integers(0, 60).flatmap(lambda n: st.lists(person, min_size=n, max_size=n))
decisions = st.lists(entries, min_size=4, max_size=4)
records = st.fixed_dictionaries(
    {"people": people, "decisions": decisions, "period": st.integers(0, len(PERIODS) - 1)}
)


def _build(world: World, stages: list[Any], drawn: dict[str, Any]) -> dict[str, Any]:
    """Write the drawn record in a few statements; return the people made."""
    initiative, by = world.initiative, world.coordinator
    users = User.objects.bulk_create(
        [User(username=f"drawn-person-{i:03d}") for i in range(len(drawn["people"]))]
    )
    EqualityProfile.objects.bulk_create(
        [
            EqualityProfile(
                user=user,
                consented_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
                **profile,
            )
            for user, (profile, _, _) in zip(users, drawn["people"], strict=True)
            if profile is not None
        ]
    )

    def entry_fields(stage: int) -> dict[str, Any]:
        return {"initiative": initiative, "stage": stages[stage], "recorded_by": by}

    def new_decision(stage: int, day: int, **reversing: Any) -> Decision:
        return Decision(
            **entry_fields(stage),
            title="Drawn",
            initiated_by_side="citizen",
            decided_by="joint",
            rule="consensus",
            decided_on=DAYS[day],
            **reversing,
        )

    made = Decision.objects.bulk_create([new_decision(s, d) for s, d, _ in drawn["decisions"]])
    undone = [i for i, (_, _, state) in enumerate(drawn["decisions"]) if state == "reversed"]
    reversals = Decision.objects.bulk_create(
        [
            new_decision(*drawn["decisions"][index][:2], reverses=made[index], reason="Drawn")
            for index in undone
        ]
    )
    reversal_of = dict(zip(undone, reversals, strict=True))
    rows = [
        DecisionParticipant(decision=d, side="citizen", position="present", headcount=9)
        for d in made
    ]
    contributions, undone_contributions = [], []
    for user, (_, given_entries, taken_part) in zip(users, drawn["people"], strict=True):
        for index in taken_part:  # a reversal names them too: it must not count
            for decision in (made[index], reversal_of.get(index)):
                if decision is not None:
                    rows.append(
                        DecisionParticipant(
                            decision=decision, person=user, side="citizen", position="for"
                        )
                    )
        for stage, day, state in given_entries:
            contribution = Contribution(
                **entry_fields(stage),
                contributor=user,
                side="citizen",
                kind="time",
                quantity=30,
                unit="minutes",
                occurred_on=DAYS[day],
            )
            contributions.append(contribution)
            if state == "reversed":
                undone_contributions.append(contribution)
    DecisionParticipant.objects.bulk_create(rows)
    Contribution.objects.bulk_create(contributions)
    Contribution.objects.bulk_create(
        [
            Contribution(
                initiative=c.initiative,
                stage=c.stage,
                recorded_by=by,
                contributor=c.contributor,
                side="citizen",
                kind="time",
                quantity=-30,
                unit="minutes",
                occurred_on=c.occurred_on,
                reverses=c,
                reason="Drawn",
            )
            for c in undone_contributions
        ]
    )
    totals.rebuild()  # written in bulk, past the doors that keep the running totals
    return {"users": users}


def _truth(drawn: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """The profiles of who should count, per stage kind and "all", counted here."""
    period = PERIODS[drawn["period"]]

    def within(day: int) -> bool:
        on = DAYS[day]
        return (period.start is None or on >= period.start) and (
            period.end is None or on <= period.end
        )

    kinds = [StageKind.CO_DESIGN, StageKind.CO_PERFORMING]
    found: dict[str, list[dict[str, str]]] = {"all": [], **{kind: [] for kind in kinds}}
    for profile, given_entries, taken_part in drawn["people"]:
        if profile is None:
            continue
        stages = {s for s, day, state in given_entries if state == "live" and within(day)}
        for index in taken_part:
            stage, day, state = drawn["decisions"][index]
            if state == "live" and within(day):
                stages.add(stage)
        for stage in stages:
            found[kinds[stage]].append(profile)
        if stages:
            found["all"].append(profile)
    return found


def _check_block(block: dict[str, Any], key: str, profiles: list[dict[str, str]]) -> None:
    true = Counter(p[key] or PREFER_NOT_TO_SAY for p in profiles)
    cells = block["categories"]
    assert list(cells) == CHARACTERISTICS[key].categories
    if len(profiles) < SUPPRESSION:
        assert block["people"] == HIDDEN
        assert all(c["count"] == HIDDEN and c["share"] is None for c in cells.values())
        assert block["representativeness"] is None
        return
    assert block["people"] == len(profiles)
    hidden = {c for c, cell in cells.items() if cell["count"] == HIDDEN}
    assert {c for c in cells if true[c] < SUPPRESSION} <= hidden
    assert len(hidden) != 1  # one hidden count would be the total minus the rest
    event("a count shown" if len(hidden) < len(cells) else "every count hidden")
    if sum(true[c] < SUPPRESSION for c in cells) == 1:
        event("a count hidden so no other can be worked out")
    for category, cell in cells.items():
        if category in hidden:
            assert cell["share"] is None
        else:
            assert cell["count"] == true[category] >= SUPPRESSION
            exact = Decimal(true[category]) / Decimal(len(profiles))
            assert cell["share"] == float(exact.quantize(Decimal("0.0001"), ROUND_HALF_UP))


def _no_small_count(value: Any, key: str = "") -> None:
    """Every count anywhere in the answer is "<5" or at least 5."""
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            _no_small_count(inner, inner_key)
    elif key in {"people", "count", "people_with_profile"}:
        assert value == HIDDEN or (isinstance(value, int) and value >= SUPPRESSION), (key, value)


def test_no_count_under_5_leaves_inclusion_of(world: World) -> None:
    stages = [
        world.stage,
        initiatives.stage_create(
            actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_PERFORMING
        ),
    ]
    LocalityBaseline.objects.create(
        initiative=world.initiative,
        characteristic="caring",
        shares={"yes": 100, "no": 900},
        source="Census",
        year=2021,
    )

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(records)
    def check(drawn: dict[str, Any]) -> None:
        with transaction.atomic():
            built = _build(world, stages, drawn)
            answer = selectors.inclusion_of([world.initiative.pk], PERIODS[drawn["period"]])
            transaction.set_rollback(True)
        figures = answer[world.initiative.pk]
        _no_small_count(figures)
        truth = _truth(drawn)
        assert figures["people_with_profile"] == (
            len(truth["all"]) if len(truth["all"]) >= SUPPRESSION else HIDDEN
        )
        for key in CHARACTERISTICS:
            blocks = figures["characteristics"][key]["stages"]
            assert list(blocks) == ["all", StageKind.CO_DESIGN, StageKind.CO_PERFORMING]
            for stage, block in blocks.items():
                _check_block(block, key, truth[stage])
        text = json.dumps(figures)
        assert not any(user.username in text for user in built["users"])

    check()


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(list(CHARACTERISTICS.values())),
    st.lists(st.integers(0, 12), min_size=8, max_size=8),
    st.none() | st.lists(st.integers(0, 1000), min_size=8, max_size=8),
)
def test_a_block_shows_no_count_under_5_and_none_by_subtraction(
    found: Any, numbers: list[int], locality: list[int] | None
) -> None:
    counts = dict(zip(found.categories, numbers, strict=False))
    baseline = (
        None if locality is None else dict(zip(found.baseline_categories, locality, strict=False))
    )
    block = cell_block(found, counts, baseline)
    _no_small_count(block)
    profiles = [{found.key: c} for c, n in counts.items() for _ in range(n)]
    _check_block(block, found.key, profiles)
    index = block["representativeness"]
    assert index is None or 0 <= index <= 1
