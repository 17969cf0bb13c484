"""Running totals of the record (ADR 0034): what a reading of a whole record adds up.

Every contribution and every reversal is added, in its own transaction, to: the net
quantity per initiative, stage, side, paid, kind, unit and organisation (``StageTotal``); a
member's net minutes per ISO week (``PersonWeek``); a member's net minutes with their
busiest week (``PersonTotal``); and how many standing entries name a member in a stage
(``PersonStage``), to which decisions add their named participants (and a reversed
decision takes them away). The diagnostics read these when no period narrows them, a few
rows per group instead of every entry. ``rebuild`` makes them again
from the entries (the migration that adds them, and any bulk load that bypasses the doors);
``check`` compares them with the entries and lists every group that differs.

The adds are upserts (``INSERT … ON CONFLICT DO UPDATE``, the same SQL on PostgreSQL and
SQLite), so two entries for the same group at once both count. A member's busiest week is
read again from their weeks after their total's row is locked by the first statement: any
other writer for that member waits there, so it cannot be missed.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import BigIntegerField, Func

from coproduce.core.vocabulary import Unit
from coproduce.record.models import Contribution, Decision, DecisionParticipant

WEEK_ZERO = datetime.date(1900, 1, 1)  # a Monday, before any day the record takes


def week_of(day: datetime.date) -> int:
    """The ISO week a day falls in, as whole weeks since Monday 1 January 1900."""
    return (day - WEEK_ZERO).days // 7


class IsoWeek(Func):
    """``week_of`` in SQL: a key to group by, cheaper than the week's Monday."""

    output_field = BigIntegerField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template=WEEK_SQL["postgresql"], **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template=WEEK_SQL["sqlite"], **extra)


WEEK_SQL = {
    "postgresql": "((%(expressions)s - DATE '1900-01-01') / 7)",
    # julianday('1900-01-01') is 2415020.5
    "sqlite": "CAST((julianday(%(expressions)s) - 2415020.5) / 7 AS INTEGER)",
}

ADD_TO_STAGE = """
INSERT INTO record_stagetotal
    (initiative_id, stage_id, side, paid, kind, unit, organisation_key, quantity)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (initiative_id, stage_id, side, paid, kind, unit, organisation_key)
DO UPDATE SET quantity = record_stagetotal.quantity + excluded.quantity
"""
ADD_TO_PERSON = """
INSERT INTO record_persontotal (initiative_id, contributor_id, minutes, busiest)
VALUES (%s, %s, %s, 0)
ON CONFLICT (initiative_id, contributor_id)
DO UPDATE SET minutes = record_persontotal.minutes + excluded.minutes
"""
ADD_TO_WEEK = """
INSERT INTO record_personweek (initiative_id, contributor_id, week, minutes)
VALUES (%s, %s, %s, %s)
ON CONFLICT (initiative_id, contributor_id, week)
DO UPDATE SET minutes = record_personweek.minutes + excluded.minutes
"""
ADD_TO_STAGE_PEOPLE = """
INSERT INTO record_personstage (initiative_id, stage_id, contributor_id, entries)
VALUES (%s, %s, %s, %s)
ON CONFLICT (initiative_id, stage_id, contributor_id)
DO UPDATE SET entries = record_personstage.entries + excluded.entries
"""
BUSIEST = """
UPDATE record_persontotal SET busiest = (
    SELECT MAX(minutes) FROM record_personweek
    WHERE initiative_id = %s AND contributor_id = %s
) WHERE initiative_id = %s AND contributor_id = %s
"""


def do_add(entry: Contribution) -> None:
    """Add an entry (a reversal is negative) to the totals, in the caller's transaction;
    called by the record's doors right after they save it."""
    with connection.cursor() as cursor:
        cursor.execute(
            ADD_TO_STAGE,
            [
                entry.initiative_id,
                entry.stage_id,
                entry.side,
                entry.paid,
                entry.kind,
                entry.unit,
                entry.organisation_id or 0,
                entry.quantity,
            ],
        )
        if entry.contributor_id is None:
            return
        one = -1 if entry.reverses_id is not None else 1
        cursor.execute(
            ADD_TO_STAGE_PEOPLE,
            [entry.initiative_id, entry.stage_id, entry.contributor_id, one],
        )
        if entry.unit != Unit.MINUTES:
            return
        person = [entry.initiative_id, entry.contributor_id]
        cursor.execute(ADD_TO_PERSON, [*person, entry.quantity])
        cursor.execute(ADD_TO_WEEK, [*person, week_of(entry.occurred_on), entry.quantity])
        cursor.execute(BUSIEST, [*person, *person])


def do_add_decision(decision: Decision, participants: list[DecisionParticipant]) -> None:
    """Count a decision's named participants in its stage, in the caller's transaction."""
    _count_participants(decision, [p.person_id for p in participants if p.person_id], 1)


def do_take_away_decision(decision: Decision) -> None:
    """Take away the named participants of a decision being reversed."""
    people = DecisionParticipant.objects.filter(decision=decision, person__isnull=False)
    _count_participants(decision, list(people.values_list("person_id", flat=True)), -1)


def _count_participants(decision: Decision, people: list[int], sign: int) -> None:
    if not people:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            ADD_TO_STAGE_PEOPLE,
            [[decision.initiative_id, decision.stage_id, person, sign] for person in people],
        )


# What the totals should hold, from the entries: the same groups, summed afresh.
FRESH = {
    "record_stagetotal": (
        "initiative_id, stage_id, side, paid, kind, unit, organisation_key, quantity",
        "SELECT initiative_id, stage_id, side, paid, kind, unit, COALESCE(organisation_id, 0),"
        " SUM(quantity) FROM record_contribution {where}"
        " GROUP BY initiative_id, stage_id, side, paid, kind, unit, organisation_id",
    ),
    "record_personweek": (
        "initiative_id, contributor_id, week, minutes",
        "SELECT initiative_id, contributor_id, {week}, SUM(quantity) FROM record_contribution"
        " {where} AND unit = 'minutes' AND contributor_id IS NOT NULL"
        " GROUP BY initiative_id, contributor_id, {week}",
    ),
    "record_personstage": (
        "initiative_id, stage_id, contributor_id, entries",
        "SELECT initiative_id, stage_id, person, SUM(one) FROM ("
        "SELECT initiative_id, stage_id, contributor_id AS person,"
        " CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END AS one FROM record_contribution"
        " {where} AND contributor_id IS NOT NULL"
        " UNION ALL SELECT d.initiative_id, d.stage_id, p.person_id,"
        " CASE WHEN d.reverses_id IS NOT NULL"
        " OR EXISTS (SELECT 1 FROM record_decision r WHERE r.reverses_id = d.id)"
        " THEN 0 ELSE 1 END"
        " FROM record_decisionparticipant p JOIN record_decision d ON d.id = p.decision_id"
        " {where_decision} AND p.person_id IS NOT NULL) named"
        " GROUP BY initiative_id, stage_id, person",
    ),
    "record_persontotal": (
        "initiative_id, contributor_id, minutes, busiest",
        "SELECT initiative_id, contributor_id, SUM(minutes), MAX(minutes) FROM ("
        "SELECT initiative_id, contributor_id, SUM(quantity) AS minutes FROM record_contribution"
        " {where} AND unit = 'minutes' AND contributor_id IS NOT NULL"
        " GROUP BY initiative_id, contributor_id, {week}) weeks"
        " GROUP BY initiative_id, contributor_id",
    ),
}


def _of(initiative_ids: list[int] | None) -> tuple[str, list[int]]:
    """A WHERE clause limiting rows to these initiatives (all when None), and its values."""
    if initiative_ids is None:
        return "WHERE 1 = 1", []
    return f"WHERE initiative_id IN ({', '.join(['%s'] * len(initiative_ids))})", initiative_ids


def _fresh(table: str, vendor: str, initiative_ids: list[int] | None) -> tuple[str, str, list]:
    """The table's columns, and the SELECT that sums its rows afresh from the entries."""
    columns, select = FRESH[table]
    where, params = _of(initiative_ids)
    week = WEEK_SQL[vendor] % {"expressions": "occurred_on"}
    sql = select.format(
        where=where, week=week, where_decision=where.replace("initiative_id", "d.initiative_id")
    )
    return columns, sql, list(params) * (2 if "{where_decision}" in select else 1)


def rebuild(initiative_ids: list[int] | None = None, using: Any = None) -> None:
    """Make the totals (of these initiatives, or all) again from the entries, in the
    caller's transaction; on PostgreSQL new entries wait until it ends (SQLite writes one
    transaction at a time anyway)."""
    if initiative_ids == []:
        return
    database = using or connection
    where, kept_params = _of(initiative_ids)
    with database.cursor() as cursor:
        if database.vendor == "postgresql":
            cursor.execute("LOCK TABLE record_contribution IN SHARE MODE")
        for table in FRESH:
            columns, sql, params = _fresh(table, database.vendor, initiative_ids)
            cursor.execute(f"DELETE FROM {table} {where}", kept_params)  # noqa: S608
            cursor.execute(f"INSERT INTO {table} ({columns}) {sql}", params)


@dataclass(frozen=True)
class Check:
    """How the totals compare with the entries: the groups kept, and those that differ
    (kept but wrong, missing, or kept for nothing), by table."""

    groups: dict[str, int]
    differing: dict[str, int]

    @property
    def sound(self) -> bool:
        return not any(self.differing.values())


def check(initiative_ids: list[int] | None = None) -> Check:
    """Compare every total with the entries summed afresh."""
    groups, differing = {}, {}
    if initiative_ids == []:
        return Check(groups=dict.fromkeys(FRESH, 0), differing=dict.fromkeys(FRESH, 0))
    where, kept_params = _of(initiative_ids)
    with connection.cursor() as cursor:
        for table in FRESH:
            columns, sql, params = _fresh(table, connection.vendor, initiative_ids)
            kept = f"SELECT {columns} FROM {table} {where}"  # noqa: S608
            cursor.execute(f"SELECT COUNT(*) FROM ({kept}) kept", kept_params)  # noqa: S608
            groups[table] = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT * FROM ({sql}) fresh EXCEPT {kept}) missing",  # noqa: S608
                [*params, *kept_params],
            )
            missing = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT COUNT(*) FROM ({kept} EXCEPT SELECT * FROM ({sql}) fresh) extra",  # noqa: S608
                [*kept_params, *params],
            )
            differing[table] = missing + cursor.fetchone()[0]
    return Check(groups=groups, differing=differing)
