"""Ideas waiting for a coordinator's answer (My Coproduce, core.personal)."""

from typing import Any

from django.utils.translation import gettext as _

from coproduce.core.personal import Task, tasks_per_initiative
from coproduce.ideas.models import Idea, IdeaStatus
from coproduce.initiatives.personal import coordinated_by


def answer_tasks(person: Any) -> list[Task]:
    """Shown ideas not answered yet, in the initiatives the person coordinates."""
    waiting = Idea.objects.filter(
        status=IdeaStatus.NEW, hidden_reason="", initiative__in=coordinated_by(person)
    )
    return tasks_per_initiative(
        waiting, _("Ideas to answer"), "ideas:list", query=f"?status={IdeaStatus.NEW}"
    )
