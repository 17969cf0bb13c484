"""Reads for outcomes: indicators with their latest value, the monthly figures the chart
draws, and whether each indicator is on track (one rule, written once in ``RULE``)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import Initiative
from coproduce.outcomes.models import Better, Indicator, Measurement, MonthlyFigure, Target

# The page, the API and ADR 0029 state this text; the code below is the same rule.
RULE = gettext_lazy(
    "The latest measurement is compared with the next target: the first target due on or "
    "after the day it was measured (or the last target, once all are past). If it is at "
    "least as good as that target, the target is met. Otherwise it is on track when it is at "
    "least as good as the value on the straight line from the baseline to that target on the "
    "day it was measured, and behind when it is not, or when the target's day has passed."
)

ON_TRACK, BEHIND, MET, NOTHING_YET, NO_TARGET = (
    "on_track",
    "behind",
    "met",
    "no_measurements",
    "no_target",
)
HEADLINES = {
    ON_TRACK: gettext_lazy("On track"),
    BEHIND: gettext_lazy("Behind"),
    MET: gettext_lazy("Target met"),
    NOTHING_YET: gettext_lazy("No measurements yet"),
    NO_TARGET: gettext_lazy("No target set"),
}


@dataclass(frozen=True)
class Progress:
    status: str
    sentence: str
    target: Target | None
    expected: Decimal | None

    @property
    def headline(self) -> str:
        return str(HEADLINES[self.status])


def shown(value: Decimal | None) -> str:
    """A value as people write it: no trailing zeros, thousands separated."""
    if value is None:
        return ""
    normal = value.quantize(Decimal("0.0001")).normalize()
    if normal == normal.to_integral_value():
        return f"{int(normal):,}"
    return f"{normal:,f}"


def _at_least_as_good(indicator: Indicator, value: Decimal, than: Decimal) -> bool:
    return value >= than if indicator.better == Better.HIGHER else value <= than


def progress(indicator: Indicator, latest: Measurement | None, targets: list[Target]) -> Progress:
    """Whether the indicator is on track, by ``RULE``, with a plain sentence saying so."""
    unit = f" {indicator.unit}" if indicator.unit else ""
    if latest is None:
        return Progress(NOTHING_YET, _("No measurements yet."), None, None)
    if not targets:
        sentence = _("No target set; the latest measurement is %(value)s.") % {
            "value": f"{shown(latest.value)}{unit}"
        }
        return Progress(NO_TARGET, sentence, None, None)
    ahead = [t for t in targets if t.due_on >= latest.measured_on]
    target = ahead[0] if ahead else targets[-1]
    figures = {
        "value": f"{shown(latest.value)}{unit}",
        "day": date_format(latest.measured_on, "j F Y"),
        "target": f"{shown(target.value)}{unit}",
        "due": date_format(target.due_on, "j F Y"),
    }
    if _at_least_as_good(indicator, latest.value, target.value):
        sentence = _("Target met: %(value)s on %(day)s, against %(target)s by %(due)s.")
        return Progress(MET, sentence % figures, target, target.value)
    if not ahead:
        sentence = _("Behind: %(value)s on %(day)s, and the target was %(target)s by %(due)s.")
        return Progress(BEHIND, sentence % figures, target, None)
    expected = _on_the_line(indicator, target, latest.measured_on)
    figures["expected"] = f"{shown(expected)}{unit}"
    if _at_least_as_good(indicator, latest.value, expected):
        status = ON_TRACK
        sentence = _(
            "On track: %(value)s on %(day)s, against %(expected)s expected on the way to "
            "%(target)s by %(due)s."
        )
    else:
        status = BEHIND
        sentence = _(
            "Behind: %(value)s on %(day)s, against %(expected)s expected on the way to "
            "%(target)s by %(due)s."
        )
    return Progress(status, sentence % figures, target, expected)


def _on_the_line(indicator: Indicator, target: Target, day: datetime.date) -> Decimal:
    """The value on the straight line from the baseline to the target, on ``day``."""
    span = (target.due_on - indicator.baseline_on).days
    if span <= 0 or day <= indicator.baseline_on:
        return indicator.baseline_value if span > 0 else target.value
    share = Decimal((day - indicator.baseline_on).days) / Decimal(span)
    expected = indicator.baseline_value + (target.value - indicator.baseline_value) * share
    return expected.quantize(Decimal("0.0001"))


def indicators_of(initiative: Initiative) -> QuerySet[Indicator]:
    """The initiative's indicators with their targets (prefetched)."""
    return Indicator.objects.filter(initiative=initiative).prefetch_related("targets")


@dataclass(frozen=True)
class Row:
    """A measurement as the page's table shows it (text made once, here)."""

    measured_on: str
    value: str
    source: str
    method: str
    measured_by: str


def recent_measurements(indicator: Indicator, limit: int = 20) -> list[Measurement]:
    """The latest measurements, latest first (the first is the one progress reads)."""
    return list(
        Measurement.objects.filter(indicator=indicator)
        .select_related("measured_by")
        .order_by("-measured_on", "-pk")[:limit]
    )


def rows(measurements: list[Measurement]) -> list[Row]:
    sides = dict(Side.choices)
    return [
        Row(
            date_format(m.measured_on, "j M Y"),
            shown(m.value),
            m.source,
            m.method,
            f"{m.measured_by} ({str(sides.get(m.side, m.side)).lower()})",
        )
        for m in measurements
    ]


def measurements_of(indicator: Indicator) -> QuerySet[Measurement]:
    return (
        Measurement.objects.filter(indicator=indicator)
        .select_related("measured_by", "recorded_by")
        .order_by("-measured_on", "-pk")
    )


@dataclass(frozen=True)
class Month:
    month: datetime.date
    count: int
    mean: Decimal

    @property
    def label(self) -> str:
        return date_format(self.month, "M Y")

    @property
    def mean_shown(self) -> str:
        return shown(self.mean)

    @property
    def count_shown(self) -> str:
        return f"{self.count:,}"


def months(indicator: Indicator) -> list[Month]:
    """Each month's count and mean, from the kept monthly figures (a row a month)."""
    return [
        Month(f.month, f.count, (f.total / f.count).quantize(Decimal("0.0001")))
        for f in MonthlyFigure.objects.filter(indicator=indicator, count__gt=0).order_by("month")
    ]


def measurement_count(monthly: list[Month]) -> int:
    """How many measurements the months hold: all of the indicator's."""
    return sum(month.count for month in monthly)


@dataclass(frozen=True)
class Summary:
    indicator: Indicator
    latest: Measurement | None
    progress: Progress


def summaries(initiative: Initiative) -> list[Summary]:
    """Each indicator with its latest measurement and progress: three queries in all, the
    latest found per indicator by a subquery."""
    latest_id = Subquery(
        Measurement.objects.filter(indicator=OuterRef("pk"))
        .order_by("-measured_on", "-pk")
        .values("pk")[:1]
    )
    indicators = list(indicators_of(initiative).annotate(latest_id=latest_id))
    found = Measurement.objects.in_bulk([i.latest_id for i in indicators if i.latest_id])
    result = []
    for indicator in indicators:
        latest: Any = found.get(indicator.latest_id)
        targets = list(indicator.targets.all())
        result.append(Summary(indicator, latest, progress(indicator, latest, targets)))
    return result
