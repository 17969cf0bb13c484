"""What a capability shows a person on their own page (My Coproduce, the ``mine`` app).

A capability names, in ``Capability.personal``, functions ``(person) -> list[Item]`` (what
is the person's own: initiatives, requests waiting for someone, ballots, shifts, balances)
and ``(person) -> list[Task]`` (what waits for the person's decision, counted per
initiative). Each function is one bounded query, so the page's cost does not grow with what
a person has done.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The most rows one source lists: a person with more sees the first of them.
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


def tasks_per_initiative(
    queryset: QuerySet[Any, Any],
    label: str,
    url_name: str,
    *,
    initiative: str = "initiative",
    query: str = "",
) -> list[Task]:
    """The rows of ``queryset`` counted per initiative (reached by the ``initiative`` path)
    in one query, each count a task linking to ``url_name`` of its initiative."""
    slug, title = f"{initiative}__slug", f"{initiative}__title"
    rows = queryset.values(slug, title).annotate(n=Count("pk")).order_by(title)
    return [
        Task(label, row[title], row["n"], reverse(url_name, kwargs={"slug": row[slug]}) + query)
        for row in rows[:LIMIT]
    ]
