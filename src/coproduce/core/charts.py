"""Bar charts drawn on the server: no script, no external library, nothing for CSP to allow.

A chart is a list of bars whose labels and values are text in the page, so it reads well on
a phone and to a screen reader; each bar's length is a one-rectangle SVG. Every chart sits
beside a table with the same figures (see ``partials/bar_chart.html``).
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str  # the value as the reader sees it
    length: str  # the bar's length as a percentage of the longest, for the SVG
    emphasis: bool = False


def bars(items: Iterable[tuple[str, float, str, bool]]) -> list[Bar]:
    """Bars from (label, value, value as shown, emphasised) in the order given; the largest
    value fills the width, and negative values draw as nothing."""
    rows = list(items)
    top = max((value for _, value, _, _ in rows), default=0)
    return [
        Bar(
            label=label,
            shown=shown,
            length=f"{max(value, 0) / top * 100:.2f}" if top > 0 else "0.00",
            emphasis=emphasis,
        )
        for label, value, shown, emphasis in rows
    ]
