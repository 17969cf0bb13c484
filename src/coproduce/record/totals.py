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

from coproduce.core.vocabulary import DecidingBody, DecisionKind, Side, Unit
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
ADD_TO_DECISIONS = """
INSERT INTO record_decisiontotal
    (initiative_id, initiated_by_side, decided_by, kind, decisions, voiced)
VALUES (%s, %s, %s, %s, %s, %s)
ON CONFLICT (initiative_id, initiated_by_side, decided_by, kind)
DO UPDATE SET decisions = record_decisiontotal.decisions + excluded.decisions,
              voiced = record_decisiontotal.voiced + excluded.voiced
"""
ADD_TO_INITIATOR = """
INSERT INTO record_initiatortotal (initiative_id, contributor_id, decisions) VALUES (%s, %s, %s)
ON CONFLICT (initiative_id, contributor_id)
DO UPDATE SET decisions = record_initiatortotal.decisions + excluded.decisions
"""
# Decisions about the service: declarations are statements (DecisionKind), not counted as power.
SERVICE_DECISIONS = (DecisionKind.DECISION, DecisionKind.EXCLUSION)
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
    """Count a decision, and its named participants in its stage, in the caller's
    transaction."""
    _count_decision(decision, participants, 1)


def do_take_away_decision(decision: Decision) -> None:
    """Take away a decision being reversed, and its named participants."""
    _count_decision(decision, list(DecisionParticipant.objects.filter(decision=decision)), -1)


def _count_decision(decision: Decision, participants: list[DecisionParticipant], sign: int) -> None:
    voiced = decision.decided_by == DecidingBody.CITIZENS or (
        decision.decided_by == DecidingBody.JOINT
        and any(p.side == Side.CITIZEN for p in participants)
    )
    group: list[Any] = [decision.initiative_id, decision.initiated_by_side, decision.decided_by]
    with connection.cursor() as cursor:
        cursor.execute(ADD_TO_DECISIONS, [*group, decision.kind, sign, sign if voiced else 0])
        if decision.initiated_by_id is not None and decision.kind in SERVICE_DECISIONS:
            cursor.execute(
                ADD_TO_INITIATOR, [decision.initiative_id, decision.initiated_by_id, sign]
            )
        people = [p.person_id for p in participants if p.person_id is not None]
        cursor.executemany(
            ADD_TO_STAGE_PEOPLE,
            [[decision.initiative_id, decision.stage_id, person, sign] for person in people],
        )


# What the totals should hold, from the entries: the same groups, summed afresh; and which
# rows of a table count (a decision total whose decisions were all reversed holds nothing).
FRESH = {
    "record_stagetotal": (
        "initiative_id, stage_id, side, paid, kind, unit, organisation_key, quantity",
        "SELECT initiative_id, stage_id, side, paid, kind, unit, COALESCE(organisation_id, 0),"
        " SUM(quantity) FROM record_contribution {where}"
        " GROUP BY initiative_id, stage_id, side, paid, kind, unit, organisation_id",
        "",
    ),
    "record_personweek": (
        "initiative_id, contributor_id, week, minutes",
        "SELECT initiative_id, contributor_id, {week}, SUM(quantity) FROM record_contribution"
        " {where} AND unit = 'minutes' AND contributor_id IS NOT NULL"
        " GROUP BY initiative_id, contributor_id, {week}",
        "",
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
        "",
    ),
    "record_decisiontotal": (
        "initiative_id, initiated_by_side, decided_by, kind, decisions, voiced",
        "SELECT initiative_id, initiated_by_side, decided_by, kind, COUNT(*),"
        " SUM(CASE WHEN decided_by = 'citizens' OR (decided_by = 'joint' AND EXISTS ("
        "SELECT 1 FROM record_decisionparticipant p"
        " WHERE p.decision_id = d.id AND p.side = 'citizen')) THEN 1 ELSE 0 END)"
        " FROM record_decision d {where} AND d.reverses_id IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM record_decision r WHERE r.reverses_id = d.id)"
        " GROUP BY initiative_id, initiated_by_side, decided_by, kind",
        "decisions <> 0",
    ),
    "record_initiatortotal": (
        "initiative_id, contributor_id, decisions",
        "SELECT initiative_id, initiated_by_id, COUNT(*) FROM record_decision d"
        " {where} AND d.reverses_id IS NULL AND initiated_by_id IS NOT NULL"
        " AND kind IN ('decision', 'exclusion')"
        " AND NOT EXISTS (SELECT 1 FROM record_decision r WHERE r.reverses_id = d.id)"
        " GROUP BY initiative_id, initiated_by_id",
        "decisions <> 0",
    ),
    "record_persontotal": (
        "initiative_id, contributor_id, minutes, busiest",
        "SELECT initiative_id, contributor_id, SUM(minutes), MAX(minutes) FROM ("
        "SELECT initiative_id, contributor_id, SUM(quantity) AS minutes FROM record_contribution"
        " {where} AND unit = 'minutes' AND contributor_id IS NOT NULL"
        " GROUP BY initiative_id, contributor_id, {week}) weeks"
        " GROUP BY initiative_id, contributor_id",
        "",
    ),
}


def _of(initiative_ids: list[int] | None) -> tuple[str, list[int]]:
    """A WHERE clause limiting rows to these initiatives (all when None), and its values."""
    if initiative_ids is None:
        return "WHERE 1 = 1", []
    return f"WHERE initiative_id IN ({', '.join(['%s'] * len(initiative_ids))})", initiative_ids


def _fresh(table: str, vendor: str, initiative_ids: list[int] | None) -> tuple[str, str, list]:
    """The table's columns, and the SELECT that sums its rows afresh from the entries."""
    columns, select, _ = FRESH[table]
    where, params = _of(initiative_ids)
    week = WEEK_SQL[vendor] % {"expressions": "occurred_on"}
    sql = select.format(
        where=where, week=week, where_decision=where.replace("initiative_id", "d.initiative_id")
    )
    return columns, sql, list(params) * (2 if "{where_decision}" in select else 1)


def rebuild(
    initiative_ids: list[int] | None = None,
    using: Any = None,
    tables: tuple[str, ...] = tuple(FRESH),
) -> None:
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
        for table in tables:
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
            holding = f" AND {FRESH[table][2]}" if FRESH[table][2] else ""
            kept = f"SELECT {columns} FROM {table} {where}{holding}"  # noqa: S608
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
