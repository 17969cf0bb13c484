"""The shapes of a person's charts, drawn on the server as SVG (no script): a radar of the
first and latest readings and a line per domain over time. Each sits beside a table with
the same figures, and the two readings on the radar differ by line style, not colour."""

import datetime
import math
from dataclasses import dataclass

from coproduce.personaloutcomes.models import HIGHEST, LOWEST

RADIUS = 100.0
CENTRE = 160.0  # the radar's viewBox is -40 0 400 320: room for the labels
WIDTH, HEIGHT, LEFT, TOP = 300.0, 120.0, 30.0, 10.0  # a line chart's plot area


@dataclass(frozen=True)
class Spoke:
    label: str
    x: str  # the spoke's end
    y: str
    label_x: str
    label_y: str
    anchor: str


@dataclass(frozen=True)
class Radar:
    spokes: list[Spoke]
    rings: list[str]  # a polygon's points at each of 2, 4, … 10
    first: str  # the first reading's polygon's points
    latest: str


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (
        CENTRE + RADIUS * fraction * math.cos(angle),
        CENTRE + RADIUS * fraction * math.sin(angle),
    )


def _points(values: list[float]) -> str:
    count = len(values)
    return " ".join(
        "{:.1f},{:.1f}".format(*_point(i, count, value / HIGHEST)) for i, value in enumerate(values)
    )


def radar(labels: list[str], first: list[int | None], latest: list[int | None]) -> Radar | None:
    """The radar of two readings over the domains (labels), a score of None drawn at 0;
    None when there are fewer than three domains (a radar needs three spokes)."""
    count = len(labels)
    if count < 3:
        return None
    spokes = []
    for i, label in enumerate(labels):
        x, y = _point(i, count, 1.0)
        lx, ly = _point(i, count, 1.18)
        anchor = "middle" if abs(lx - CENTRE) < 10 else ("start" if lx > CENTRE else "end")
        spokes.append(Spoke(label, f"{x:.1f}", f"{y:.1f}", f"{lx:.1f}", f"{ly + 4:.1f}", anchor))
    rings = [_points([float(step)] * count) for step in range(2, HIGHEST + 1, 2)]
    return Radar(
        spokes=spokes,
        rings=rings,
        first=_points([float(v or 0) for v in first]),
        latest=_points([float(v or 0) for v in latest]),
    )


@dataclass(frozen=True)
class Line:
    points: str
    dots: list[tuple[str, str]]
    ticks: list[tuple[int, str]]  # (score, y) for the axis labels


def _y(score: int) -> float:
    return TOP + HEIGHT - (score - LOWEST) / (HIGHEST - LOWEST) * HEIGHT


def line(days: list[datetime.date], scores: list[int]) -> Line:
    """A domain's scores over time, each at its day along the width (one reading: the
    middle)."""
    first, last = (days[0], days[-1]) if days else (None, None)
    span = (last - first).days if first and last else 0
    dots = []
    for day, score in zip(days, scores, strict=True):
        share = (day - first).days / span if first and span else 0.5
        dots.append((f"{LEFT + share * WIDTH:.1f}", f"{_y(score):.1f}"))
    return Line(
        points=" ".join(f"{x},{y}" for x, y in dots),
        dots=dots,
        ticks=[(step, f"{_y(step):.1f}") for step in (LOWEST, 5, HIGHEST)],
    )
