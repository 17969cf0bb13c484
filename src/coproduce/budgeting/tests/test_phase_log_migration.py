"""The phase log's move to core: a process's PhaseCount rows become PhaseLog rows with the
same phase, closing time, person and counts, and the old table goes."""

from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conftest import make_initiative, make_user
from coproduce.budgeting.models import Process
from coproduce.core.models import PhaseLog
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives

BEFORE = ("budgeting", "0007_voter_district")
COUNTS = {
    "proposals": 5,
    "feasible": 4,
    "supports": 3,
    "comments": 2,
    "ballots": 7,
    "casts": 9,
    "paper_ballots": 1,
    "codes_issued": 10,
    "codes_used": 6,
}


def test_phase_counts_move_to_the_phase_log_with_their_counts_and_times(
    transactional_db: Any,
) -> None:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    stage = initiatives.stage_create(
        actor=coordinator, initiative=initiative, kind=StageKind.CO_PRIORITISATION
    )
    process = Process.objects.create(initiative=initiative, stage=stage, title="PB")
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    PhaseCount = old.get_model("budgeting", "PhaseCount")
    closed = {
        phase: PhaseCount.objects.create(
            process_id=process.pk, phase=phase, closed_by_id=coordinator.pk, **COUNTS
        ).closed_at
        for phase in ("setup", "proposals")
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    logs = PhaseLog.objects.order_by("pk")
    assert [
        (log.target_type.model, log.target_id, log.phase, log.closed_by, log.counts, log.closed_at)
        for log in logs
    ] == [
        ("process", process.pk, "setup", coordinator, COUNTS, closed["setup"]),
        ("process", process.pk, "proposals", coordinator, COUNTS, closed["proposals"]),
    ]
    assert "budgeting_phasecount" not in connection.introspection.table_names()
