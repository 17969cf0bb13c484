"""A person's exchanges still open, and proposals on their listings waiting for their answer
(My Coproduce, core.personal)."""

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.personal import LIMIT, Item, Section, Task, tasks_per_initiative
from coproduce.exchanges.models import OPEN_STATUSES, Exchange, ExchangeStatus

INITIATIVE = "listing__initiative"


def _overview(row: dict[str, Any]) -> str:
    return reverse("exchanges:overview", kwargs={"slug": row[f"{INITIATIVE}__slug"]})


def exchange_items(person: Any) -> list[Item]:
    rows = (
        Exchange.objects.filter(Q(provider=person) | Q(receiver=person), status__in=OPEN_STATUSES)
        .order_by("-created_at", "-pk")
        .values("status", "listing__title", f"{INITIATIVE}__slug", f"{INITIATIVE}__title")
    )
    return [
        Item(
            Section.REQUESTS,
            row["listing__title"],
            _overview(row),
            _("Exchange proposed: waiting for an answer")
            if row["status"] == ExchangeStatus.PROPOSED
            else _("Exchange agreed: waiting to be confirmed as done"),
            row[f"{INITIATIVE}__title"],
        )
        for row in rows[:LIMIT]
    ]


def answer_tasks(person: Any) -> list[Task]:
    """Proposals to take up the person's listings, made by others."""
    waiting = Exchange.objects.filter(
        listing__person=person, status=ExchangeStatus.PROPOSED
    ).exclude(proposed_by=person)
    return tasks_per_initiative(
        waiting, _("Exchanges to answer"), "exchanges:overview", initiative=INITIATIVE
    )
