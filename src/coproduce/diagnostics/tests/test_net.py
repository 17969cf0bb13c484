"""Sums over every entry are the figures of the standing ones: a reversed pair leaves no
trace (no quarter, no organisation, no person), and weeks run Monday to Sunday."""

import datetime
from typing import Any

from conftest import World
from coproduce.core.vocabulary import ContributionKind, Side, Unit
from coproduce.diagnostics.selectors import diagnostics, quarters
from coproduce.organisations.models import Organisation, OrganisationKind
from coproduce.record import services as record


def _give(world: World, quantity: int, on: datetime.date, **extra: Any) -> Any:
    return record.do_record_contribution(
        source=None,
        recorded_by=world.coordinator,
        initiative=world.initiative,
        stage=world.stage,
        quantity=quantity,
        occurred_on=on,
        **{"kind": ContributionKind.TIME, "unit": Unit.MINUTES, **extra},
    )


def _reverse(world: World, entry: Any) -> None:
    record.contribution_reverse(actor=world.coordinator, contribution=entry, reason="Wrong")


def test_a_reversed_pair_leaves_no_trace(world: World) -> None:
    _give(world, 90, datetime.date(2026, 5, 4), contributor=world.member)
    _reverse(world, _give(world, 60, datetime.date(2026, 1, 5), contributor=world.coordinator))
    funder = Organisation.objects.create(name="Trust", kind=OrganisationKind.FUNDER)
    gift = _give(
        world,
        5000,
        datetime.date(2026, 5, 4),
        kind=ContributionKind.MONEY,
        unit=Unit.PENCE,
        organisation=funder,
        side=Side.REGULAR_PRODUCER,
    )
    _reverse(world, gift)
    answer = diagnostics(world.initiative)
    assert answer["burden"]["people"] == 1
    assert answer["burden"]["minutes"] == 90
    assert answer["value"]["by_organisation_kind"]["funder"] == 0
    assert answer["value"]["cofinancing_citizen_share"] is None
    assert answer["typology"]["planning"]["professional_minutes"] == 0
    assert [q["quarter"] for q in quarters(world.initiative)] == ["2026 Q2"]


def test_the_weekly_cap_counts_iso_weeks(world: World) -> None:
    # 960 minutes a week by default: Sunday 8 and Monday 9 March 2026 are in two weeks.
    _give(world, 500, datetime.date(2026, 3, 8), contributor=world.member)
    _give(world, 500, datetime.date(2026, 3, 9), contributor=world.member)
    assert diagnostics(world.initiative)["burden"]["over_cap"] == 0
    _give(world, 461, datetime.date(2026, 3, 15), contributor=world.member)
    assert diagnostics(world.initiative)["burden"]["over_cap"] == 1
