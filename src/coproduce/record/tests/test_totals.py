"""The record's running totals (ADR 0034): kept by the doors in each entry's transaction,
equal to the entries summed afresh, and what the diagnostics read over a whole record."""

import datetime
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from conftest import World
from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionRule,
    Position,
    Side,
    Unit,
)
from coproduce.organisations.models import Organisation, OrganisationKind
from coproduce.record import services, totals
from coproduce.record.models import (
    Contribution,
    DecisionTotal,
    InitiatorTotal,
    PersonStage,
    PersonTotal,
    PersonWeek,
    StageTotal,
)

MONDAY = datetime.date(2026, 3, 2)  # week 6,583 since Monday 1 January 1900


def give(world: World, minutes: int, day: datetime.date, **extra: Any) -> Contribution:
    fields: dict[str, Any] = {"contributor": world.member, "kind": ContributionKind.TIME}
    fields.update(extra)
    return services.do_record_contribution(
        source=None,
        recorded_by=world.coordinator,
        initiative=world.initiative,
        stage=world.stage,
        quantity=minutes,
        unit=Unit.MINUTES if fields["kind"] == ContributionKind.TIME else Unit.PENCE,
        occurred_on=day,
        **fields,
    )


def test_weeks_are_counted_from_monday_1_january_1900() -> None:
    assert totals.week_of(datetime.date(1900, 1, 1)) == 0
    assert totals.week_of(datetime.date(1900, 1, 7)) == 0
    assert totals.week_of(datetime.date(1900, 1, 8)) == 1
    assert totals.week_of(MONDAY) == totals.week_of(MONDAY + datetime.timedelta(days=6)) == 6583


def test_each_entry_and_reversal_moves_the_totals_of_its_groups(world: World) -> None:
    give(world, 90, MONDAY)
    give(world, 30, MONDAY + datetime.timedelta(days=6))  # the same week
    big = give(world, 300, MONDAY + datetime.timedelta(days=7))  # the next week
    assert PersonTotal.objects.values_list("minutes", "busiest").get() == (420, 300)
    services.contribution_reverse(actor=world.coordinator, contribution=big, reason="Twice")
    assert PersonTotal.objects.values_list("minutes", "busiest").get() == (120, 120)
    assert sorted(PersonWeek.objects.values_list("week", "minutes")) == [(6583, 120), (6584, 0)]
    funder = Organisation.objects.create(name="Funder", kind=OrganisationKind.FUNDER)
    give(world, 5_000, MONDAY, kind=ContributionKind.MONEY, contributor=None,
         organisation=funder, side=Side.REGULAR_PRODUCER)  # fmt: skip
    assert sorted(
        StageTotal.objects.values_list(
            "side", "paid", "kind", "unit", "organisation_key", "quantity"
        )
    ) == [
        ("citizen", False, "time", "minutes", 0, 120),
        ("regular_producer", False, "money", "pence", funder.pk, 5_000),
    ]
    assert PersonTotal.objects.count() == 1  # money is not a person's minutes
    assert totals.check().sound


def test_the_check_finds_a_total_that_differs_and_rebuild_mends_it(world: World) -> None:
    give(world, 90, MONDAY)
    entry = give(world, 60, MONDAY + datetime.timedelta(days=14))
    # an entry loaded in bulk, past the doors, is missing from the totals
    Contribution.objects.bulk_create(
        [
            Contribution(
                **{
                    f.attname: getattr(entry, f.attname)
                    for f in Contribution._meta.concrete_fields
                    if f.attname != "id"
                }
            )
        ]
    )
    found = totals.check()
    assert (found.sound, found.differing) == (
        False,
        {
            "record_stagetotal": 2,
            "record_personweek": 2,
            "record_personstage": 2,
            "record_decisiontotal": 0,
            "record_initiatortotal": 0,
            "record_persontotal": 2,
        },
    )
    with pytest.raises(CommandError, match="totals NOT sound"):
        call_command("totals", "check")
    call_command("totals", "rebuild", "--initiative", world.initiative.slug)
    assert PersonTotal.objects.values_list("minutes", "busiest").get() == (210, 120)
    assert totals.check().sound


def test_the_command_reports_sound_totals(world: World, capsys: Any) -> None:
    give(world, 90, MONDAY)
    call_command("totals", "check")
    assert capsys.readouterr().out.strip() == (
        "totals sound: record_stagetotal: 1 groups, 0 differing, record_personweek: 1 groups,"
        " 0 differing, record_personstage: 1 groups, 0 differing, record_decisiontotal: 0 groups,"
        " 0 differing, record_initiatortotal: 0 groups, 0 differing, record_persontotal: 1 groups,"
        " 0 differing"
    )
    with pytest.raises(CommandError, match="no initiative 'nowhere'"):
        call_command("totals", "check", "--initiative", "nowhere")


def test_decisions_count_their_named_participants_in_their_stage_until_reversed(
    world: World,
) -> None:
    give(world, 90, MONDAY)
    decision = services.do_record_decision(
        source=None,
        recorded_by=world.coordinator,
        initiative=world.initiative,
        stage=world.stage,
        title="Open on Saturdays",
        decided_by=DecidingBody.JOINT,
        rule=DecisionRule.CONSENSUS,
        decided_on=MONDAY,
        initiated_by=world.member,
        participants=[
            services.Participant(world.member, Position.FOR),
            services.Participant(world.coordinator, Position.FOR),
        ],
        headcounts={Side.CITIZEN: 4},  # unnamed people are not counted
    )

    def people() -> list[tuple[int, int]]:
        return sorted(PersonStage.objects.values_list("contributor", "entries"))

    assert people() == sorted([(world.member.pk, 2), (world.coordinator.pk, 1)])
    decided = DecisionTotal.objects.values_list(
        "initiated_by_side", "decided_by", "kind", "decisions", "voiced"
    )
    assert list(decided) == [("citizen", "joint", "decision", 1, 1)]  # citizens took part
    assert list(InitiatorTotal.objects.values_list("contributor", "decisions")) == [
        (world.member.pk, 1)
    ]
    services.decision_reverse(actor=world.coordinator, decision=decision, reason="In error")
    assert people() == sorted([(world.member.pk, 1), (world.coordinator.pk, 0)])
    assert list(decided.all()) == [("citizen", "joint", "decision", 0, 0)]
    assert list(InitiatorTotal.objects.values_list("decisions", flat=True)) == [0]
    assert totals.check().sound


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_entries_written_at_once_all_count(world: World) -> None:
    """Eight writers add to one person's totals at once: every minute is counted and the
    busiest week is the largest, whatever order they commit in."""
    import threading

    barrier = threading.Barrier(8)

    def write(n: int) -> None:
        try:
            barrier.wait()
            give(world, 10 * (n + 1), MONDAY + datetime.timedelta(days=7 * n))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert PersonTotal.objects.values_list("minutes", "busiest").get() == (360, 80)
    assert totals.check().sound
