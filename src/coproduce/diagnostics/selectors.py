"""The diagnostics: what kind of co-production an initiative is, who holds the power, who
carries the burden, what each side puts in and who takes part, read from the record.

Nothing here writes. Every figure is computed in SQL, for many initiatives at once (the
portfolio asks for hundreds), from the live entries only: a reversed entry and its reversal
both drop out, so they cancel. The definitions, in words, are in ``definitions.md``
(the same text as docs/diagnostics.md), one section per key of the answer.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear

from coproduce.core.dates import ALL_TIME, Period
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
from coproduce.organisations.models import OrganisationKind
from coproduce.record.models import Contribution, Decision
from coproduce.selfassessment.selectors import self_assessment_summary

NO_DATA = "no_data"
# A citizen voice in at least this share of decisions reads as full co-production.
FULL_VOICE = Fraction(1, 2)
INDIVIDUALS = "individuals"  # money given by people, not through an organisation

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
    return round(part / whole, 4) if whole else None


def _live(prefix: str = "") -> Q:
    """Entries that stand: neither a reversal nor reversed (the two cancel)."""
    return Q(**{f"{prefix}reverses__isnull": True, f"{prefix}reversed_by__isnull": True})


def _in(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative, Any]:
    return initiatives.order_by().values("pk")


def live_contributions(initiatives: QuerySet[Initiative], period: Period) -> QuerySet[Contribution]:
    """The standing contributions of these initiatives in the period (by ``occurred_on``)."""
    return Contribution.objects.filter(
        _live(), period.q("occurred_on"), initiative__in=_in(initiatives)
    ).order_by()


def live_decisions(initiatives: QuerySet[Initiative], period: Period) -> QuerySet[Decision]:
    """The standing decisions about the service (declarations are statements, not decisions)
    of these initiatives in the period (by ``decided_on``)."""
    return Decision.objects.filter(
        _live(),
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


def _minutes_by_side(
    initiatives: QuerySet[Initiative], period: Period
) -> dict[int, dict[str, dict[tuple[str, bool], int]]]:
    """Net minutes per initiative, per stage kind, per (side, paid)."""
    rows = (
        live_contributions(initiatives, period)
        .filter(unit=Unit.MINUTES)
        .values("initiative_id", "stage__kind", "side", "paid")
        .annotate(minutes=Sum("quantity"))
    )
    found: dict[int, dict[str, dict[tuple[str, bool], int]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for row in rows:
        found[row["initiative_id"]][row["stage__kind"]][(row["side"], row["paid"])] = row["minutes"]
    return found


def _declarations(
    initiatives: QuerySet[Initiative], period: Period
) -> dict[int, dict[str, StageDeclaration]]:
    """The declaration that holds per initiative and axis, among those standing and made by
    the period's end."""
    standing = Decision.objects.filter(
        _live(),
        kind=DecisionKind.DECLARATION,
        source_type__app_label="initiatives",
        source_type__model="stagedeclaration",
    ).values("source_id")
    declarations = StageDeclaration.objects.filter(
        pk__in=standing, stage__initiative__in=_in(initiatives)
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


def _power_counts(initiatives: QuerySet[Initiative], period: Period) -> dict[int, dict[str, Any]]:
    decisions = live_decisions(initiatives, period)
    counts: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"initiated": defaultdict(int), "decided": defaultdict(int), "excluded": {}}
    )
    rows = decisions.values("initiative_id", "initiated_by_side", "decided_by", "kind").annotate(
        n=Count("id")
    )
    for row in rows:
        found = counts[row["initiative_id"]]
        found["initiated"][row["initiated_by_side"]] += row["n"]
        found["decided"][row["decided_by"]] += row["n"]
        if row["kind"] == DecisionKind.EXCLUSION:
            excluded = found["excluded"]
            excluded[row["decided_by"]] = excluded.get(row["decided_by"], 0) + row["n"]
    # A citizen voice: decided by citizens, or jointly with a citizen taking part.
    voiced = (
        decisions.filter(
            Q(decided_by=DecidingBody.CITIZENS)
            | Q(decided_by=DecidingBody.JOINT, participants__side=Side.CITIZEN)
        )
        .values("initiative_id")
        .annotate(n=Count("id", distinct=True))
    )
    for row in voiced:
        counts[row["initiative_id"]]["voiced"] = row["n"]
    # Herfindahl index over named initiators: sum of squared counts over the squared total.
    per_person = (
        decisions.filter(initiated_by__isnull=False)
        .values("initiative_id", "initiated_by_id")
        .annotate(n=Count("id"))
    )
    sql, params = per_person.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT initiative_id, SUM(n * n), SUM(n) FROM ({sql}) per_person"  # noqa: S608
            " GROUP BY initiative_id",
            params,
        )
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
        "initiation_hhi": round(squares / named**2, 4) if named else None,
        "exclusions": {b: found["excluded"].get(b, 0) for b in DecidingBody.values},
    }


# --- burden ---------------------------------------------------------------------------

BURDEN_SQL = """
SELECT initiative_id, COUNT(*), SUM(minutes), SUM(up * minutes),
       SUM(CASE WHEN down <= (n + 9) / 10 THEN minutes ELSE 0 END)
FROM (
    SELECT initiative_id, minutes,
           ROW_NUMBER() OVER (PARTITION BY initiative_id ORDER BY minutes) AS up,
           ROW_NUMBER() OVER (PARTITION BY initiative_id ORDER BY minutes DESC) AS down,
           COUNT(*) OVER (PARTITION BY initiative_id) AS n
    FROM ({people}) people
) ranked
GROUP BY initiative_id
"""

# The Monday of a day's ISO week, in each database's words.
WEEK_START = {
    "postgresql": "CAST(date_trunc('week', {day}) AS date)",
    "sqlite": "date({day}, 'weekday 0', '-6 days')",
}

OVER_CAP_SQL = """
SELECT weeks.initiative_id, COUNT(DISTINCT weeks.contributor_id)
FROM ({weeks}) weeks
LEFT JOIN initiatives_diagnosticsettings settings
       ON settings.initiative_id = weeks.initiative_id
WHERE weeks.minutes > COALESCE(settings.weekly_cap_minutes, %s)
GROUP BY weeks.initiative_id
"""


def _burden_counts(
    initiatives: QuerySet[Initiative], period: Period, default_cap: int
) -> dict[int, dict[str, int]]:
    people_minutes = (
        live_contributions(initiatives, period)
        .filter(unit=Unit.MINUTES, contributor__isnull=False)
        .values("initiative_id", "contributor_id")
        .annotate(minutes=Sum("quantity"))
        .filter(minutes__gt=0)
    )
    people_sql, people_params = people_minutes.query.sql_with_params()
    found: dict[int, dict[str, int]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(BURDEN_SQL.format(people=people_sql), people_params)
        for initiative_id, people, minutes, ranked_sum, top in cursor.fetchall():
            found[initiative_id].update(
                people=int(people), minutes=int(minutes), ranked=int(ranked_sum), top=int(top)
            )
        entries = (
            live_contributions(initiatives, period)
            .filter(unit=Unit.MINUTES, contributor__isnull=False)
            .values("initiative_id", "contributor_id", "occurred_on", "quantity")
        )
        rows_sql, rows_params = entries.query.sql_with_params()
        week = WEEK_START[connection.vendor].format(day="entries.occurred_on")
        weeks_grouped = (
            f"SELECT entries.initiative_id, entries.contributor_id, {week} AS week, "  # noqa: S608
            f"SUM(entries.quantity) AS minutes FROM ({rows_sql}) entries GROUP BY 1, 2, 3"
        )
        cursor.execute(OVER_CAP_SQL.format(weeks=weeks_grouped), [*rows_params, default_cap])
        for initiative_id, over in cursor.fetchall():
            found[initiative_id]["over_cap"] = int(over)
    return found


def _burden(found: dict[str, int] | None) -> dict[str, Any]:
    found = found or {}
    people, minutes = found.get("people", 0), found.get("minutes", 0)
    gini = None
    if people and minutes:
        # Sorted ascending, G = 2 Σ i·x_i / (n Σ x) − (n + 1) / n: the mean absolute
        # difference over twice the mean, the definition's double sum in one pass.
        value = Fraction(2 * found["ranked"], people * minutes) - Fraction(people + 1, people)
        gini = round(float(value), 4)
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


def _money_counts(
    initiatives: QuerySet[Initiative], period: Period
) -> dict[int, list[dict[str, Any]]]:
    rows = (
        live_contributions(initiatives, period)
        .filter(unit=Unit.PENCE, kind__in=[ContributionKind.MONEY, ContributionKind.IN_KIND])
        .values("initiative_id", "side", "kind", organisation_kind=F("organisation__kind"))
        .annotate(pence=Sum("quantity"))
    )
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[row["initiative_id"]].append(row)
    return found


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


def _goal_counts(initiatives: QuerySet[Initiative], period: Period) -> dict[int, dict[str, int]]:
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


def read(initiatives: QuerySet[Initiative], period: Period) -> Reading:
    ids = list(initiatives.order_by().values_list("pk", flat=True))
    settings = diagnostic_settings_of(ids)
    default_cap = int(str(DIAGNOSTIC_DEFAULTS["weekly_cap_minutes"]))
    return Reading(
        settings=settings,
        minutes=_minutes_by_side(initiatives, period),
        declarations=_declarations(initiatives, period),
        power=_power_counts(initiatives, period),
        burden=_burden_counts(initiatives, period, default_cap),
        money=_money_counts(initiatives, period),
        goals=_goal_counts(initiatives, period),
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


def diagnostics(initiative: Initiative, period: Period = ALL_TIME) -> dict[str, Any]:
    """The initiative's diagnostics (the API's contract)."""
    reading = read(Initiative.objects.filter(pk=initiative.pk), period)
    return {
        "initiative": {"slug": initiative.slug, "title": initiative.title},
        "period": {
            "from": period.start.isoformat() if period.start else None,
            "to": period.end.isoformat() if period.end else None,
        },
        **figures(reading, initiative.pk),
        "inclusion": inclusion(initiative, period),
        "self_assessment": self_assessment_summary(initiative, period),
    }


def quarters(initiative: Initiative, period: Period = ALL_TIME) -> list[dict[str, Any]]:
    """The main shares quarter by quarter, oldest first: how the initiative has moved."""
    minutes = (
        live_contributions(Initiative.objects.filter(pk=initiative.pk), period)
        .filter(unit=Unit.MINUTES)
        .annotate(year=ExtractYear("occurred_on"), quarter=ExtractQuarter("occurred_on"))
        .values("year", "quarter", "stage__kind", "side")
        .annotate(minutes=Sum("quantity"))
    )
    decisions = (
        live_decisions(Initiative.objects.filter(pk=initiative.pk), period)
        .annotate(year=ExtractYear("decided_on"), quarter=ExtractQuarter("decided_on"))
        .values("year", "quarter")
        .annotate(
            n=Count("id", distinct=True),
            voiced=Count(
                "id",
                distinct=True,
                filter=Q(decided_by=DecidingBody.CITIZENS)
                | Q(decided_by=DecidingBody.JOINT, participants__side=Side.CITIZEN),
            ),
        )
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
