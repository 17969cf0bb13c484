"""Reads of the co-production record: entries and their totals."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from coproduce.core import capabilities
from coproduce.core.dates import Period
from coproduce.core.vocabulary import ContributionKind, Side, StageKind, Unit
from coproduce.initiatives.models import Initiative
from coproduce.record.models import Contribution, Decision


def standing(model: type[Contribution] | type[Decision], via: str = "") -> Q:
    """Entries that stand: neither a reversal nor reversed (the two cancel); ``via`` is the
    path from the rows filtered to the entry (``"decision__"`` from its participants).
    Asked with NOT EXISTS, which the planner counts as the few rows it removes (a LEFT JOIN
    … IS NULL made PostgreSQL expect one row in all and join the rest by nested loops)."""
    reversal = model.objects.filter(reverses=OuterRef(f"{via}pk"))
    return Q(**{f"{via}reverses__isnull": True}) & ~Q(Exists(reversal))


def standing_entries_from(source: Any) -> QuerySet[Contribution]:
    """The contributions ``source`` (a capability's object) wrote that still stand: what
    taking it back must reverse. One already reversed in the record (by whoever recorded
    it, or a coordinator) is left alone, so nothing is reversed twice."""
    return Contribution.objects.filter(
        standing(Contribution),
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
    )


@dataclass(frozen=True)
class TotalRow:
    """Net totals for one group (a side, a stage or a kind), one figure per unit."""

    key: str
    label: str
    minutes: int
    pence: int
    count: int
    entries: int


@dataclass(frozen=True)
class RecordFilters:
    """Which entries of the record to list (every field optional): contributions by their
    stages' kinds, side, kind and unit; decisions by who decided and their kinds; both by a
    period of days (``occurred_on`` / ``decided_on``, both ends included) and, with
    ``standing``, only the entries the diagnostics count (neither reversed nor a reversal)."""

    stages: tuple[str, ...] = ()
    side: str = ""
    kind: str = ""
    unit: str = ""
    decided_by: str = ""
    decision_kinds: tuple[str, ...] = ()
    start: datetime.date | None = None
    end: datetime.date | None = None
    standing: bool = False

    def _common(self, day: str, model: type[Contribution] | type[Decision]) -> Q:
        found = Period(self.start, self.end).q(day)
        if self.standing:
            found &= standing(model)
        return found

    def contributions(self) -> Q:
        found = self._common("occurred_on", Contribution)
        if self.stages:
            found &= Q(stage__kind__in=self.stages)
        for field in ("side", "kind", "unit"):
            if getattr(self, field):
                found &= Q(**{field: getattr(self, field)})
        return found

    def decisions(self) -> Q:
        found = self._common("decided_on", Decision)
        if self.decided_by:
            found &= Q(decided_by=self.decided_by)
        if self.decision_kinds:
            found &= Q(kind__in=self.decision_kinds)
        return found


NO_FILTERS = RecordFilters()


def entries_shown_to(viewer: Any = None) -> Q:
    """Which contributions a viewer may read one by one: every entry but votes and the
    entries of sources a capability lists to their contributor alone, and the viewer's own.
    A vote entry says that a person took part in a ballot, when, and in which budget; next
    to a ballot export that could reveal their choices, so it is theirs alone, and everyone
    else (coordinators and staff too) sees votes only in the totals (ADR 0021); a citizen
    inspector's time would name who inspected, whom a report may leave unnamed."""
    hidden = Q(kind=ContributionKind.VOTE)
    unlisted = _unlisted_source_types()
    if unlisted:
        hidden |= Q(source_type_id__in=unlisted)
    if viewer is not None and viewer.is_authenticated:
        hidden &= ~Q(contributor=viewer)
    return ~hidden


def _unlisted_source_types() -> list[int]:
    """The content types of the sources whose entries are listed to their contributor
    alone (``Writes.listed_to_contributor_only``); Django caches each lookup."""
    return [
        ContentType.objects.get_for_model(apps.get_model(label)).pk
        for label in capabilities.unlisted_sources()
    ]


def contributions_for(
    initiative: Initiative, viewer: Any = None, filters: RecordFilters = NO_FILTERS
) -> QuerySet[Contribution]:
    """The initiative's entries the viewer may read one by one (no one's votes when no viewer
    is named), as filtered; the totals count every entry."""
    return (
        initiative.contributions.filter(entries_shown_to(viewer), filters.contributions())
        .select_related(
            "contributor",
            "organisation",
            "stage",
            "recorded_by",
            "verification__verified_by",
            "reverses",
            "source_type",
        )
        .prefetch_related("source")
    )


def unlisted_count(initiative: Initiative, viewer: Any = None) -> int:
    """How many of the record's entries its totals count that are not listed to the viewer
    (votes, pledges, survey answers: listed to their contributor alone), so that a list set
    beside a total says why it holds fewer. Over the whole record, whatever the filter: a
    count for one day and side would say who voted that day."""
    every = initiative.contributions.all()
    return every.count() - every.filter(entries_shown_to(viewer)).count()


def decisions_for(
    initiative: Initiative, filters: RecordFilters = NO_FILTERS
) -> QuerySet[Decision]:
    """The initiative's decisions with their participants (head-counts derive from them), as
    filtered."""
    return (
        initiative.decisions.filter(filters.decisions())
        .select_related("stage", "initiated_by", "recorded_by", "reverses", "source_type")
        .prefetch_related("participants__person", "source")
    )


def _totals(initiative: Initiative, field: str, labels: dict[str, str]) -> list[TotalRow]:
    sums: dict[str, dict[str, int]] = {}
    entries: dict[str, int] = {}
    rows = (
        Contribution.objects.filter(initiative=initiative)
        .values(field, "unit")
        .annotate(total=Sum("quantity"), n=Count("id"))
    )
    for row in rows:
        key = row[field]
        sums.setdefault(key, {})[row["unit"]] = row["total"]
        entries[key] = entries.get(key, 0) + row["n"]
    return [
        TotalRow(
            key=key,
            label=label,
            minutes=sums[key].get(Unit.MINUTES, 0),
            pence=sums[key].get(Unit.PENCE, 0),
            count=sums[key].get(Unit.COUNT, 0),
            entries=entries[key],
        )
        for key, label in labels.items()
        if key in sums
    ]


def record_totals(initiative: Initiative) -> dict[str, list[TotalRow]]:
    """Net totals (reversals included) per side, per stage and per kind of contribution."""
    return {
        "side": _totals(initiative, "side", {k: str(v) for k, v in Side.choices}),
        "stage": _totals(initiative, "stage__kind", {k: str(v) for k, v in StageKind.choices}),
        "kind": _totals(initiative, "kind", {k: str(v) for k, v in ContributionKind.choices}),
    }
