"""Database triggers that make the record's tables append-only, whatever code touches them.

Used by the migration that installs them. SQLite aborts the statement; PostgreSQL raises.
"""

from typing import Any

APPEND_ONLY_TABLES = ("record_contribution", "record_contributionverification", "record_decision")

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION coproduce_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: record a reversing entry instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def create_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [POSTGRES_FUNCTION] + [
            f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION coproduce_append_only();"
            for table in APPEND_ONLY_TABLES
        ]
    statements = []
    for table in APPEND_ONLY_TABLES:
        for event in ("UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{event.lower()} BEFORE {event} "
                f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only: record a "
                f"reversing entry instead'); END;"
            )
    return statements


def drop_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};"
            for table in APPEND_ONLY_TABLES
        ]
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_{event} ;"
        for table in APPEND_ONLY_TABLES
        for event in ("update", "delete")
    ]


def install(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in create_sql(connection.vendor):
            cursor.execute(statement)


def remove(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in drop_sql(connection.vendor):
            cursor.execute(statement)
