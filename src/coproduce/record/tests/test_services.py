"""The co-production record: who may write what, what is refused, and that nothing is lost."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from conftest import World
from coproduce.core.vocabulary import ContributionKind, DecidingBody, DecisionRule, Side, Unit
from coproduce.record import services
from coproduce.record.models import Contribution, ContributionVerification, Decision
from coproduce.record.selectors import record_totals

DAY = datetime.date(2026, 3, 2)


def record_time(world: World, actor, minutes: int = 90, **extra) -> Contribution:
    fields: dict[str, Any] = {
        "initiative": world.initiative,
        "stage": world.stage,
        "kind": ContributionKind.TIME,
        "quantity": minutes,
        "unit": Unit.MINUTES,
        "occurred_on": DAY,
    }
    fields.update(extra)
    return services.contribution_record(actor=actor, **fields)


def test_member_records_own_contribution_on_their_side(world: World) -> None:
    contribution = record_time(world, world.member, description="Checked ten repairs")
    stored = Contribution.objects.get()
    assert stored.pk == contribution.pk
    assert (stored.contributor, stored.recorded_by) == (world.member, world.member)
    assert (stored.side, stored.kind, stored.quantity, stored.unit) == (
        Side.CITIZEN,
        "time",
        90,
        "minutes",
    )


def test_coordinator_records_on_behalf_of_a_member(world: World) -> None:
    record_time(world, world.coordinator, contributor=world.member)
    stored = Contribution.objects.get()
    assert (stored.contributor, stored.recorded_by, stored.side) == (
        world.member,
        world.coordinator,
        Side.CITIZEN,
    )


def test_member_cannot_record_for_someone_else(world: World) -> None:
    with pytest.raises(PermissionDenied):
        record_time(world, world.member, contributor=world.coordinator)
    assert Contribution.objects.count() == 0


def test_outsider_cannot_record(world: World) -> None:
    with pytest.raises(PermissionDenied):
        record_time(world, world.outsider)
    assert Contribution.objects.count() == 0


def test_other_initiatives_coordinator_cannot_record_here(world: World) -> None:
    with pytest.raises(PermissionDenied):
        record_time(world, world.other_coordinator, contributor=world.member)
    assert Contribution.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": 0}, "quantity"),
        ({"quantity": -5}, "quantity"),
        ({"quantity": 365 * 24 * 60 + 1}, "quantity"),
        ({"unit": Unit.PENCE}, "unit"),
        ({"occurred_on": datetime.date(2999, 1, 1)}, "occurred_on"),
        ({"occurred_on": datetime.date(1850, 1, 1)}, "occurred_on"),
        ({"description": "x" * 501}, "description"),
    ],
)
def test_bad_contribution_is_refused_naming_the_field(world: World, changes, field) -> None:
    with pytest.raises(ValidationError) as error:
        record_time(world, world.member, **changes)
    assert field in error.value.message_dict
    assert Contribution.objects.count() == 0


def test_stage_of_another_initiative_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        record_time(world, world.member, stage=world.other_stage)
    assert error.value.message_dict == {"stage": ["That stage belongs to another initiative."]}
    assert Contribution.objects.count() == 0


def test_coordinator_verifies_a_members_contribution_once(world: World) -> None:
    contribution = record_time(world, world.member)
    services.contribution_verify(actor=world.coordinator, contribution=contribution)
    verification = ContributionVerification.objects.get()
    assert (verification.contribution, verification.verified_by) == (
        contribution,
        world.coordinator,
    )
    with pytest.raises(ValidationError):
        services.contribution_verify(actor=world.coordinator, contribution=contribution)
    assert ContributionVerification.objects.count() == 1


def test_nobody_verifies_their_own_contribution(world: World) -> None:
    own = record_time(world, world.coordinator)
    with pytest.raises(PermissionDenied):
        services.contribution_verify(actor=world.coordinator, contribution=own)
    theirs = record_time(world, world.member)
    with pytest.raises(PermissionDenied):
        services.contribution_verify(actor=world.member, contribution=theirs)
    assert ContributionVerification.objects.count() == 0


def test_reversal_appends_a_negative_entry_and_nets_the_totals(world: World) -> None:
    kept = record_time(world, world.member, minutes=120)
    wrong = record_time(world, world.member, minutes=600)
    reversal = services.contribution_reverse(
        actor=world.coordinator, contribution=wrong, reason="Typed 600 for 60"
    )
    assert (reversal.quantity, reversal.reverses, reversal.reason) == (
        -600,
        wrong,
        "Typed 600 for 60",
    )
    assert Contribution.objects.count() == 3
    assert Contribution.objects.get(pk=wrong.pk).quantity == 600  # the original is untouched
    totals = record_totals(world.initiative)
    assert [(r.key, r.minutes, r.entries) for r in totals["side"]] == [("citizen", 120, 3)]
    assert kept.quantity == 120


def test_an_entry_is_reversed_once_and_reversals_are_final(world: World) -> None:
    entry = record_time(world, world.member)
    reversal = services.contribution_reverse(actor=world.member, contribution=entry, reason="dup")
    with pytest.raises(ValidationError):
        services.contribution_reverse(actor=world.member, contribution=entry, reason="again")
    with pytest.raises(ValidationError):
        services.contribution_reverse(actor=world.member, contribution=reversal, reason="undo")
    assert Contribution.objects.count() == 2


def test_reversal_needs_a_reason(world: World) -> None:
    entry = record_time(world, world.member)
    with pytest.raises(ValidationError) as error:
        services.contribution_reverse(actor=world.member, contribution=entry, reason="  ")
    assert "reason" in error.value.message_dict
    assert Contribution.objects.count() == 1


def test_totals_per_side_stage_and_kind(world: World) -> None:
    record_time(world, world.member, minutes=60)
    record_time(world, world.coordinator, minutes=45)
    services.contribution_record(
        actor=world.member,
        initiative=world.initiative,
        stage=world.stage,
        kind=ContributionKind.MONEY,
        quantity=2550,
        unit=Unit.PENCE,
        occurred_on=DAY,
    )
    totals = record_totals(world.initiative)
    assert [(r.key, r.minutes, r.pence, r.count, r.entries) for r in totals["side"]] == [
        ("regular_producer", 45, 0, 0, 1),
        ("citizen", 60, 2550, 0, 2),
    ]
    assert [(r.key, r.minutes, r.pence) for r in totals["stage"]] == [("co_design", 105, 2550)]
    assert [(r.key, r.minutes, r.pence) for r in totals["kind"]] == [
        ("time", 105, 0),
        ("money", 0, 2550),
    ]


def decide(world: World, actor, **extra) -> Decision:
    fields: dict[str, Any] = {
        "initiative": world.initiative,
        "stage": world.stage,
        "title": "Fix damp first",
        "decided_by": DecidingBody.JOINT,
        "rule": DecisionRule.CONSENSUS,
        "decided_on": DAY,
        "initiated_by": world.member,
        "participants_citizen": 7,
        "participants_professional": 2,
    }
    fields.update(extra)
    return services.decision_record(actor=actor, **fields)


def test_member_records_a_decision_with_initiator_side_from_membership(world: World) -> None:
    decision = decide(world, world.member)
    stored = Decision.objects.get()
    assert stored.pk == decision.pk
    assert (stored.initiated_by, stored.initiated_by_side, stored.rule, stored.decided_by) == (
        world.member,
        Side.CITIZEN,
        "consensus",
        "joint",
    )
    assert stored.participants_total == 9


def test_decision_refuses_outsider_initiator_and_foreign_stage(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        decide(world, world.member, initiated_by=world.outsider)
    assert "initiated_by" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        decide(world, world.member, stage=world.other_stage)
    assert "stage" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        decide(world, world.outsider)
    assert Decision.objects.count() == 0


def test_decision_without_initiator_needs_a_side(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        decide(world, world.coordinator, initiated_by=None)
    assert error.value.message_dict == {
        "initiated_by_side": ["Say which side initiated the decision, or who did."]
    }
    decision = decide(world, world.coordinator, initiated_by=None, initiated_by_side=Side.POLITICAL)
    assert decision.initiated_by_side == "political"


def test_decision_reversal_keeps_the_original(world: World) -> None:
    decision = decide(world, world.member)
    reversal = services.decision_reverse(
        actor=world.coordinator, decision=decision, reason="Recorded in the wrong initiative"
    )
    assert reversal.reverses == decision
    assert reversal.title == "Reversal: Fix damp first"
    assert Decision.objects.count() == 2
    with pytest.raises(PermissionDenied):
        services.decision_reverse(actor=world.outsider, decision=decision, reason="no")


@pytest.mark.parametrize(
    "statement", ["UPDATE {table} SET {column} = {value}", "DELETE FROM {table}"]
)
@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("record_contribution", "quantity", "1"),
        ("record_decision", "title", "'changed'"),
        ("record_contributionverification", "verified_by_id", "verified_by_id"),
    ],
)
def test_database_refuses_edits_and_deletes(world: World, statement, table, column, value) -> None:
    contribution = record_time(world, world.member)
    services.contribution_verify(actor=world.coordinator, contribution=contribution)
    decide(world, world.member)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.format(table=table, column=column, value=value))
    assert Contribution.objects.get().quantity == 90
    assert Decision.objects.get().title == "Fix damp first"
    assert ContributionVerification.objects.count() == 1


def test_database_refuses_a_negative_entry_that_reverses_nothing(world: World) -> None:
    entry = record_time(world, world.member)
    with pytest.raises(DatabaseError), transaction.atomic():
        Contribution.objects.create(
            initiative=world.initiative,
            stage=world.stage,
            contributor=world.member,
            side=Side.CITIZEN,
            kind="time",
            quantity=-90,
            unit="minutes",
            occurred_on=DAY,
            recorded_by=world.member,
        )
    assert list(Contribution.objects.values_list("pk", flat=True)) == [entry.pk]


def test_models_refuse_save_and_delete_of_existing_entries(world: World) -> None:
    entry = record_time(world, world.member)
    entry.quantity = 1
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    assert Contribution.objects.get().quantity == 90
