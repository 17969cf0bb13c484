"""A rating's mean is rounded as a reader rounds it by hand."""

from coproduce.ratings.selectors import figures


def test_a_mean_of_exactly_three_and_an_eighth_reads_3_13() -> None:
    """25 stars from 8 ratings is 3.125: Python's round() gave 3.12 (halves to even)."""
    answer = figures({5: 1, 4: 1, 3: 4, 2: 2})
    assert (answer["count"], answer["mean"]) == (8, 3.13)
