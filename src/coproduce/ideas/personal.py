"""Ideas waiting for a coordinator's answer (My Coproduce, core.personal)."""

from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.personal import Task, counted_tasks
from coproduce.ideas.models import Idea, IdeaStatus
from coproduce.initiatives.personal import coordinated_by


def answer_tasks(person: Any) -> list[Task]:
    """Shown ideas not answered yet, in the initiatives the person coordinates."""
    rows = (
        Idea.objects.filter(
            status=IdeaStatus.NEW, hidden_reason="", initiative__in=coordinated_by(person)
        )
        .values("initiative__slug", "initiative__title")
        .annotate(n=Count("pk"))
        .order_by("initiative__title")
    )
    return counted_tasks(
        rows,
        _("Ideas to answer"),
        lambda row: (
            reverse("ideas:list", kwargs={"slug": row["initiative__slug"]})
            + f"?status={IdeaStatus.NEW}"
        ),
    )
