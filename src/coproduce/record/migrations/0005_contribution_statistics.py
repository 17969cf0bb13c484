"""How many groups the diagnostics' sums make, told to PostgreSQL's planner.

The diagnostics sum contributions by initiative, stage, side, paid, kind, unit and
organisation: a few hundred groups in a large initiative, because these columns go
together (a kind has its units, staff time is paid). Guessed one by one, the planner took
them for hundreds of thousands and read the initiative's rows in one process; told how
many there are (ndistinct statistics, filled by ANALYZE and autovacuum), it reads them in
parallel, in about half the time (bench/diagnostics.py). SQLite has no such statistics.
"""

from typing import Any

from django.db import migrations

NAME = "record_contribution_groups"
COLUMNS = "initiative_id, stage_id, side, paid, kind, unit, organisation_id"


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {NAME} (ndistinct) ON {COLUMNS} "
            "FROM record_contribution"
        )
        schema_editor.execute("ANALYZE record_contribution")


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("record", "0004_diagnostics_inputs")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
