"""The phase log moves to core (core.phases.PhaseLog, one for every phased capability):
each process's PhaseCount rows are copied there, their counts as a dict and their closing
time kept, and the old table goes."""

from typing import Any

from django.db import migrations

from coproduce.core import append_only

COUNTS = (
    "proposals",
    "feasible",
    "supports",
    "comments",
    "ballots",
    "casts",
    "paper_ballots",
    "codes_issued",
    "codes_used",
)


def _keeping_closed_at(model: Any) -> Any:
    """The model's ``closed_at`` field, told to keep the time given rather than stamp now
    (on this migration's historical copy of the model only)."""
    field = model._meta.get_field("closed_at")
    field.auto_now_add = False
    return field


def to_phase_log(apps: Any, schema_editor: Any) -> None:
    PhaseCount = apps.get_model("budgeting", "PhaseCount")
    PhaseLog = apps.get_model("core", "PhaseLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    process_type, _ = ContentType.objects.get_or_create(app_label="budgeting", model="process")
    field = _keeping_closed_at(PhaseLog)
    try:
        PhaseLog.objects.bulk_create(
            [
                PhaseLog(
                    target_type=process_type,
                    target_id=count.process_id,
                    phase=count.phase,
                    closed_at=count.closed_at,
                    closed_by_id=count.closed_by_id,
                    counts={name: getattr(count, name) for name in COUNTS},
                )
                for count in PhaseCount.objects.order_by("pk")
            ],
            ignore_conflicts=True,  # copied already by an earlier run
        )
    finally:
        field.auto_now_add = True


def to_phase_count(apps: Any, schema_editor: Any) -> None:
    """Back: the processes' PhaseLog rows into the recreated table, made append-only again
    (the PhaseLog rows stay: they are append-only too)."""
    PhaseCount = apps.get_model("budgeting", "PhaseCount")
    PhaseLog = apps.get_model("core", "PhaseLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    process_type = ContentType.objects.filter(app_label="budgeting", model="process").first()
    logs = PhaseLog.objects.filter(target_type=process_type).order_by("pk") if process_type else []
    field = _keeping_closed_at(PhaseCount)
    try:
        PhaseCount.objects.bulk_create(
            PhaseCount(
                process_id=log.target_id,
                phase=log.phase,
                closed_at=log.closed_at,
                closed_by_id=log.closed_by_id,
                **{name: log.counts.get(name, 0) for name in COUNTS},
            )
            for log in logs
        )
    finally:
        field.auto_now_add = True
    append_only.install(schema_editor.connection, ("budgeting_phasecount",))


class Migration(migrations.Migration):
    dependencies = [
        ("budgeting", "0007_voter_district"),
        ("core", "0001_phase_log"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(to_phase_log, to_phase_count),
        migrations.DeleteModel(name="PhaseCount"),
    ]
