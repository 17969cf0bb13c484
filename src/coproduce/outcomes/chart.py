"""A line chart over time drawn on the server (ADR 0009's way: SVG in the page, no script),
for one indicator: the monthly means as a solid line with dots, the path from the baseline
to each target as a dashed line with squares (SVG markers: one element a line). The table
beside it holds the same figures; the chart is hidden from screen readers, which read the
table."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format

from coproduce.outcomes.models import Indicator, Target
from coproduce.outcomes.selectors import Month, shown

WIDTH, HEIGHT = 600, 260
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 15, 35


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    measured_line: str  # "x,y x,y …": the monthly means
    path_line: str  # the baseline, then each target
    low: str
    high: str
    first: str
    last: str
    axis_y: str  # the x-axis' y (the bottom of the plot)
    axis_x: str  # the y-axis' x


def line_chart(indicator: Indicator, monthly: list[Month], targets: list[Target]) -> LineChart:
    days = [indicator.baseline_on, *(m.month for m in monthly), *(t.due_on for t in targets)]
    values = [indicator.baseline_value, *(m.mean for m in monthly), *(t.value for t in targets)]
    start, end = min(days), max(days)
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    span_days = max((end - start).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def at(day: datetime.date, value: Decimal) -> str:
        x = LEFT + (day - start).days / span_days * plot_w
        y = TOP + float((high - value) / (high - low)) * plot_h
        return f"{x:.1f},{y:.1f}"

    path = [at(indicator.baseline_on, indicator.baseline_value)]
    path += [at(t.due_on, t.value) for t in targets]
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        measured_line=" ".join(at(m.month, m.mean) for m in monthly),
        path_line=" ".join(path),
        low=shown(low),
        high=shown(high),
        first=date_format(start, "M Y"),
        last=date_format(end, "M Y"),
        axis_y=str(TOP + plot_h),
        axis_x=str(LEFT),
    )
