"""Figures are rounded as by hand: exactly, halves away from zero."""

from decimal import Decimal
from fractions import Fraction

import pytest

from coproduce.core.numbers import rounded


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Fraction(25, 8), 2, 3.13),  # round() gives 3.12: the half goes to the even digit
        (6.25, 1, 6.3),  # round() gives 6.2
        (0.1235, 3, 0.124),  # a float a hair under its decimal: round() gives 0.123
        (Fraction(-1, 8), 2, -0.13),  # a gap between sides: halves away from zero
        (Fraction(1, 3), 4, 0.3333),
        (Fraction(2, 3), 4, 0.6667),
        (Decimal("2.5"), 0, 3.0),
        (Fraction(-1, 1000), 2, 0.0),  # no negative zero
        (7, 4, 7.0),
    ],
)
def test_halves_go_away_from_zero_exactly(value: object, places: int, shown: float) -> None:
    assert rounded(value, places) == shown  # type: ignore[arg-type]
    assert str(rounded(Fraction(-1, 1000), 2)) == "0.0"
