"""A person's requests for peer support, the requests a coordinator has to match and the
concerns escalated to a professional (My Coproduce, core.personal)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.personal import LIMIT, Item, Section, Task, tasks_per_initiative
from coproduce.initiatives.personal import coordinated_by
from coproduce.peersupport.models import Concern, RequestStatus, SupportRequest


def request_items(person: Any) -> list[Item]:
    rows = (
        SupportRequest.objects.filter(requester=person, status=RequestStatus.OPEN)
        .order_by("-created_at", "-pk")
        .values("need", "initiative__slug", "initiative__title")
    )
    return [
        Item(
            Section.REQUESTS,
            row["need"],
            reverse("peersupport:overview", kwargs={"slug": row["initiative__slug"]}),
            _("Peer support asked for: waiting for a match"),
            row["initiative__title"],
        )
        for row in rows[:LIMIT]
    ]


def match_tasks(person: Any) -> list[Task]:
    """Requests waiting for a supporter in the initiatives the person coordinates."""
    waiting = SupportRequest.objects.filter(
        status=RequestStatus.OPEN, initiative__in=coordinated_by(person)
    ).exclude(requester=person)
    return tasks_per_initiative(
        waiting, _("Peer support requests to match"), "peersupport:overview"
    )


def concern_tasks(person: Any) -> list[Task]:
    """Safeguarding concerns escalated to the person and not yet acknowledged: one each, as
    each is read on its own page."""
    initiative = "match__request__initiative"
    rows = (
        Concern.objects.filter(professional=person, acknowledged_at__isnull=True)
        .order_by("raised_at", "pk")
        .values("pk", f"{initiative}__slug", f"{initiative}__title")
    )
    return [
        Task(
            _("Concern assigned to you"),
            row[f"{initiative}__title"],
            1,
            reverse(
                "peersupport:concern", kwargs={"slug": row[f"{initiative}__slug"], "pk": row["pk"]}
            ),
        )
        for row in rows[:LIMIT]
    ]
