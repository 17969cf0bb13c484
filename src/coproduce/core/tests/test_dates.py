"""The window of plausible dates and the order of ranges, shared by every app."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coproduce.core.dates import (
    IN_THE_FUTURE,
    TOO_EARLY,
    TOO_LATE,
    check_date,
    check_order,
    date_problem,
    latest,
    year_problem,
)


def test_a_day_is_plausible_from_2000_to_ten_years_ahead() -> None:
    today = timezone.localdate()
    ahead = latest(today)
    assert ahead == datetime.date(today.year + 10, today.month, today.day)
    assert [
        date_problem(day)
        for day in (
            datetime.date(1, 1, 1),
            datetime.date(1999, 12, 31),
            datetime.date(2000, 1, 1),
            today,
            ahead,
            ahead + datetime.timedelta(days=1),
            datetime.date(9999, 12, 31),
        )
    ] == [TOO_EARLY, TOO_EARLY, None, None, None, TOO_LATE, TOO_LATE]


def test_what_has_happened_is_not_in_the_future() -> None:
    today = timezone.localdate()
    assert date_problem(today, past_only=True) is None
    assert date_problem(today + datetime.timedelta(days=1), past_only=True) == IN_THE_FUTURE
    assert date_problem(datetime.date(1, 1, 1), past_only=True) == TOO_EARLY


def test_a_moment_is_judged_by_its_day_and_the_leap_day_has_a_tenth_birthday() -> None:
    moment = datetime.datetime(
        9999, 12, 31, 23, 59, tzinfo=datetime.timezone(-datetime.timedelta(hours=5))
    )
    assert date_problem(moment) == TOO_LATE
    assert latest(datetime.date(2028, 2, 29)) == datetime.date(2038, 2, 28)


def test_refusals_name_the_field() -> None:
    with pytest.raises(ValidationError) as early:
        check_date("worked_on", datetime.date(1, 1, 1), past_only=True)
    assert early.value.message_dict == {"worked_on": [TOO_EARLY]}
    day = datetime.date(2026, 3, 1)
    with pytest.raises(ValidationError) as backwards:
        check_order(day, "ends_at", day - datetime.timedelta(days=1), "Ends before it starts.")
    assert backwards.value.message_dict == {"ends_at": ["Ends before it starts."]}
    with pytest.raises(ValidationError):
        check_order(day, "end", day, "Same day.")
    check_order(day, "end", day, "Same day.", same_allowed=True)  # no error


def test_years_have_the_same_window() -> None:
    this_year = timezone.localdate().year
    assert [year_problem(y, past_only=True) for y in (0, 1999, 2000, this_year, this_year + 1)] == [
        "Give a year from 2000 on.",
        "Give a year from 2000 on.",
        None,
        None,
        f"Give a year up to {this_year}.",
    ]
    assert year_problem(this_year + 11) == "Give a year at most 10 years from now."
