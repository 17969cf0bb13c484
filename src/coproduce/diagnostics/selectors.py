"""The diagnostics: what kind of co-production an initiative is, who holds the power, who
carries the burden, what each side puts in and who takes part, read from the record.

Nothing here writes. Every figure is computed in SQL, for many initiatives at once (the
portfolio asks for hundreds), net of reversals. Contributions are summed over every entry:
a reversal is its entry's exact negative (``record.services.contribution_reverse`` copies
its stage, side, person, kind, unit and day), so the pair sums to nothing in any group, and
a group summing to nothing (reversed pairs alone) is left out, as if neither were there.
Decisions are counted, so a reversed one and its reversal are left out. Each contribution
is read in two passes whatever the number of initiatives (sums by stage, side and kind; and
each person's weeks, for the burden). The definitions, in words, are in ``definitions.md``
(the same text as docs/diagnostics.md), one section per key of the answer.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import ExtractQuarter, ExtractYear, NullIf

from coproduce.core.dates import ALL_TIME, Period
from coproduce.core.numbers import rounded
from coproduce.core.vocabulary import (
    AXIS_STAGES,
    Axis,
    ContributionKind,
    DecidingBody,
    DecisionKind,
    Side,
    Unit,
    WhoDoesIt,
)
from coproduce.equality.selectors import inclusion
from coproduce.initiatives.models import (
    DIAGNOSTIC_DEFAULTS,
    DiagnosticSettings,
    Goal,
    Initiative,
    Stage,
    StageDeclaration,
)
from coproduce.initiatives.selectors import diagnostic_settings_of
from coproduce.organisations.models import Organisation, OrganisationKind
from coproduce.record.models import (
    Contribution,
    Decision,
    DecisionParticipant,
    DecisionTotal,
    InitiatorTotal,
    PersonTotal,
    StageTotal,
)
from coproduce.record.selectors import standing
from coproduce.record.totals import SERVICE_DECISIONS, IsoWeek
from coproduce.selfassessment.selectors import self_assessment_summary

NO_DATA = "no_data"
# A citizen voice in at least this share of decisions reads as full co-production.
FULL_VOICE = Fraction(1, 2)
INDIVIDUALS = "individuals"  # money given by people, not through an organisation
# What a period never narrows: figures about people's own answers (ADR 0027).
WHOLE_RECORD = ("inclusion", "self_assessment")

AXIS_OF_STAGE: dict[str, str] = {
    stage: axis for axis, stages in AXIS_STAGES.items() for stage in stages
}

# Seed 002, Table 1: rows are who delivers, columns who plans.
BOVAIRD_CELLS: dict[tuple[str, str], str] = {
    (WhoDoesIt.PROFESSIONALS_ALONE, WhoDoesIt.PROFESSIONALS_ALONE): "traditional_professional",
    (WhoDoesIt.PROFESSIONALS_ALONE, WhoDoesIt.JOINT): "professional_with_community_planning",
    (WhoDoesIt.PROFESSIONALS_ALONE, WhoDoesIt.CITIZENS_ALONE): "not_applicable",
    (WhoDoesIt.JOINT, WhoDoesIt.PROFESSIONALS_ALONE): "user_codelivery_of_professional_design",
    (WhoDoesIt.JOINT, WhoDoesIt.JOINT): "full_coproduction",
    (WhoDoesIt.JOINT, WhoDoesIt.CITIZENS_ALONE): "community_codelivery_little_planning",
    (WhoDoesIt.CITIZENS_ALONE, WhoDoesIt.PROFESSIONALS_ALONE): (
        "community_delivery_of_professional_plans"
    ),
    (WhoDoesIt.CITIZENS_ALONE, WhoDoesIt.JOINT): "community_delivery_of_coplanned",
    (WhoDoesIt.CITIZENS_ALONE, WhoDoesIt.CITIZENS_ALONE): "self_organised_community",
}


def share(part: int, whole: int) -> float | None:
    """A share in [0, 1] to four decimals, or None when there is nothing to share."""
    return rounded(Fraction(part) / Fraction(whole), 4) if whole else None


# Initiatives to read: named by id, or a query for them.
Chosen = QuerySet[Initiative] | list[int]


def _in(initiatives: Chosen) -> Any:
    """The initiatives as a filter's value: their ids when named, else a subquery."""
    if isinstance(initiatives, list):
        return initiatives
    return initiatives.order_by().values("pk")


def live_contributions(initiatives: Chosen, period: Period) -> QuerySet[Contribution]:
    """The standing contributions of these initiatives in the period (by ``occurred_on``)."""
    return net_contributions(initiatives, period).filter(standing(Contribution))


def net_contributions(initiatives: Chosen, period: Period) -> QuerySet[Contribution]:
    """Every contribution of these initiatives in the period, reversals included: what sums
    to the net figures in one pass (a reversal has its entry's day, so both are in or out)."""
    return Contribution.objects.filter(
        period.q("occurred_on"), initiative__in=_in(initiatives)
    ).order_by()


def live_decisions(initiatives: Chosen, period: Period) -> QuerySet[Decision]:
    """The standing decisions about the service (declarations are statements, not decisions)
    of these initiatives in the period (by ``decided_on``)."""
    return Decision.objects.filter(
        standing(Decision),
        period.q("decided_on"),
        initiative__in=_in(initiatives),
        kind__in=[DecisionKind.DECISION, DecisionKind.EXCLUSION],
    ).order_by()


# --- typology -------------------------------------------------------------------------


def category(citizen: int, professional: int, threshold: Decimal) -> str:
    """Who does the work by the share of minutes: professionals or citizens alone when the
    other side's share is below the threshold, jointly otherwise."""
    if citizen + professional <= 0:
        return NO_DATA
    community = Fraction(citizen, citizen + professional)
    t = Fraction(threshold)
    if community < t:
        return WhoDoesIt.PROFESSIONALS_ALONE
    if community > 1 - t:
        return WhoDoesIt.CITIZENS_ALONE
    return WhoDoesIt.JOINT


Minutes = dict[int, dict[str, dict[tuple[str, bool], int]]]
Money = dict[int, list[dict[str, Any]]]


SUMMED = Q(unit=Unit.MINUTES) | Q(
    unit=Unit.PENCE, kind__in=[ContributionKind.MONEY, ContributionKind.IN_KIND]
)
GROUP = ("initiative_id", "stage_id", "side", "paid", "kind", "unit")


def _sum_rows(initiatives: Chosen, period: Period) -> Iterable[dict[str, Any]]:
    """Net minutes, and net money and in-kind pence, per initiative, stage, side, paid, kind,
    unit and organisation: from the running totals over a whole record, else from the
    entries of the period."""
    if period.whole:
        return (
            StageTotal.objects.filter(SUMMED, initiative__in=_in(initiatives))
            .exclude(quantity=0)
            .annotate(total=F("quantity"), organisation_id=NullIf("organisation_key", Value(0)))
            .values(*GROUP, "organisation_id", "total")
        )
    return (
        net_contributions(initiatives, period)
        .filter(SUMMED)
        .values(*GROUP, "organisation_id")
        .annotate(total=Sum("quantity"))
        .exclude(total=0)
    )


def _sums(initiatives: Chosen, period: Period) -> tuple[Minutes, Money]:
    """In one pass: net minutes per initiative, per stage kind, per (side, paid); and net
    money and in-kind pence per initiative, side, kind and kind of organisation."""
    rows = _sum_rows(initiatives, period)
    by_stage: dict[tuple[int, int, str, bool], int] = defaultdict(int)
    pence = []
    for row in rows:
        if row["unit"] == Unit.MINUTES:
            by_stage[(row["initiative_id"], row["stage_id"], row["side"], row["paid"])] += row[
                "total"
            ]
        else:
            pence.append(row)
    stage_kinds = (
        dict(Stage.objects.filter(initiative__in=_in(initiatives)).values_list("id", "kind"))
        if by_stage
        else {}
    )
    minutes: Minutes = defaultdict(lambda: defaultdict(dict))
    for (initiative_id, stage_id, side, paid), total in by_stage.items():
        per_side = minutes[initiative_id][stage_kinds[stage_id]]
        per_side[(side, paid)] = per_side.get((side, paid), 0) + total
    organisations = {row["organisation_id"] for row in pence} - {None}
    kinds = (
        dict(Organisation.objects.filter(pk__in=organisations).values_list("id", "kind"))
        if organisations
        else {}
    )
    money: Money = defaultdict(list)
    for row in pence:
        money[row["initiative_id"]].append(
            {
                "side": row["side"],
                "kind": row["kind"],
                "organisation_kind": kinds.get(row["organisation_id"]),
                "pence": row["total"],
            }
        )
    return minutes, money


def _declarations(initiatives: Chosen, period: Period) -> dict[int, dict[str, StageDeclaration]]:
    """The declaration that holds per initiative and axis, among those standing and made by
    the period's end."""
    standing_declarations = Decision.objects.filter(
        standing(Decision),
        kind=DecisionKind.DECLARATION,
        source_type__app_label="initiatives",
        source_type__model="stagedeclaration",
    ).values("source_id")
    declarations = StageDeclaration.objects.filter(
        pk__in=standing_declarations, stage__initiative__in=_in(initiatives)
    ).select_related("stage")
    if period.end is not None:
        declarations = declarations.filter(declared_on__lte=period.end)
    # A stage's newest declaration replaces its earlier ones whole; an axis then takes the
    # newest of the stages' declarations that names it.
    newest: dict[int, dict[str, StageDeclaration]] = defaultdict(dict)
    stages_seen: set[int] = set()
    for declaration in declarations.order_by("-declared_on", "-id"):
        if declaration.stage_id in stages_seen:
            continue
        stages_seen.add(declaration.stage_id)
        by_axis = newest[declaration.stage.initiative_id]
        for axis in Axis.values:
            if getattr(declaration, axis) and axis not in by_axis:
                by_axis[axis] = declaration
    return newest


def _axis(
    minutes: dict[str, dict[tuple[str, bool], int]],
    axis: str,
    threshold: Decimal,
    declaration: StageDeclaration | None,
) -> dict[str, Any]:
    by_side = {side: 0 for side in Side.values}
    for stage in AXIS_STAGES[axis]:
        for (side, _paid), total in minutes.get(stage, {}).items():
            by_side[side] += total
    citizen, professional = by_side[Side.CITIZEN], by_side[Side.REGULAR_PRODUCER]
    observed = category(citizen, professional, threshold)
    declared = getattr(declaration, axis) if declaration else None
    return {
        "citizen_minutes": citizen,
        "professional_minutes": professional,
        "political_minutes": by_side[Side.POLITICAL],
        "community_share": share(citizen, citizen + professional),
        "category": declared or observed,
        "declared": declared,
        "observed": observed,
        "declaration": (
            {
                "stage": declaration.stage.kind,
                "evidence": declaration.evidence,
                "declared_on": declaration.declared_on.isoformat(),
            }
            if declaration
            else None
        ),
    }


def bovaird_cell(planning: str, delivery: str) -> str | None:
    """The cell of seed 002's Table 1, or None when either axis has no data."""
    return BOVAIRD_CELLS.get((delivery, planning))


# --- power ----------------------------------------------------------------------------


# A citizen voice: decided by citizens, or jointly with a citizen taking part.
# The side is asked first, so that only joint decisions look for their participants.
CITIZEN_VOICE = Q(decided_by=DecidingBody.CITIZENS) | (
    Q(decided_by=DecidingBody.JOINT)
    & Q(Exists(DecisionParticipant.objects.filter(decision=OuterRef("pk"), side=Side.CITIZEN)))
)


def _decision_rows(initiatives: Chosen, period: Period) -> Iterable[dict[str, Any]]:
    """Standing decisions about the service, and those giving citizens a voice, per
    initiative, starting side, deciding body and kind: from the running totals over a whole
    record, else counted from the decisions of the period."""
    if period.whole:
        return (
            DecisionTotal.objects.filter(
                initiative__in=_in(initiatives), kind__in=SERVICE_DECISIONS, decisions__gt=0
            )
            .annotate(n=F("decisions"))
            .values("initiative_id", "initiated_by_side", "decided_by", "kind", "n", "voiced")
        )
    return (
        live_decisions(initiatives, period)
        .values("initiative_id", "initiated_by_side", "decided_by", "kind")
        .annotate(n=Count("id"), voiced=Count("id", filter=CITIZEN_VOICE))
    )


def _initiators_sql(initiatives: Chosen, period: Period) -> tuple[str, tuple[Any, ...]]:
    """How many standing decisions about the service each named member started, per
    initiative, as SQL: from the running totals, else from the decisions of the period."""
    if period.whole:
        started = InitiatorTotal.objects.filter(initiative__in=_in(initiatives), decisions__gt=0)
        kept = started.annotate(n=F("decisions")).values_list("initiative_id", "n")
        return kept.query.sql_with_params()
    per_person = (
        live_decisions(initiatives, period)
        .filter(initiated_by__isnull=False)
        .values("initiative_id", "initiated_by_id")
        .annotate(n=Count("id"))
        .values_list("initiative_id", "n")
    )
    return per_person.query.sql_with_params()


HHI_SQL = (
    "SELECT per_person.initiative_id, SUM(per_person.n * per_person.n), SUM(per_person.n)"
    " FROM ({per_person}) per_person GROUP BY per_person.initiative_id"
)


def _power_counts(initiatives: Chosen, period: Period) -> dict[int, dict[str, Any]]:
    counts: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"initiated": defaultdict(int), "decided": defaultdict(int), "excluded": {}}
    )
    for row in _decision_rows(initiatives, period):
        found = counts[row["initiative_id"]]
        found["initiated"][row["initiated_by_side"]] += row["n"]
        found["decided"][row["decided_by"]] += row["n"]
        found["voiced"] = found.get("voiced", 0) + row["voiced"]
        if row["kind"] == DecisionKind.EXCLUSION:
            excluded = found["excluded"]
            excluded[row["decided_by"]] = excluded.get(row["decided_by"], 0) + row["n"]
    # Herfindahl index over named initiators: sum of squared counts over the squared total.
    sql, params = _initiators_sql(initiatives, period)
    with connection.cursor() as cursor:
        cursor.execute(HHI_SQL.format(per_person=sql), params)
        for initiative_id, squares, named in cursor.fetchall():
            counts[initiative_id]["hhi"] = (int(squares), int(named))
    return counts


def leadership_mode(
    planning: str, delivery: str, voiced: int, decisions: int, threshold: Decimal
) -> str:
    """Seed 000's vocabulary, read from who works where and how often citizens had a voice
    in the decisions; the rule is written out in definitions.md (power.mode)."""

    def with_citizens(found: str) -> bool:
        return found in (WhoDoesIt.JOINT, WhoDoesIt.CITIZENS_ALONE)

    if decisions == 0 and planning == NO_DATA and delivery == NO_DATA:
        return NO_DATA
    if planning == WhoDoesIt.CITIZENS_ALONE and delivery == WhoDoesIt.CITIZENS_ALONE:
        return "parallel_production"
    voice = Fraction(voiced, decisions) if decisions else None
    heard = voice is not None and voice >= Fraction(threshold)
    if not with_citizens(planning) and not with_citizens(delivery) and not heard:
        return "professional_provision"
    both = with_citizens(planning) and with_citizens(delivery)
    if both and voice is not None and voice >= FULL_VOICE:
        return "full_coproduction"
    if with_citizens(delivery) and heard:
        return "coproduction_in_implementation"
    return "complementary_coproduction"


def _power(found: dict[str, Any] | None) -> dict[str, Any]:
    found = found or {"initiated": {}, "decided": {}, "excluded": {}}
    total = sum(found["decided"].values())
    squares, named = found.get("hhi", (0, 0))
    return {
        "decisions": total,
        "initiated_share": {s: share(found["initiated"].get(s, 0), total) for s in Side.values},
        "decided_share": {b: share(found["decided"].get(b, 0), total) for b in DecidingBody.values},
        "citizen_voice_share": share(found.get("voiced", 0), total),
        "initiation_hhi": rounded(Fraction(squares, named**2), 4) if named else None,
        "exclusions": {b: found["excluded"].get(b, 0) for b in DecidingBody.values},
    }


# --- burden ---------------------------------------------------------------------------


# From each person's net minutes and busiest week (those above nothing are the burden's
# people), in one pass: their busiest week against the initiative's cap, and their rank
# both ways for the Gini coefficient and the top decile.
BURDEN_SQL = """
SELECT ranked.initiative_id, COUNT(*), SUM(ranked.minutes), SUM(ranked.up * ranked.minutes),
       SUM(CASE WHEN ranked.down <= (ranked.n + 9) / 10 THEN ranked.minutes ELSE 0 END),
       SUM(CASE WHEN ranked.busiest > COALESCE(settings.weekly_cap_minutes, %s) THEN 1 ELSE 0 END)
FROM (
    SELECT initiative_id, minutes, busiest,
           ROW_NUMBER() OVER (PARTITION BY initiative_id ORDER BY minutes) AS up,
           ROW_NUMBER() OVER (PARTITION BY initiative_id ORDER BY minutes DESC) AS down,
           COUNT(*) OVER (PARTITION BY initiative_id) AS n
    FROM ({people}) people
) ranked
LEFT JOIN initiatives_diagnosticsettings settings ON settings.initiative_id = ranked.initiative_id
GROUP BY ranked.initiative_id
"""


PEOPLE_BY_WEEK = """
SELECT weeks.initiative_id, weeks.contributor_id, SUM(weeks.minutes) AS minutes,
       MAX(weeks.minutes) AS busiest
FROM ({weeks}) weeks
GROUP BY weeks.initiative_id, weeks.contributor_id
HAVING SUM(weeks.minutes) > 0
"""


def _people_sql(initiatives: Chosen, period: Period) -> tuple[str, tuple[Any, ...]]:
    """Each person's net minutes (above nothing) and busiest week, per initiative, as SQL:
    from the running totals over a whole record, else from the entries of the period, by
    ISO week."""
    if period.whole:
        totals = PersonTotal.objects.filter(initiative__in=_in(initiatives), minutes__gt=0)
        return totals.values_list("initiative_id", "minutes", "busiest").query.sql_with_params()
    weeks = (
        net_contributions(initiatives, period)
        .filter(unit=Unit.MINUTES, contributor__isnull=False)
        .annotate(week=IsoWeek("occurred_on"))
        .values("initiative_id", "contributor_id", "week")
        .annotate(minutes=Sum("quantity"))
    )
    sql, params = weeks.query.sql_with_params()
    return PEOPLE_BY_WEEK.format(weeks=sql), params


def _burden_counts(
    initiatives: Chosen, period: Period, default_cap: int
) -> dict[int, dict[str, int]]:
    people_sql, people_params = _people_sql(initiatives, period)
    found: dict[int, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(BURDEN_SQL.format(people=people_sql), [default_cap, *people_params])
        for initiative_id, people, minutes, ranked_sum, top, over in cursor.fetchall():
            found[initiative_id] = {
                "people": int(people),
                "minutes": int(minutes),
                "ranked": int(ranked_sum),
                "top": int(top),
                "over_cap": int(over),
            }
    return found


def _burden(found: dict[str, int] | None) -> dict[str, Any]:
    found = found or {}
    people, minutes = found.get("people", 0), found.get("minutes", 0)
    gini = None
    if people and minutes:
        # Sorted ascending, G = 2 Σ i·x_i / (n Σ x) − (n + 1) / n: the mean absolute
        # difference over twice the mean, the definition's double sum in one pass.
        value = Fraction(2 * found["ranked"], people * minutes) - Fraction(people + 1, people)
        gini = rounded(value, 4)
    return {
        "people": people,
        "minutes": minutes,
        "gini": gini,
        "top_decile_share": share(found.get("top", 0), minutes),
        "over_cap": found.get("over_cap", 0),
    }


# --- value ----------------------------------------------------------------------------


def value_of(minutes: int, rate_pence: int) -> int:
    """Minutes valued at an hourly rate, in whole pence (half a penny rounds up)."""
    return (minutes * rate_pence * 2 + 60) // 120


def _value(
    minutes: dict[str, dict[tuple[str, bool], int]],
    money: list[dict[str, Any]],
    settings: DiagnosticSettings,
) -> dict[str, Any]:
    by_side: dict[str, dict[str, int]] = {
        side: {"minutes": 0, "paid_minutes": 0, "money_pence": 0, "in_kind_pence": 0}
        for side in Side.values
    }
    for per_side in minutes.values():
        for (side, paid), total in per_side.items():
            by_side[side]["minutes"] += total
            if paid:
                by_side[side]["paid_minutes"] += total
    by_organisation = {kind: 0 for kind in [*OrganisationKind.values, INDIVIDUALS]}
    for row in money:
        field = "money_pence" if row["kind"] == ContributionKind.MONEY else "in_kind_pence"
        by_side[row["side"]][field] += row["pence"]
        if row["kind"] == ContributionKind.MONEY:
            by_organisation[row["organisation_kind"] or INDIVIDUALS] += row["pence"]
    for figures in by_side.values():
        figures["value_low_pence"] = value_of(figures["minutes"], settings.low_rate_pence)
        figures["value_high_pence"] = value_of(figures["minutes"], settings.high_rate_pence)
    all_money = sum(figures["money_pence"] for figures in by_side.values())
    return {
        "basis": {
            "low_rate_pence": settings.low_rate_pence,
            "low_rate_source": settings.low_rate_source,
            "low_rate_year": settings.low_rate_year,
            "high_rate_pence": settings.high_rate_pence,
            "high_rate_source": settings.high_rate_source,
            "high_rate_year": settings.high_rate_year,
        },
        "by_side": by_side,
        "by_organisation_kind": by_organisation,
        "cofinancing_citizen_share": share(by_side[Side.CITIZEN]["money_pence"], all_money),
    }


# --- shared understanding -------------------------------------------------------------


def _goal_counts(initiatives: Chosen, period: Period) -> dict[int, dict[str, int]]:
    rows = (
        Goal.objects.filter(
            period.q("created_at__date"), rejected_at__isnull=True, initiative__in=_in(initiatives)
        )
        .order_by()
        .values("initiative_id")
        .annotate(
            goals=Count("id"),
            co_proposed=Count(
                "id", filter=Q(proposed_by_side=Side.CITIZEN) | Q(agreed_by_citizens=True)
            ),
            both=Count("id", filter=Q(agreed_by_citizens=True, agreed_by_professionals=True)),
        )
    )
    return {row["initiative_id"]: row for row in rows}


def _shared_understanding(found: dict[str, int] | None) -> dict[str, Any]:
    goals = found["goals"] if found else 0
    return {
        "goals": goals,
        "co_proposed_share": share(found["co_proposed"], goals) if found else None,
        "agreed_by_both_share": share(found["both"], goals) if found else None,
    }


# --- the whole answer -----------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """Everything the diagnostics read for a set of initiatives, in a fixed number of
    queries whatever their number."""

    settings: dict[int, DiagnosticSettings]
    minutes: dict[int, dict[str, dict[tuple[str, bool], int]]]
    declarations: dict[int, dict[str, StageDeclaration]]
    power: dict[int, dict[str, Any]]
    burden: dict[int, dict[str, int]]
    money: dict[int, list[dict[str, Any]]]
    goals: dict[int, dict[str, int]]


# Up to this many initiatives are named in each statement, so that the planner reads how
# many entries each has from its statistics: behind a subquery it guessed a handful for the
# portfolio's 500 (a filter on a locality it can only guess at) and read one initiative's
# million entries in one process; more are asked by subquery.
NAMED = 5000


def read(initiatives: QuerySet[Initiative], period: Period) -> Reading:
    ids = list(initiatives.order_by().values_list("pk", flat=True))
    # none: the statements find nothing as they are (an empty list is no statement at all)
    chosen: Chosen = ids if 0 < len(ids) <= NAMED else initiatives
    settings = diagnostic_settings_of(ids)
    default_cap = int(str(DIAGNOSTIC_DEFAULTS["weekly_cap_minutes"]))
    minutes, money = _sums(chosen, period)
    return Reading(
        settings=settings,
        minutes=minutes,
        declarations=_declarations(chosen, period),
        power=_power_counts(chosen, period),
        burden=_burden_counts(chosen, period, default_cap),
        money=money,
        goals=_goal_counts(chosen, period),
    )


def figures(reading: Reading, initiative_id: int) -> dict[str, Any]:
    """The contract's figures for one initiative of a reading (docs/diagnostics.md)."""
    settings = reading.settings[initiative_id]
    minutes = reading.minutes.get(initiative_id, {})
    declared = reading.declarations.get(initiative_id, {})
    threshold = Decimal(settings.threshold)
    typology: dict[str, Any] = {
        axis: _axis(minutes, axis, threshold, declared.get(axis)) for axis in Axis.values
    }
    planning, delivery = typology[Axis.PLANNING]["category"], typology[Axis.DELIVERY]["category"]
    typology["bovaird_cell"] = bovaird_cell(planning, delivery)
    counts = reading.power.get(initiative_id, {})
    power = _power(counts)
    power["mode"] = leadership_mode(
        planning, delivery, counts.get("voiced", 0), power["decisions"], threshold
    )
    return {
        "settings": {
            "threshold": float(threshold),
            "weekly_cap_minutes": settings.weekly_cap_minutes,
            "saved": settings.pk is not None,
        },
        "typology": typology,
        "power": power,
        "burden": _burden(reading.burden.get(initiative_id)),
        "value": _value(minutes, reading.money.get(initiative_id, []), settings),
        "shared_understanding": _shared_understanding(reading.goals.get(initiative_id)),
    }


def headline_figures(initiative: Initiative) -> dict[str, Any]:
    """The typology, power, burden, value and shared understanding over the whole record,
    without the inclusion, self-assessment and trend the full answer also reads: what the
    initiative page's panel shows."""
    return figures(read(Initiative.objects.filter(pk=initiative.pk), ALL_TIME), initiative.pk)


def diagnostics(initiative: Initiative, period: Period = ALL_TIME) -> dict[str, Any]:
    """The initiative's diagnostics (the API's contract)."""
    reading = read(Initiative.objects.filter(pk=initiative.pk), period)
    return {
        "initiative": {"slug": initiative.slug, "title": initiative.title},
        "period": {
            "from": period.start.isoformat() if period.start else None,
            "to": period.end.isoformat() if period.end else None,
            "whole_record": list(WHOLE_RECORD),
        },
        **figures(reading, initiative.pk),
        # Read over the whole record whatever the period: two periods a day apart would
        # otherwise isolate one person's answers by subtraction (docs/diagnostics.md).
        "inclusion": inclusion(initiative),
        "self_assessment": self_assessment_summary(initiative),
        "trend": quarters(initiative, period),
    }


def quarters(initiative: Initiative, period: Period = ALL_TIME) -> list[dict[str, Any]]:
    """The main shares quarter by quarter, oldest first: how the initiative has moved."""
    minutes = (
        net_contributions(Initiative.objects.filter(pk=initiative.pk), period)
        .filter(unit=Unit.MINUTES)
        .annotate(year=ExtractYear("occurred_on"), quarter=ExtractQuarter("occurred_on"))
        .values("year", "quarter", "stage__kind", "side")
        .annotate(minutes=Sum("quantity"))
        .exclude(minutes=0)
    )
    decisions = (
        live_decisions(Initiative.objects.filter(pk=initiative.pk), period)
        .annotate(year=ExtractYear("decided_on"), quarter=ExtractQuarter("decided_on"))
        .values("year", "quarter")
        .annotate(n=Count("id"), voiced=Count("id", filter=CITIZEN_VOICE))
    )
    found: dict[tuple[int, int], dict[str, Any]] = defaultdict(
        lambda: {"planning": [0, 0], "delivery": [0, 0], "decisions": 0, "voiced": 0}
    )
    for row in minutes:
        axis = AXIS_OF_STAGE[row["stage__kind"]]
        if axis == Axis.ASSESSMENT or row["side"] == Side.POLITICAL:
            continue
        found[(row["year"], row["quarter"])][axis][row["side"] == Side.CITIZEN] += row["minutes"]
    for row in decisions:
        found[(row["year"], row["quarter"])].update(decisions=row["n"], voiced=row["voiced"])
    return [
        {
            "quarter": f"{year} Q{quarter}",
            "planning_community_share": share(q["planning"][1], sum(q["planning"])),
            "delivery_community_share": share(q["delivery"][1], sum(q["delivery"])),
            "decisions": q["decisions"],
            "citizen_voice_share": share(q["voiced"], q["decisions"]),
        }
        for (year, quarter), q in sorted(found.items())
    ]


# --- the portfolio --------------------------------------------------------------------


def portfolio_initiatives(
    visible: QuerySet[Initiative],
    *,
    service_area: str = "",
    locality: str = "",
    stage: str = "",
) -> QuerySet[Initiative]:
    """The initiatives of the portfolio, filtered as asked (a stage: those that have it)."""
    chosen = visible.order_by("title", "pk")
    if service_area:
        chosen = chosen.filter(service_area=service_area)
    if locality:
        chosen = chosen.filter(locality__iexact=locality.strip())
    if stage:
        chosen = chosen.filter(stages__kind=stage)
    return chosen.distinct()


def portfolio(initiatives: QuerySet[Initiative], period: Period = ALL_TIME) -> list[dict[str, Any]]:
    """One row per initiative: its cell, shares, burden and value, read all at once."""
    rows = list(
        initiatives.values("pk", "slug", "title", "service_area", "locality", "case_study__id")
    )
    reading = read(initiatives, period)
    stages: dict[int, list[str]] = defaultdict(list)
    for initiative_id, kind in (
        Stage.objects.filter(initiative__in=_in(initiatives))
        .order_by("starts_on", "id")
        .values_list("initiative_id", "kind")
    ):
        stages[initiative_id].append(kind)
    answer = []
    for row in rows:
        found = figures(reading, row["pk"])
        typology, power, burden = found["typology"], found["power"], found["burden"]
        citizen = found["value"]["by_side"][Side.CITIZEN]
        answer.append(
            {
                "slug": row["slug"],
                "title": row["title"],
                "service_area": row["service_area"],
                "locality": row["locality"],
                "case": row["case_study__id"] is not None,
                "stages": stages[row["pk"]],
                "bovaird_cell": typology["bovaird_cell"],
                "planning_category": typology[Axis.PLANNING]["category"],
                "planning_community_share": typology[Axis.PLANNING]["community_share"],
                "delivery_category": typology[Axis.DELIVERY]["category"],
                "delivery_community_share": typology[Axis.DELIVERY]["community_share"],
                "decisions": power["decisions"],
                "citizen_voice_share": power["citizen_voice_share"],
                "mode": power["mode"],
                "burden_people": burden["people"],
                "burden_gini": burden["gini"],
                "burden_over_cap": burden["over_cap"],
                "citizen_minutes": citizen["minutes"],
                "citizen_value_low_pence": citizen["value_low_pence"],
                "citizen_value_high_pence": citizen["value_high_pence"],
                "money_pence": sum(
                    side["money_pence"] for side in found["value"]["by_side"].values()
                ),
                "cofinancing_citizen_share": found["value"]["cofinancing_citizen_share"],
            }
        )
    return answer
