"""Database triggers that make tables append-only, whatever code touches them.

Used by the migrations that install them (each app for its own tables). SQLite aborts the
statement; PostgreSQL raises. Corrections are new rows, never edits.
"""

from collections.abc import Sequence
from typing import Any

RECORD_TABLES = ("record_contribution", "record_contributionverification", "record_decision")
BUDGETING_TABLES = ("budgeting_phasecount",)
TIMECREDITS_TABLES = ("timecredits_transfer",)
# Every append-only table, for whatever must handle them all (the test suite's flush).
APPEND_ONLY_TABLES = RECORD_TABLES + BUDGETING_TABLES + TIMECREDITS_TABLES

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION coproduce_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: record a reversing entry instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def create_sql(vendor: str, tables: Sequence[str] = APPEND_ONLY_TABLES) -> list[str]:
    if vendor == "postgresql":
        return [POSTGRES_FUNCTION] + [
            f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION coproduce_append_only();"
            for table in tables
        ]
    statements = []
    for table in tables:
        for event in ("UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{event.lower()} BEFORE {event} "
                f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only: record a "
                f"reversing entry instead'); END;"
            )
    return statements


def drop_sql(vendor: str, tables: Sequence[str] = APPEND_ONLY_TABLES) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};" for table in tables]
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_{event} ;"
        for table in tables
        for event in ("update", "delete")
    ]


def install(connection: Any, tables: Sequence[str]) -> None:
    with connection.cursor() as cursor:
        for statement in create_sql(connection.vendor, tables):
            cursor.execute(statement)


def remove(connection: Any, tables: Sequence[str]) -> None:
    with connection.cursor() as cursor:
        for statement in drop_sql(connection.vendor, tables):
            cursor.execute(statement)
