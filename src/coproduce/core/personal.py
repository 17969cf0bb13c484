"""What a capability shows a person on their own page (My Coproduce, the ``mine`` app).

A capability names, in ``Capability.personal``, functions ``(person) -> list[Item]`` (what
is the person's own: initiatives, requests waiting for someone, ballots, shifts, balances)
and ``(person) -> list[Task]`` (what waits for the person's decision, counted per
initiative). Each function is one bounded query, so the page's cost does not grow with what
a person has done.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

# The most rows one source lists: a person with more sees the first ones and the link.
LIMIT = 50


class Section(models.TextChoices):
    INITIATIVES = "initiatives", _("My initiatives")
    REQUESTS = "requests", _("My requests waiting for an answer")
    SHIFTS = "shifts", _("My shifts")
    BALLOTS = "ballots", _("My ballots")
    BALANCE = "balance", _("My time credits")


@dataclass(frozen=True)
class Item:
    """One line of a person's own page. ``title`` is user content (escaped where shown);
    ``detail`` is interface text, translated by the source."""

    section: str
    title: str
    url: str
    detail: str = ""
    initiative: str = ""


@dataclass(frozen=True)
class Task:
    """Things of one kind waiting for the person's decision in one initiative, and the page
    where they are decided."""

    label: str
    initiative: str
    count: int
    url: str
    about: str = ""  # the item they belong to (a draft, a panel), user content


def counted_tasks(
    rows: Any, label: str, url: Callable[[dict[str, Any]], str], title: str = "initiative__title"
) -> list[Task]:
    """Tasks from rows counted per initiative or per item (``n``, the initiative's title
    under ``title``, and whatever ``url`` needs), at most ``LIMIT`` of them."""
    return [Task(label, row[title], row["n"], url(row)) for row in rows[:LIMIT]]
