"""The inclusion figures made from head-counts: which counts may be shown, the shares, and
the representativeness index. Plain Python over a handful of counts (the counting is SQL,
in selectors.py).

Disclosure control (ADR 0027): a count of 0 to 4 people is never shown; it is "<5" and has
no share. When that leaves exactly one category of a block hidden while the block's total
is shown, the next smallest is hidden too, so that no hidden count can be worked out by
subtracting the shown ones from the total; both read "<5" alike, since telling them apart
would tell the reader which one is small. A block of fewer than 5 people shows nothing.

Representativeness is 1 minus the total variation distance between the participants and
the locality: 1 − ½ Σ |p − b| over the categories shown that the baseline has a share for
("prefer not to say" and "don't know" never), p and b each rescaled to add up to 1 over
those categories. 1 means the participants are spread as the locality is; 0 that they have
nothing in common.
"""

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, TypeVar

from coproduce.core.numbers import rounded
from coproduce.equality.vocabulary import Characteristic

SUPPRESSION = 5
HIDDEN = "<5"
Key = TypeVar("Key")


def share(part: int, whole: int) -> float:
    return rounded(Fraction(part, whole), 4)


def representativeness(
    counts: Mapping[str, int], baseline: Mapping[str, int] | None, shown: list[str]
) -> float | None:
    """The index over the ``shown`` categories the baseline (tenths of a percent) has."""
    if baseline is None:
        return None
    used = [c for c in shown if c in baseline]
    people = sum(counts[c] for c in used)
    locality = sum(baseline[c] for c in used)
    if not used or people == 0 or locality == 0:
        return None
    distance = (
        sum(abs(Fraction(counts[c], people) - Fraction(baseline[c], locality)) for c in used) / 2
    )
    return rounded(1 - distance, 4)


def withheld(counts: Mapping[Key, int]) -> set[Key]:
    """The counts of one block that are not shown: those under ``SUPPRESSION``, and, when
    that leaves exactly one, the next smallest too (the first of equals, in order)."""
    hidden = {key for key, count in counts.items() if count < SUPPRESSION}
    rest = [key for key in counts if key not in hidden]
    if len(hidden) == 1 and rest:
        hidden.add(min(rest, key=lambda key: counts[key]))
    return hidden


def cell_block(
    found: Characteristic, counts: Mapping[str, int], baseline: Mapping[str, int] | None
) -> dict[str, Any]:
    """One question's figures for one group of people: ``counts`` per answer (absent is 0,
    every person in exactly one), ``baseline`` the locality's shares in tenths of a percent
    (None without one)."""
    categories = found.categories
    count = {c: counts.get(c, 0) for c in categories}
    people = sum(count.values())
    hidden = withheld(count) if people >= SUPPRESSION else set(categories)
    shown = [c for c in categories if c not in hidden]
    return {
        "people": people if people >= SUPPRESSION else HIDDEN,
        "categories": {
            c: {
                "count": HIDDEN if c in hidden else count[c],
                "share": None if c in hidden else share(count[c], people),
                "baseline": None
                if baseline is None or c not in baseline
                else rounded(Fraction(baseline[c], 1000), 4),
            }
            for c in categories
        },
        "representativeness": representativeness(count, baseline, shown),
    }


def shown_count(count: int) -> int | str:
    return count if count >= SUPPRESSION else HIDDEN
