"""The self-assessment's panel on the initiative page: the mean gap between citizens' and
professionals' ratings, and the way to the page (and, for members, to their answers)."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.initiatives.models import Initiative
from coproduce.selfassessment.selectors import self_assessment_summary
from coproduce.selfassessment.statements import BY_KEY


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    summary = self_assessment_summary(initiative)
    largest = summary["largest_gap"]
    return {
        "mean_gap": summary["mean_gap"],
        "largest": BY_KEY[largest].title if largest else "",
        "can_answer": gate.allows(request.user, "selfassessment.answer", initiative),
    }
