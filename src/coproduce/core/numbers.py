"""Figures rounded as a person rounds them by hand.

Python's ``round`` takes a half to the even neighbour (3.125 → 3.12, 6.25 → 6.2), and a
float such as 0.1235 is stored a hair under its decimal, so it can fall the wrong way.
Every figure shown to people or given by the API is rounded here instead: exactly, from
the fraction it was computed as, halves away from zero (3.125 → 3.13, 6.25 → 6.3)."""

import math
from decimal import Decimal
from fractions import Fraction

Exact = Fraction | int | Decimal


def rounded(value: Exact | float, places: int) -> float:
    """``value`` to ``places`` decimals, halves away from zero. A float is read as the
    decimal it prints as (0.1235 as 1235/10000), not as its binary approximation."""
    exact = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    scale = 10**places
    magnitude = math.floor(abs(exact) * scale + Fraction(1, 2))
    return math.copysign(magnitude, exact) / scale if magnitude else 0.0
