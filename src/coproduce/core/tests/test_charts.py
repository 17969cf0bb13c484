"""Server-drawn bar charts: lengths relative to the largest value."""

from coproduce.core.charts import Bar, bars


def test_the_largest_value_fills_the_width_and_others_are_in_proportion() -> None:
    assert bars(
        [("a", 40, "40 votes", True), ("b", 10, "10 votes", False), ("c", -3, "-3", False)]
    ) == [
        Bar("a", "40 votes", "100.00", True),
        Bar("b", "10 votes", "25.00", False),
        Bar("c", "-3", "0.00", False),
    ]


def test_all_zero_values_draw_no_bars() -> None:
    assert [b.length for b in bars([("a", 0, "0", False), ("b", 0, "0", False)])] == [
        "0.00",
        "0.00",
    ]
    assert bars([]) == []
