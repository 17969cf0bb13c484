"""Reads for the self-assessment: the figures side by side, and a person's own ratings."""

from collections import defaultdict
from fractions import Fraction
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from coproduce.core.charts import Bar, bars
from coproduce.core.dates import Period
from coproduce.core.numbers import rounded
from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import Initiative
from coproduce.selfassessment.models import SelfAssessmentAnswer
from coproduce.selfassessment.statements import (
    BY_KEY,
    GROUPS,
    HIGHEST,
    LOWEST,
    MIN_ANSWERS,
    STATEMENTS,
)

SIDES = (Side.CITIZEN, Side.REGULAR_PRODUCER, Side.POLITICAL)
RATINGS = range(LOWEST, HIGHEST + 1)


def _four_places(value: Fraction) -> float:
    return rounded(value, 4)


def _side_figures(counts: dict[int | None, int]) -> tuple[dict[str, Any], Fraction | None]:
    """One side's figures for one statement from its count per rating (None: don't know),
    and its exact mean where it is shown. The counts themselves are shown only when at least
    ``MIN_ANSWERS`` members of the side answered: otherwise a side of one would show which
    statements its one member rated and which they did not know."""
    rated, dont_know = sum(counts.get(r, 0) for r in RATINGS), counts.get(None, 0)
    counted = rated + dont_know >= MIN_ANSWERS
    shown = rated >= MIN_ANSWERS
    mean = Fraction(sum(r * counts.get(r, 0) for r in RATINGS), rated) if shown else None
    figures = {
        "answers": rated if counted else None,
        "dont_know": dont_know if counted else None,
        "mean": None if mean is None else _four_places(mean),
        "distribution": {str(r): counts.get(r, 0) for r in RATINGS} if shown else None,
    }
    return figures, mean


def self_assessment_summary(initiative: Initiative, period: Period | None = None) -> dict[str, Any]:
    """Each statement's ratings side by side, ready for JSON, in one query (GROUP BY
    statement, side, rating), limited to answers given in ``period`` (by ``answered_on``).

    Per side: ``answers`` (members who gave a rating) and ``dont_know``, shown only when at
    least ``MIN_ANSWERS`` members answered (rated or did not know; else null), and the
    ``mean`` and ``distribution`` of the ratings, shown only when at least ``MIN_ANSWERS``
    gave one (else null). ``gap`` is the citizens' mean less the professionals' (regular
    producers'), where both are shown; ``mean_gap`` the mean of the gaps' sizes;
    ``largest_gap`` the statement whose gap is largest in size (the first, in the
    statements' order, on a tie). Figures are rounded to 4 places from the exact values."""
    answers = SelfAssessmentAnswer.objects.filter(initiative=initiative)
    if period is not None:
        answers = answers.filter(period.q("answered_on"))
    counts: dict[tuple[str, str], dict[int | None, int]] = defaultdict(dict)
    for key, side, rating, n in (
        answers.values("statement", "side", "rating")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("statement", "side", "rating", "n")
    ):
        counts[(key, side)][rating] = n
    rows: list[dict[str, Any]] = []
    gaps: dict[str, Fraction] = {}
    for statement in STATEMENTS:
        by_side: dict[str, dict[str, Any]] = {}
        means: dict[str, Fraction | None] = {}
        for side in SIDES:
            by_side[str(side)], means[side] = _side_figures(counts[(statement.key, side)])
        citizens, professionals = means[Side.CITIZEN], means[Side.REGULAR_PRODUCER]
        gap = None if citizens is None or professionals is None else citizens - professionals
        if gap is not None:
            gaps[statement.key] = gap
        rows.append(
            {
                "key": statement.key,
                "group": statement.group,
                "title": str(statement.title),  # in the active language, ready for JSON
                "by_side": by_side,
                "gap": None if gap is None else _four_places(gap),
            }
        )
    sizes = {key: abs(gap) for key, gap in gaps.items()}
    return {
        "statements": rows,
        "mean_gap": _four_places(sum(sizes.values(), Fraction(0)) / len(sizes)) if sizes else None,
        "largest_gap": max(sizes, key=lambda key: sizes[key]) if sizes else None,
        "min_answers": MIN_ANSWERS,
    }


def ratings_of(person: Any, initiative: Initiative) -> dict[str, int | None]:
    """The person's own ratings in the initiative, by statement (None: don't know)."""
    if not person.is_authenticated:
        return {}
    return dict(
        SelfAssessmentAnswer.objects.filter(initiative=initiative, person=person)
        .order_by()
        .values_list("statement", "rating")
    )


def summary_by_group(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The summary's statements in their groups, each with its statement text and a chart
    of the gaps, for the page: ``[{"key", "title", "statements", "chart"}]``."""
    found = []
    for group, title in GROUPS:
        rows = [
            {**row, "text": BY_KEY[row["key"]].text, "explanation": BY_KEY[row["key"]].explanation}
            for row in summary["statements"]
            if row["group"] == group
        ]
        found.append({"key": group, "title": title, "statements": rows, "chart": _gap_chart(rows)})
    return found


def _gap_chart(rows: list[dict[str, Any]]) -> list[Bar]:
    """A bar per statement, as long as its gap's size; its text says which side rates higher."""

    def shown(gap: float | None) -> str:
        if gap is None:
            return _("no gap yet")
        if gap == 0:
            return _("0.00, no gap")
        if gap > 0:
            return _("%(gap)s, citizens rate it higher") % {"gap": f"{gap:+.2f}"}
        return _("%(gap)s, professionals rate it higher") % {"gap": f"{gap:+.2f}"}

    largest = max((abs(row["gap"]) for row in rows if row["gap"] is not None), default=0)
    return bars(
        (
            row["title"],
            abs(row["gap"] or 0),
            shown(row["gap"]),
            row["gap"] is not None and largest > 0 and abs(row["gap"]) == largest,
        )
        for row in rows
    )
