"""The ratings' panel on the initiative page, and their section of the public
accountability page (the summaries of the public kinds and the "you said, we did"
answers: nothing in either names a rater)."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.initiatives.models import Initiative
from coproduce.ratings import selectors, things
from coproduce.ratings.models import MIN_FOR_MEAN, FeedbackAnswer, ThingKind


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    service = things.Thing(ThingKind.SERVICE, initiative, initiative)
    return {
        "service": selectors.summary_of(ThingKind.SERVICE, initiative.pk),
        "answers": FeedbackAnswer.objects.filter(initiative=initiative).count(),
        "can_rate": gate.allows(request.user, "ratings.rate", service.as_target()),
    }


def accountability(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    summaries = selectors.summaries(initiative)
    answers = selectors.you_said_we_did(initiative)
    if not summaries and not answers:
        return None
    return {"summaries": summaries, "answers": answers, "min_for_mean": MIN_FOR_MEAN}
