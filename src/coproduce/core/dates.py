"""The window every date typed into the platform falls in, and the order of every range.

A date field takes any day from the year 1 to 9999, so hours worked on 0001-01-01 or a
meeting in 9999 were accepted and then counted. Here a date is plausible from 1 January 2000
to ten years ahead; a thing that has already happened (hours given, a session held, a check
made) is not in the future; and a range ends after it starts. Services, forms and
serializers ask these, so each refusal names its field (a 400 in the API, a form error on a
page)."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

EARLIEST = datetime.date(2000, 1, 1)
YEARS_AHEAD = 10

TOO_EARLY = "Give a date from 1 January 2000 on."
TOO_LATE = f"Give a date at most {YEARS_AHEAD} years from today."
IN_THE_FUTURE = "The day cannot be in the future."


def written_out(moment: datetime.datetime) -> str:
    """A moment as an e-mail gives it ("Monday 07 December 2026, 18:30"), local time, in
    the active language's day and month names."""
    return formats.date_format(timezone.localtime(moment), "l d F Y, H:i")


def latest(today: datetime.date | None = None) -> datetime.date:
    """The last plausible day: ten years from today (28 February for a 29th)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def date_problem(value: datetime.date, *, past_only: bool = False) -> str | None:
    """What is wrong with the day, if anything: before 2000, after ten years from today,
    or (``past_only``, for what has already happened) after today."""
    if isinstance(value, datetime.datetime):
        value = value.date()  # the day as written, in the offset it was given in
    today = timezone.localdate()
    if value < EARLIEST:
        return TOO_EARLY
    if past_only and value > today:
        return IN_THE_FUTURE
    if value > latest(today):
        return TOO_LATE
    return None


def check_date(field: str, value: datetime.date, *, past_only: bool = False) -> None:
    """Refuse an implausible day (a datetime is judged by its day), naming the field."""
    problem = date_problem(value, past_only=past_only)
    if problem is not None:
        raise ValidationError({field: problem})


def check_order(
    start: datetime.date,
    end_field: str,
    end: datetime.date,
    message: str,
    *,
    same_allowed: bool = False,
) -> None:
    """Refuse a range that ends before it starts (or on its start, unless
    ``same_allowed``) with ``message``, naming the end's field."""
    if end < start or (end == start and not same_allowed):
        raise ValidationError({end_field: message})


def year_problem(year: int, *, past_only: bool = False) -> str | None:
    """What is wrong with a year, if anything, by the same window as days."""
    this_year = timezone.localdate().year
    if year < EARLIEST.year:
        return f"Give a year from {EARLIEST.year} on."
    if past_only and year > this_year:
        return f"Give a year up to {this_year}."
    if year > this_year + YEARS_AHEAD:
        return f"Give a year at most {YEARS_AHEAD} years from now."
    return None


@dataclass(frozen=True)
class Period:
    """An optional range of days, both ends included, that a reading of the record is
    limited to (``from`` and ``to`` in a query string); an open end is unlimited."""

    start: datetime.date | None = None
    end: datetime.date | None = None

    @property
    def whole(self) -> bool:
        """Unlimited at both ends: the whole record."""
        return self.start is None and self.end is None

    def q(self, field: str) -> Q:
        """The filter keeping rows whose ``field`` (a date) falls in the period."""
        found = Q()
        if self.start is not None:
            found &= Q(**{f"{field}__gte": self.start})
        if self.end is not None:
            found &= Q(**{f"{field}__lte": self.end})
        return found

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> "Period":
        """Read ``from`` and ``to`` (YYYY-MM-DD, each optional), naming the one that is wrong."""
        ends: dict[str, datetime.date | None] = {}
        for name in ("from", "to"):
            text = (params.get(name) or "").strip()
            try:
                ends[name] = datetime.date.fromisoformat(text) if text else None
            except ValueError:
                problem = "Give a day as YYYY-MM-DD, e.g. 2026-04-01."
                raise ValidationError({name: problem}) from None
        start, end = ends["from"], ends["to"]
        if start is not None and end is not None and end < start:
            raise ValidationError({"to": _("The period must end on or after the day it starts.")})
        return cls(start, end)


ALL_TIME = Period()
