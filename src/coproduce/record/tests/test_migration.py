"""Decisions and contributions recorded before participants were named keep what they said:
each side's head-count becomes an unnamed participant row, and staff time becomes paid time."""

import datetime
from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conftest import add_member, make_initiative, make_user
from coproduce.core.vocabulary import Side
from coproduce.record.models import Contribution, Decision

BEFORE = ("record", "0002_append_only_triggers")
DAY = datetime.date(2025, 5, 1)


def test_head_counts_become_unnamed_rows_and_staff_time_paid(transactional_db: Any) -> None:
    coordinator = make_user("coord")
    resident = make_user("resident")
    initiative = make_initiative(coordinator)
    add_member(initiative, resident)
    stage = initiative.stages.get()
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    OldDecision = old.get_model("record", "Decision")
    OldContribution = old.get_model("record", "Contribution")
    common = {
        "initiative_id": initiative.pk,
        "stage_id": stage.pk,
        "recorded_by_id": coordinator.pk,
    }
    counted = OldDecision.objects.create(
        title="Rota agreed",
        initiated_by_side=Side.CITIZEN,
        decided_by="joint",
        rule="vote",
        participants_citizen=12,
        participants_professional=2,
        participants_political=0,
        decided_on=DAY,
        **common,
    )
    nobody = OldDecision.objects.create(
        title="Noted",
        initiated_by_side=Side.CITIZEN,
        decided_by="joint",
        rule="vote",
        decided_on=DAY,
        **common,
    )
    rows = [
        (coordinator, Side.REGULAR_PRODUCER, "time", 60, "minutes"),
        (resident, Side.CITIZEN, "time", 45, "minutes"),
        (coordinator, Side.REGULAR_PRODUCER, "money", 500, "pence"),
    ]
    made = [
        OldContribution.objects.create(
            contributor_id=person.pk,
            side=side,
            kind=kind,
            quantity=quantity,
            unit=unit,
            occurred_on=DAY,
            **common,
        ).pk
        for person, side, kind, quantity, unit in rows
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    decision = Decision.objects.get(pk=counted.pk)
    assert sorted(decision.participants.values_list("person", "side", "position", "headcount")) == [
        (None, Side.CITIZEN, "present", 12),
        (None, Side.REGULAR_PRODUCER, "present", 2),
    ]
    assert (decision.participants_citizen, decision.participants_professional) == (12, 2)
    assert (decision.carried, decision.kind, decision.source_type) == (True, "decision", None)
    assert Decision.objects.get(pk=nobody.pk).participants.count() == 0
    assert [Contribution.objects.get(pk=pk).paid for pk in made] == [True, False, False]
