"""The surveys' panel on the initiative page: the open surveys and how many answered."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.initiatives.models import Initiative
from coproduce.surveys import selectors
from coproduce.surveys.models import SurveyStatus


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    can_create = gate.allows(request.user, "surveys.create_survey", initiative)
    shown = selectors.surveys_shown(initiative, drafts=can_create)
    return {
        "open": [s for s in shown if s.status == SurveyStatus.OPEN],
        "count": len(shown),
        "can_create": can_create,
    }
