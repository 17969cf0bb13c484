"""Writes for the self-assessment: a member gives or changes their ratings."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coproduce.core import gate
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import standing
from coproduce.selfassessment.models import SelfAssessmentAnswer
from coproduce.selfassessment.statements import BY_KEY, HIGHEST, LOWEST

NO_RATINGS = _("Rate at least one statement, or say you don't know.")
NOT_A_RATING = format_lazy(
    _(
        "Choose a rating from {lowest} (strongly disagree) to {highest} (strongly agree), "
        "or don't know."
    ),
    lowest=LOWEST,
    highest=HIGHEST,
)
NOT_A_STATEMENT = _("There is no statement with this key in the self-assessment.")


def checked_ratings(ratings: Any) -> dict[str, int | None]:
    """The ratings if every key names a statement and every value is a whole number from 1
    to 5 or None (don't know); otherwise every problem at once, each under its statement's
    key (a ValidationError)."""
    if not isinstance(ratings, Mapping) or not ratings:
        raise ValidationError({"ratings": NO_RATINGS})
    problems: dict[str, Any] = {}
    for key, rating in ratings.items():
        if key not in BY_KEY:
            problems[str(key)] = NOT_A_STATEMENT
        elif rating is not None and (
            isinstance(rating, bool)
            or not isinstance(rating, int)
            or not LOWEST <= rating <= HIGHEST
        ):
            problems[key] = NOT_A_RATING
    if problems:
        raise ValidationError(problems)
    return dict(ratings)


@transaction.atomic
def self_assessment_answer(
    *, actor: Any, initiative: Initiative, ratings: Mapping[str, int | None]
) -> list[SelfAssessmentAnswer]:
    """An active member (of any side) rates some or all of the statements, or changes earlier
    ratings: one row per statement, changed in place. A row keeps the side the member is on
    now; its day is renewed when the rating or the side changes. Statements left out keep
    their earlier answers."""
    gate.require(actor, "selfassessment.answer", initiative)
    given = checked_ratings(ratings)
    side = standing(actor, initiative).side
    now = timezone.now()
    today = timezone.localdate(now)
    earlier = {
        answer.statement: answer
        for answer in SelfAssessmentAnswer.objects.select_for_update().filter(
            initiative=initiative, person=actor, statement__in=list(given)
        )
    }
    new, kept = [], []
    for key, rating in given.items():
        answer = earlier.get(key)
        if answer is None:
            new.append(
                SelfAssessmentAnswer(
                    initiative=initiative,
                    person=actor,
                    side=side,
                    statement=key,
                    rating=rating,
                    answered_on=today,
                    updated_at=now,
                )
            )
            continue
        if (answer.rating, answer.side) != (rating, side):
            answer.rating, answer.side, answer.answered_on = rating, side, today
        answer.updated_at = now
        kept.append(answer)
    # a second request of the same person's racing this one for a new row: the later wins
    SelfAssessmentAnswer.objects.bulk_create(
        new,
        update_conflicts=True,
        unique_fields=["initiative", "person", "statement"],
        update_fields=["side", "rating", "answered_on", "updated_at"],
    )
    SelfAssessmentAnswer.objects.bulk_update(kept, ["side", "rating", "answered_on", "updated_at"])
    return sorted([*new, *kept], key=lambda answer: answer.statement)
