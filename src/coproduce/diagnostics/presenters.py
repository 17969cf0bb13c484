"""What the diagnostics pages show, read from the engine's answer (``selectors``): names for
its values, links to the record's entries each figure was computed from, the charts and the
Bovaird grid with the case library's documented cases, the portfolio's columns and order,
and the report's rows. Nothing here computes a figure; it reads and arranges them.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from coproduce.core.charts import Bar, bars
from coproduce.core.dates import ALL_TIME, Period
from coproduce.core.templatetags.coproduce import duration, money
from coproduce.core.vocabulary import (
    AXIS_STAGES,
    DECIDING_BODY_OF_SIDE,
    Axis,
    DecidingBody,
    DecisionKind,
    ServiceArea,
    Side,
    StageKind,
    Unit,
    WhoDoesIt,
)
from coproduce.diagnostics import selectors
from coproduce.diagnostics.definitions import definitions
from coproduce.diagnostics.selectors import BOVAIRD_CELLS, NO_DATA
from coproduce.equality.selectors import ALL_STAGES
from coproduce.equality.vocabulary import CHARACTERISTICS
from coproduce.initiatives.models import Initiative
from coproduce.organisations.models import OrganisationKind
from coproduce.selfassessment.statements import BY_KEY, GROUPS

# --- names ----------------------------------------------------------------------------

# labels are lazy (translated when shown)
CATEGORY_LABELS: dict[str, Any] = {**dict(WhoDoesIt.choices), NO_DATA: gettext_lazy("No data")}

# The nine cells of seed 002's Table 1 (002_1b22680238e5952d.txt, lines 181-262), named
# in our words.
CELL_LABELS: dict[str, Any] = {
    "traditional_professional": gettext_lazy("Traditional professional provision"),
    "professional_with_community_planning": gettext_lazy(
        "Professional provision with users and communities in planning"
    ),
    "not_applicable": gettext_lazy("Not applicable"),
    "user_codelivery_of_professional_design": gettext_lazy(
        "User co-delivery of professionally designed services"
    ),
    "full_coproduction": gettext_lazy("Full user and professional co-production"),
    "community_codelivery_little_planning": gettext_lazy(
        "Community co-delivery with little formal planning"
    ),
    "community_delivery_of_professional_plans": gettext_lazy(
        "Community delivery of professionally planned services"
    ),
    "community_delivery_of_coplanned": gettext_lazy("Community delivery of co-planned services"),
    "self_organised_community": gettext_lazy("Self-organised community provision"),
}

# The case library's names of the cells (cases.CaseStudy.typology, cases/library.py), and
# those of the cells no case is filed in, as the platform writes them.
CASE_CELLS: dict[str, str] = {
    "traditional professional service provision": "traditional_professional",
    "professional delivery with users and communities in planning and design": (
        "professional_with_community_planning"
    ),
    "not applicable": "not_applicable",
    "user co-delivery of professionally designed services": (
        "user_codelivery_of_professional_design"
    ),
    "full user/professional co-production": "full_coproduction",
    "user/community co-delivery with little formal planning": (
        "community_codelivery_little_planning"
    ),
    "user/community delivery of professionally planned services": (
        "community_delivery_of_professional_plans"
    ),
    "user/community delivery of co-planned or co-designed services": (
        "community_delivery_of_coplanned"
    ),
    "traditional self-organised community provision": "self_organised_community",
}

# Seed 000's leadership modes (power.mode in definitions.md).
MODE_LABELS: dict[str, Any] = {
    "professional_provision": gettext_lazy("Professional provision"),
    "complementary_coproduction": gettext_lazy("Complementary co-production"),
    "coproduction_in_implementation": gettext_lazy("Co-production in implementation"),
    "full_coproduction": gettext_lazy("Full co-production"),
    "parallel_production": gettext_lazy("Parallel production by citizens"),
    NO_DATA: gettext_lazy("No data"),
}

# Citizens first: the diagnostics are about what they do beside the professionals.
SIDE_LABELS: dict[str, Any] = {
    Side.CITIZEN: gettext_lazy("Citizens"),
    Side.REGULAR_PRODUCER: gettext_lazy("Professionals"),
    Side.POLITICAL: gettext_lazy("Politicians"),
}
BODY_LABELS: dict[str, Any] = {
    DecidingBody.CITIZENS: gettext_lazy("Citizens"),
    DecidingBody.PROFESSIONALS: gettext_lazy("Professionals"),
    DecidingBody.POLITICIANS: gettext_lazy("Politicians"),
    DecidingBody.JOINT: gettext_lazy("Jointly, across sides"),
}
ORGANISATION_LABELS: dict[str, Any] = {  # the kinds' labels are lazy
    **dict(OrganisationKind.choices),
    "individuals": gettext_lazy("People giving on their own account"),
}
WHO_PLANS: dict[str, Any] = {
    WhoDoesIt.PROFESSIONALS_ALONE: gettext_lazy("Professionals plan alone"),
    WhoDoesIt.JOINT: gettext_lazy("Professionals and citizens plan jointly"),
    WhoDoesIt.CITIZENS_ALONE: gettext_lazy("Citizens plan alone"),
}
WHO_DELIVERS: dict[str, Any] = {
    WhoDoesIt.PROFESSIONALS_ALONE: gettext_lazy("Professionals deliver alone"),
    WhoDoesIt.JOINT: gettext_lazy("Professionals and citizens deliver jointly"),
    WhoDoesIt.CITIZENS_ALONE: gettext_lazy("Citizens deliver alone"),
}

# Every definition the pages link to, in the order the Definitions section lists them
# (keys of definitions.md).
PAGE_DEFINITIONS: tuple[str, ...] = (
    "reading",
    "sides",
    "typology.minutes",
    "typology.community_share",
    "typology.category",
    "typology.declared",
    "typology.bovaird_cell",
    "power.decisions",
    "power.initiated_share",
    "power.decided_share",
    "power.citizen_voice_share",
    "power.initiation_hhi",
    "power.exclusions",
    "power.mode",
    "burden.people",
    "burden.minutes",
    "burden.gini",
    "burden.top_decile_share",
    "burden.over_cap",
    "value.by_side",
    "value.by_organisation_kind",
    "value.cofinancing_citizen_share",
    "shared_understanding.goals",
    "shared_understanding.co_proposed_share",
    "shared_understanding.agreed_by_both_share",
    "inclusion.people",
    "inclusion.suppression",
    "inclusion.representativeness",
    "self_assessment.gap",
    "trend",
)


# --- definitions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A definition as a page shows it: its anchor, title and text (HTML); ``missing`` when
    definitions.md has no section for the key (a test fails; the page still answers)."""

    key: str
    title: str
    html: str
    missing: bool = False

    @property
    def anchor(self) -> str:
        return anchor(self.key)


def anchor(key: str) -> str:
    """The id of a definition on the page (``#def-power-mode``)."""
    return "def-" + key.replace(".", "-").replace("_", "-")


def shown_definitions(keys: Iterable[str] = PAGE_DEFINITIONS) -> list[Shown]:
    written = definitions()
    shown = []
    for key in keys:
        found = written.get(key)
        if found is None:
            shown.append(Shown(key, key, "", missing=True))
        else:
            shown.append(Shown(key, found.title, found.html))
    return shown


# --- links to the record --------------------------------------------------------------


def period_query(period: Period) -> dict[str, str]:
    found = {}
    if period.start is not None:
        found["from"] = period.start.isoformat()
    if period.end is not None:
        found["to"] = period.end.isoformat()
    return found


def record_url(slug: str, period: Period, fragment: str, **filters: Any) -> str:
    """The record page listing the entries that stand in the period, filtered as given
    (a list or tuple repeats its parameter)."""
    params = QueryDict(mutable=True)
    for name, value in filters.items():
        if isinstance(value, list | tuple):
            params.setlist(name, list(value))
        else:
            params[name] = value
    params.update(period_query(period))
    params["standing"] = "1"
    url = reverse("record:page", kwargs={"slug": slug})
    return f"{url}?{params.urlencode()}#{fragment}"


SERVICE_DECISIONS = (DecisionKind.DECISION, DecisionKind.EXCLUSION)


@dataclass(frozen=True)
class Evidence:
    """The record's entries behind each figure of one initiative's diagnostics."""

    slug: str
    period: Period

    def minutes(self, axis: str = "", side: str = "") -> str:
        filters: dict[str, Any] = {"unit": Unit.MINUTES}
        if axis:
            filters["stage"] = AXIS_STAGES[axis]
        if side:
            filters["side"] = side
        return record_url(self.slug, self.period, "contributions", **filters)

    def side(self, side: str, kind: str = "") -> str:
        filters = {"side": side, **({"kind": kind} if kind else {})}
        return record_url(self.slug, self.period, "contributions", **filters)

    def money(self) -> str:
        return record_url(self.slug, self.period, "contributions", kind="money")

    def decisions(self, decided_by: str = "", kinds: tuple[str, ...] = SERVICE_DECISIONS) -> str:
        filters: dict[str, Any] = {"decision_kind": kinds}
        if decided_by:
            filters["decided_by"] = decided_by
        return record_url(self.slug, self.period, "decisions", **filters)

    def exclusions(self, decided_by: str) -> str:
        return self.decisions(decided_by, (DecisionKind.EXCLUSION,))

    def declarations(self) -> str:
        return self.decisions(kinds=(DecisionKind.DECLARATION,))


# --- the initiative's page ------------------------------------------------------------


@dataclass(frozen=True)
class AxisRow:
    axis: str
    label: str
    figures: dict[str, Any]
    minutes_urls: dict[str, str]
    chart: list[Bar]


@dataclass(frozen=True)
class PowerRow:
    body: str
    label: str
    initiated_share: float | None  # None for the joint body: no one side starts "jointly"
    starts: bool
    decided_share: float | None
    exclusions: int
    decided_url: str
    exclusions_url: str


@dataclass(frozen=True)
class SideValue:
    side: str
    label: str
    figures: dict[str, int]
    url: str


@dataclass(frozen=True)
class CaseLink:
    title: str
    url: str


@dataclass(frozen=True)
class GridCell:
    key: str
    label: str
    here: bool
    cases: list[CaseLink]


@dataclass(frozen=True)
class GridRow:
    label: str
    cells: list[GridCell]


WHO_ORDER = (WhoDoesIt.PROFESSIONALS_ALONE, WhoDoesIt.JOINT, WhoDoesIt.CITIZENS_ALONE)


def drawn(items: Iterable[tuple[str, float, str, bool]]) -> list[Bar]:
    """A chart's bars (core.charts.bars), or none when every value is zero: a chart of
    nothing says less than the table beside it."""
    found = bars(items)
    return found if any(float(bar.length) > 0 for bar in found) else []


def percent(value: float | None) -> str:
    """A share as a percentage to one decimal (``33.3%``), or "no data"."""
    if value is None:
        return _("no data")
    return f"{value * 100:.1f}".removesuffix(".0") + "%"


def case_cell(typology: str) -> str | None:
    """The cell a case library's typology text names, or None for a text naming none."""
    return CASE_CELLS.get(typology.strip().strip("()").strip().casefold())


def documented_cases(visible: QuerySet[Initiative]) -> dict[str, list[CaseLink]]:
    """The case library's cases (those the viewer may see) by the cell their source files
    them in, in title order."""
    found: dict[str, list[CaseLink]] = defaultdict(list)
    rows = (
        visible.filter(case_study__isnull=False)
        .exclude(case_study__typology="")
        .order_by("title")
        .values_list("slug", "title", "case_study__typology")
    )
    for slug, title, typology in rows:
        cell = case_cell(typology)
        if cell is not None:
            found[cell].append(
                CaseLink(title, reverse("initiatives:detail", kwargs={"slug": slug}))
            )
    return found


def bovaird_grid(here: str | None, cases: Mapping[str, list[CaseLink]]) -> list[GridRow]:
    """Seed 002's Table 1: rows who delivers, columns who plans; ``here`` marks a cell."""
    return [
        GridRow(
            WHO_DELIVERS[delivery],
            [
                GridCell(
                    key,
                    CELL_LABELS[key],
                    key == here,
                    list(cases.get(key, [])),
                )
                for planning in WHO_ORDER
                for key in [BOVAIRD_CELLS[(delivery, planning)]]
            ],
        )
        for delivery in WHO_ORDER
    ]


def _axis_rows(typology: dict[str, Any], evidence: Evidence) -> list[AxisRow]:
    rows = []
    for axis, label in Axis.choices:
        found = typology[axis]
        minutes = {
            Side.CITIZEN: found["citizen_minutes"],
            Side.REGULAR_PRODUCER: found["professional_minutes"],
            Side.POLITICAL: found["political_minutes"],
        }
        rows.append(
            AxisRow(
                axis=axis,
                label=str(label),
                figures=found,
                minutes_urls={side: evidence.minutes(axis, side) for side in minutes},
                chart=drawn(
                    (SIDE_LABELS[side], total, duration(total), side == Side.CITIZEN)
                    for side, total in minutes.items()
                ),
            )
        )
    return rows


def _power_rows(power: dict[str, Any], evidence: Evidence) -> list[PowerRow]:
    side_of = {body: side for side, body in DECIDING_BODY_OF_SIDE.items()}
    return [
        PowerRow(
            body=body,
            label=BODY_LABELS[body],
            initiated_share=power["initiated_share"].get(side_of.get(body, "")),
            starts=body in side_of,
            decided_share=power["decided_share"][body],
            exclusions=power["exclusions"][body],
            decided_url=evidence.decisions(body),
            exclusions_url=evidence.exclusions(body),
        )
        for body in DecidingBody.values
    ]


def _value_rows(value: dict[str, Any], evidence: Evidence) -> list[SideValue]:
    return [
        SideValue(side, label, value["by_side"][side], evidence.side(side))
        for side, label in SIDE_LABELS.items()
    ]


@dataclass(frozen=True)
class InclusionTable:
    """One question of the equality profile: each answer's people (and share) per group of
    stages beside the locality's share, the people counted and the representativeness."""

    key: str
    label: str
    baseline: dict[str, Any] | None  # its source and year
    columns: list[str]  # "All stages", then each stage
    rows: list[tuple[str, str, list[str]]]  # answer, locality's share, people per column
    people: list[str]
    index: list[str]


def _people(cell: dict[str, Any]) -> str:
    count = cell["count"]
    return str(count) if cell["share"] is None else f"{count} ({percent(cell['share'])})"


def _inclusion_tables(inclusion: dict[str, Any]) -> list[InclusionTable]:
    stage_labels = {ALL_STAGES: _("All stages"), **dict(StageKind.choices)}
    tables = []
    for key, found in inclusion["characteristics"].items():
        question = CHARACTERISTICS[key]
        blocks = found["stages"]
        first = next(iter(blocks.values()))
        tables.append(
            InclusionTable(
                key=key,
                label=found["label"],
                baseline=found["baseline"],
                columns=[str(stage_labels.get(stage, stage)) for stage in blocks],
                rows=[
                    (
                        question.category_label(category),
                        "—" if cell["baseline"] is None else percent(cell["baseline"]),
                        [_people(block["categories"][category]) for block in blocks.values()],
                    )
                    for category, cell in first["categories"].items()
                ],
                people=[str(block["people"]) for block in blocks.values()],
                index=[
                    _("no data")
                    if block["representativeness"] is None
                    else f"{block['representativeness']:.2f}"
                    for block in blocks.values()
                ],
            )
        )
    return tables


@dataclass(frozen=True)
class RatingRow:
    title: str
    group: str
    means: list[str]  # citizens, professionals, politicians
    gap: str


def _mean(figures: dict[str, Any], fewest: int) -> str:
    if figures["answers"] is None:
        return _("fewer than %(fewest)s answered") % {"fewest": fewest}
    if figures["mean"] is None:
        if figures["answers"]:
            return _("fewer than %(fewest)s ratings") % {"fewest": fewest}
        return _("no ratings")
    answers = figures["answers"]
    return ngettext(
        "%(mean).2f (%(answers)s rating)", "%(mean).2f (%(answers)s ratings)", answers
    ) % {"mean": figures["mean"], "answers": answers}


def signed(value: float | None) -> str:
    """A gap with its sign (a minus sign, not a hyphen), or "no data"."""
    if value is None:
        return _("no data")
    return f"{value:+.2f}".replace("-", "\N{MINUS SIGN}")


def _rating_rows(summary: dict[str, Any]) -> list[RatingRow]:
    groups = dict(GROUPS)
    return [
        RatingRow(
            title=row["title"],
            group=groups.get(row["group"], row["group"]),
            means=[_mean(row["by_side"][side], summary["min_answers"]) for side in SIDE_LABELS],
            gap=signed(row["gap"]),
        )
        for row in summary["statements"]
    ]


def _trend_charts(trend: list[dict[str, Any]]) -> list[tuple[str, list[Bar]]]:
    series = (
        ("planning_community_share", _("Community share of planning minutes, by quarter")),
        ("delivery_community_share", _("Community share of delivery minutes, by quarter")),
        ("citizen_voice_share", _("Citizen voice in decisions, by quarter")),
    )
    charts = [
        (title, drawn((row["quarter"], row[key] or 0, percent(row[key]), False) for row in trend))
        for key, title in series
    ]
    return [(title, chart) for title, chart in charts if chart]


def figures_context(
    initiative: Initiative,
    answer: dict[str, Any],
    trend: list[dict[str, Any]],
    period: Period,
    cases: Mapping[str, list[CaseLink]],
) -> dict[str, Any]:
    """Everything the figures' templates (the page and the printable report) show."""
    evidence = Evidence(initiative.slug, period)
    typology, power, value = answer["typology"], answer["power"], answer["value"]
    value_rows = _value_rows(value, evidence)
    return {
        "answer": answer,
        "cell_label": CELL_LABELS.get(typology["bovaird_cell"] or "", _("No data")),
        "mode_label": MODE_LABELS.get(power["mode"], power["mode"]),
        "axes": _axis_rows(typology, evidence),
        "grid": bovaird_grid(typology["bovaird_cell"], cases),
        "grid_columns": [WHO_PLANS[who] for who in WHO_ORDER],
        "power_rows": _power_rows(power, evidence),
        "decided_chart": drawn(
            (BODY_LABELS[body], power["decided_share"][body] or 0, percent(share), False)
            for body, share in power["decided_share"].items()
        ),
        "value_rows": value_rows,
        "value_chart": drawn(
            (
                row.label,
                row.figures["value_low_pence"],
                _("%(low)s to %(high)s")
                % {
                    "low": money(row.figures["value_low_pence"]),
                    "high": money(row.figures["value_high_pence"]),
                },
                row.side == Side.CITIZEN,
            )
            for row in value_rows
        ),
        "organisation_rows": [
            (ORGANISATION_LABELS.get(kind, kind), pence)
            for kind, pence in value["by_organisation_kind"].items()
        ],
        "trend": trend,
        "trend_charts": _trend_charts(trend),
        "rating_rows": _rating_rows(answer["self_assessment"]),
        "inclusion_tables": _inclusion_tables(answer["inclusion"]),
        "largest_gap": BY_KEY[key].title
        if (key := answer["self_assessment"]["largest_gap"])
        else "",
        "evidence": evidence,
        "definitions": shown_definitions(),
        "recorded": bool(
            answer["burden"]["minutes"]
            or power["decisions"]
            or any(side["money_pence"] or side["minutes"] for side in value["by_side"].values())
        ),
    }


def coordinator_links(initiative: Initiative) -> dict[str, Any]:
    """Where a coordinator changes what the diagnostics read: the settings and each stage's
    declaration of who plans and delivers (pages of the initiatives app, linked only where
    they exist)."""
    links: dict[str, Any] = {"settings": "", "stages": []}
    with suppress(NoReverseMatch):
        links["settings"] = reverse(
            "initiatives:diagnostic_settings", kwargs={"slug": initiative.slug}
        )
    for stage in initiative.stages.order_by("starts_on", "id"):
        try:
            url = reverse(
                "initiatives:stage_declare", kwargs={"slug": initiative.slug, "pk": stage.pk}
            )
        except NoReverseMatch:
            break
        links["stages"].append((stage.get_kind_display(), url))
    return links


# --- the report's rows ----------------------------------------------------------------


def flat(value: Any, key: str) -> Iterator[tuple[str, Any]]:
    """A nested answer as (dotted key, value) pairs, in its order; lists by position."""
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from flat(inner, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list | tuple):
        for position, inner in enumerate(value):
            yield from flat(inner, f"{key}.{position}")
    else:
        yield key, value


def report_rows(answer: dict[str, Any]) -> list[list[Any]]:
    """One row per figure of the answer: its section, its dotted key and its value."""
    rows: list[list[Any]] = [["section", "key", "value"]]
    for key, value in flat(answer, ""):
        rows.append([key.partition(".")[0], key, "" if value is None else value])
    return rows


# --- the portfolio --------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # lazy: translated when shown
    shown: str = "text"  # text, share, count, minutes, pence, cell, category, mode


COLUMNS: tuple[Column, ...] = (
    Column("title", gettext_lazy("Initiative")),
    Column("service_area", gettext_lazy("Service area")),
    Column("locality", gettext_lazy("Locality")),
    Column("bovaird_cell", gettext_lazy("Planning and delivery cell"), "cell"),
    Column("planning_category", gettext_lazy("Planning"), "category"),
    Column("planning_community_share", gettext_lazy("Community share of planning"), "share"),
    Column("delivery_category", gettext_lazy("Delivery"), "category"),
    Column("delivery_community_share", gettext_lazy("Community share of delivery"), "share"),
    Column("decisions", gettext_lazy("Decisions"), "count"),
    Column("citizen_voice_share", gettext_lazy("Citizen voice"), "share"),
    Column("mode", gettext_lazy("Leadership mode"), "mode"),
    Column("burden_people", gettext_lazy("People giving time"), "count"),
    Column("burden_gini", gettext_lazy("Inequality of load (Gini)"), "index"),
    Column("burden_over_cap", gettext_lazy("Over the weekly cap"), "count"),
    Column("citizen_minutes", gettext_lazy("Citizens' time"), "minutes"),
    Column("citizen_value_low_pence", gettext_lazy("Citizens' time valued, low"), "pence"),
    Column("citizen_value_high_pence", gettext_lazy("Citizens' time valued, high"), "pence"),
    Column("money_pence", gettext_lazy("Money"), "pence"),
    Column("cofinancing_citizen_share", gettext_lazy("Citizens' share of the money"), "share"),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
SORTS: list[tuple[str, Any]] = [
    choice
    for column in COLUMNS
    for choice in (
        (column.key, format_lazy(gettext_lazy("{column}, lowest or A first"), column=column.label)),
        (
            f"-{column.key}",
            format_lazy(gettext_lazy("{column}, highest or Z first"), column=column.label),
        ),
    )
]
PER_PAGE = 100


def sort_rows(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """The rows ordered by a column (``-`` before it: descending), rows without a value
    last either way, ties by title; the sort is a validated column key."""
    descending, key = sort.startswith("-"), sort.removeprefix("-")
    if key not in COLUMN_KEYS:
        raise ValueError(f"Not a column: {key!r}")

    def value(row: dict[str, Any]) -> Any:
        found = row[key]
        return found.casefold() if isinstance(found, str) else found

    by_title = sorted(rows, key=lambda row: (row["title"].casefold(), row["slug"]))
    present = [row for row in by_title if row[key] not in (None, "")]
    absent = [row for row in by_title if row[key] in (None, "")]
    return sorted(present, key=value, reverse=descending) + absent


@dataclass(frozen=True)
class Header:
    column: Column
    url: str
    aria_sort: str  # "ascending", "descending" or "" (the rows are not in its order)


def headers(sort: str, query: QueryDict) -> list[Header]:
    """The table's column headers, each a link that sorts by it (ascending first, then the
    other way round), keeping the rest of the ``query``."""
    found = []
    for column in COLUMNS:
        aria = ""
        if sort == column.key:
            aria = "ascending"
        elif sort == f"-{column.key}":
            aria = "descending"
        params = query.copy()
        params["sort"] = f"-{column.key}" if aria == "ascending" else column.key
        found.append(Header(column, f"?{params.urlencode()}", aria))
    return found


def shown(column: Column, value: Any) -> str:
    """A portfolio cell as the page shows it."""
    if column.shown == "share":
        return percent(value)
    if value is None:
        return _("no data")
    match column.shown:
        case "cell":
            return str(CELL_LABELS.get(value, value))
        case "category":
            return str(CATEGORY_LABELS.get(value, value))
        case "mode":
            return str(MODE_LABELS.get(value, value))
        case "minutes":
            return duration(value)
        case "pence":
            return money(value)
        case "index":
            return f"{value:.4f}"
        case "count":
            return f"{value:,}"
    if column.key == "service_area":
        return str(dict(ServiceArea.choices).get(value, value))
    return str(value)


@dataclass(frozen=True)
class PortfolioRow:
    title: str
    url: str
    case: bool
    cells: list[str]


@dataclass(frozen=True)
class PortfolioQuery:
    """Which initiatives the portfolio shows, in what order (a column key, ``-`` before it
    for descending), and over which period."""

    service_area: str = ""
    locality: str = ""
    stage: str = ""
    include_cases: bool = False
    period: Period = ALL_TIME
    sort: str = "title"


def portfolio_rows(visible: QuerySet[Initiative], query: PortfolioQuery) -> list[dict[str, Any]]:
    """The portfolio's rows (selectors.portfolio: every figure read at once), for the
    initiatives of ``visible`` filtered as asked (the case library's only when included),
    in the order asked."""
    chosen = selectors.portfolio_initiatives(
        visible, service_area=query.service_area, locality=query.locality, stage=query.stage
    )
    if not query.include_cases:
        chosen = chosen.filter(case_study__isnull=True)
    return sort_rows(selectors.portfolio(chosen, query.period), query.sort)


def portfolio_table(rows: Iterable[dict[str, Any]]) -> list[PortfolioRow]:
    """Rows as the page's table shows them, each linking to its initiative's diagnostics."""
    return [
        PortfolioRow(
            title=row["title"],
            url=reverse("diagnostics:initiative", kwargs={"slug": row["slug"]}),
            case=row["case"],
            cells=[shown(column, row[column.key]) for column in COLUMNS[1:]],
        )
        for row in rows
    ]


def portfolio_csv_rows(rows: Iterable[dict[str, Any]]) -> list[list[Any]]:
    """The rows with every column as stored (shares as fractions, money in pence, time in
    minutes), after the initiative's address, whether it is a case and its stages."""
    header: list[Any] = ["slug", *COLUMN_KEYS, "case", "stages"]
    return [
        header,
        *(
            [
                row["slug"],
                *("" if row[key] is None else row[key] for key in COLUMN_KEYS),
                row["case"],
                " ".join(row["stages"]),
            ]
            for row in rows
        ),
    ]
