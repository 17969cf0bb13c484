"""A panel's recommendations waiting for the commissioning body's answer (My Coproduce,
core.personal)."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.personal import LIMIT, Task
from coproduce.initiatives.models import Membership, MembershipStatus
from coproduce.initiatives.personal import coordinated_by
from coproduce.panels.models import Recommendation


def answer_tasks(person: Any) -> list[Task]:
    """Unanswered recommendations of the panels the person answers for: as a coordinator,
    or as the commissioner's named representative and an active member (panels.rules)."""
    active_in = Membership.objects.filter(user=person, status=MembershipStatus.ACTIVE)
    rows = (
        Recommendation.objects.filter(answer__isnull=True)
        .filter(
            Q(panel__initiative__in=coordinated_by(person))
            | Q(panel__representative=person, panel__initiative__in=active_in.values("initiative"))
        )
        .values("panel_id", "panel__title", "panel__initiative__slug", "panel__initiative__title")
        .annotate(n=Count("pk"))
        .order_by("panel__initiative__title", "panel__title")
    )
    return [
        Task(
            _("Recommendations to answer"),
            row["panel__initiative__title"],
            row["n"],
            reverse(
                "panels:detail",
                kwargs={"slug": row["panel__initiative__slug"], "pk": row["panel_id"]},
            ),
            row["panel__title"],
        )
        for row in rows[:LIMIT]
    ]
