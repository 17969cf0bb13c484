"""A person's requests for peer support, the requests a coordinator has to match and the
concerns escalated to a professional (My Coproduce, core.personal)."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.personal import LIMIT, Item, Section, Task, tasks_per_initiative
from coproduce.core.templatetags.coproduce import duration
from coproduce.initiatives.personal import coordinated_by
from coproduce.peersupport.models import Concern, RequestStatus, Session, SupportRequest


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


def _in_the_match(person: Any) -> Q:
    return Q(match__supporter__person=person) | Q(match__request__requester=person)


def session_items(person: Any) -> list[Item]:
    """Sessions the person logged, waiting for the other person to confirm them."""
    initiative = "match__request__initiative"
    rows = (
        Session.objects.filter(_in_the_match(person), logged_by=person, confirmed_by__isnull=True)
        .order_by("-held_on", "-pk")
        .values(
            "minutes",
            "match_id",
            "match__request__need",
            f"{initiative}__slug",
            f"{initiative}__title",
        )
    )
    return [
        Item(
            Section.REQUESTS,
            row["match__request__need"],
            reverse(
                "peersupport:match",
                kwargs={"slug": row[f"{initiative}__slug"], "pk": row["match_id"]},
            ),
            _("A %(time)s peer support session logged: waiting for the other person to confirm it")
            % {"time": duration(row["minutes"])},
            row[f"{initiative}__title"],
        )
        for row in rows[:LIMIT]
    ]


def session_tasks(person: Any) -> list[Task]:
    """Sessions the other person in the match logged, for this person to confirm, counted
    per match."""
    initiative = "match__request__initiative"
    rows = (
        Session.objects.filter(_in_the_match(person), confirmed_by__isnull=True)
        .exclude(logged_by=person)
        .values("match_id", "match__request__need", f"{initiative}__slug", f"{initiative}__title")
        .annotate(n=Count("pk"))
        .order_by(f"{initiative}__title", "match_id")
    )
    return [
        Task(
            _("Peer support sessions to confirm"),
            row[f"{initiative}__title"],
            row["n"],
            reverse(
                "peersupport:match",
                kwargs={"slug": row[f"{initiative}__slug"], "pk": row["match_id"]},
            ),
            row["match__request__need"],
        )
        for row in rows[:LIMIT]
    ]
