"""A person's initiatives, their requests to join or change side, and, for a coordinator,
the requests waiting for them (My Coproduce, core.personal)."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.personal import LIMIT, Item, Section, Task, tasks_per_initiative
from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives.models import Membership, MembershipStatus, SideChange, SideChangeStatus


def coordinated_by(person: Any) -> QuerySet[Membership, Any]:
    """The ids of the initiatives the person coordinates, as a subquery."""
    return Membership.objects.filter(user=person, is_coordinator=True).values("initiative")


def _detail(slug: str) -> str:
    return reverse("initiatives:detail", kwargs={"slug": slug})


def items(person: Any) -> list[Item]:
    """The initiatives the person is in (their side and role) and their requests to join."""
    rows = (
        Membership.objects.filter(
            user=person, status__in=(MembershipStatus.ACTIVE, MembershipStatus.REQUESTED)
        )
        .order_by("initiative__title")
        .values("status", "side", "role", "is_coordinator", "initiative__slug", "initiative__title")
    )
    found = []
    for row in rows[:LIMIT]:
        side, role = Side(row["side"]).label, Role(row["role"]).label
        title, url = row["initiative__title"], _detail(row["initiative__slug"])
        if row["status"] == MembershipStatus.REQUESTED:
            detail = _("Asked to join as %(side)s, %(role)s: waiting for a coordinator") % {
                "side": side,
                "role": role,
            }
            found.append(Item(Section.REQUESTS, title, url, detail, title))
            continue
        detail = _("%(side)s, %(role)s") % {"side": side, "role": role}
        if row["is_coordinator"]:
            detail = _("%(side_and_role)s; coordinator") % {"side_and_role": detail}
        found.append(Item(Section.INITIATIVES, title, url, detail, title))
    return found


def side_change_items(person: Any) -> list[Item]:
    """The person's requests to act on another side, waiting for a coordinator."""
    rows = SideChange.objects.filter(
        membership__user=person, status=SideChangeStatus.PENDING
    ).values("side", "role", "membership__initiative__slug", "membership__initiative__title")
    return [
        Item(
            Section.REQUESTS,
            row["membership__initiative__title"],
            _detail(row["membership__initiative__slug"]),
            _("Asked to change to %(side)s, %(role)s: waiting for a coordinator")
            % {"side": Side(row["side"]).label, "role": Role(row["role"]).label},
            row["membership__initiative__title"],
        )
        for row in rows[:LIMIT]
    ]


def join_tasks(person: Any) -> list[Task]:
    """Requests to join the initiatives the person coordinates."""
    waiting = Membership.objects.filter(
        status=MembershipStatus.REQUESTED, initiative__in=coordinated_by(person)
    )
    return tasks_per_initiative(waiting, _("Requests to join to approve"), "initiatives:members")


def side_change_tasks(person: Any) -> list[Task]:
    """Members' claims to another side in the initiatives the person coordinates (not their
    own: no one approves their own side)."""
    waiting = SideChange.objects.filter(
        status=SideChangeStatus.PENDING, membership__initiative__in=coordinated_by(person)
    ).exclude(membership__user=person)
    return tasks_per_initiative(
        waiting,
        _("Side claims to approve"),
        "initiatives:members",
        initiative="membership__initiative",
    )
