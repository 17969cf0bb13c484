"""Database triggers that make tables append-only, whatever code touches them.

Every capability's ``AppendOnlyModel`` tables get them (the registry lists the tables):
after each ``migrate`` (``install_all``), and from the migrations that created the first
ones. SQLite aborts the statement; PostgreSQL raises. Corrections are new rows, never edits.
"""

from collections.abc import Sequence
from typing import Any

from coproduce.core.capabilities import append_only_tables

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION coproduce_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: record a reversing entry instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def create_sql(vendor: str, tables: Sequence[str] | None = None) -> list[str]:
    tables = append_only_tables() if tables is None else tables
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


def drop_sql(vendor: str, tables: Sequence[str] | None = None) -> list[str]:
    tables = append_only_tables() if tables is None else tables
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


def install_all(using: str = "default", **kwargs: Any) -> None:
    """After ``migrate``: every append-only table has its triggers, a new capability's too."""
    from django.db import connections

    install(connections[using], append_only_tables())
