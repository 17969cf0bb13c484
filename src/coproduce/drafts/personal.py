"""Amendments waiting for a drafting group's decision (My Coproduce, core.personal)."""

from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.personal import LIMIT, Task
from coproduce.drafts.models import Amendment, AmendmentStatus
from coproduce.initiatives.models import Membership, MembershipStatus


def amendment_tasks(person: Any) -> list[Task]:
    """Open amendments to the drafts whose drafting group the person sits in, as an active
    member (who decides them, drafts.rules), counted per draft."""
    active_in = Membership.objects.filter(user=person, status=MembershipStatus.ACTIVE)
    rows = (
        Amendment.objects.filter(
            status=AmendmentStatus.OPEN,
            draft__group__person=person,
            draft__initiative__in=active_in.values("initiative"),
        )
        .values("draft_id", "draft__title", "draft__initiative__slug", "draft__initiative__title")
        .annotate(n=Count("pk", distinct=True))
        .order_by("draft__initiative__title", "draft__title")
    )
    return [
        Task(
            _("Amendments to decide"),
            row["draft__initiative__title"],
            row["n"],
            reverse(
                "drafts:detail",
                kwargs={"slug": row["draft__initiative__slug"], "pk": row["draft_id"]},
            ),
            row["draft__title"],
        )
        for row in rows[:LIMIT]
    ]
