"""Writes for ratings: a person rates a thing (or changes their rating), and a coordinator
answers what a rater said. Neither writes to the record: a rating is an opinion, and an
answer points at a Decision already there."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core import gate
from coproduce.core.queries import checked_text
from coproduce.ratings.models import HIGHEST, LOWEST, FeedbackAnswer, Rating
from coproduce.ratings.things import PUBLIC_KINDS, Thing
from coproduce.record.models import Decision
from coproduce.record.selectors import standing

COMMENT_MAX = 2000
ANSWER_MAX = 4000
NOT_STARS = _("Choose from 1 to 5 stars.")  # LOWEST to HIGHEST
NO_COMMENT = _("Only a rating with a comment can be answered.")
NOT_PUBLIC = _("Feedback on a peer-support session is private and is not answered publicly.")
NO_ANSWER = _("Write what was done about it.")
NOT_A_DECISION = _("Choose a decision of this initiative's record that stands.")


def _stars(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not LOWEST <= value <= HIGHEST:
        raise ValidationError({"stars": NOT_STARS})
    return value


@transaction.atomic
def rating_give(
    *, actor: Any, thing: Thing, stars: Any, comment: Any = "", anonymous: Any = False
) -> Rating:
    """The actor rates the thing, or changes their rating of it: one row per person per
    thing, updated in place. Two requests of the same person at once meet at the unique
    constraint, and the later one's values stand (an upsert, not a second row)."""
    gate.require(actor, "ratings.rate", thing.as_target())
    checked_stars = _stars(stars)
    checked_comment = checked_text("comment", comment, COMMENT_MAX)
    if not isinstance(anonymous, bool):
        raise ValidationError({"anonymous": _("Say yes or no.")})
    now = timezone.now()
    Rating.objects.bulk_create(
        [
            Rating(
                initiative=thing.initiative,
                kind=thing.kind,
                thing_id=thing.pk,
                person=actor,
                stars=checked_stars,
                comment=checked_comment,
                anonymous=anonymous,
                created_at=now,
                updated_at=now,
            )
        ],
        update_conflicts=True,
        unique_fields=["kind", "thing_id", "person"],
        update_fields=["stars", "comment", "anonymous", "updated_at"],
    )
    return Rating.objects.get(kind=thing.kind, thing_id=thing.pk, person=actor)


def _decision(rating: Rating, decision: Any) -> Decision | None:
    """The decision an answer points at: one of the rating's initiative that stands."""
    if decision is None or decision == "":
        return None
    pk = decision.pk if isinstance(decision, Decision) else decision
    if isinstance(pk, bool) or not isinstance(pk, int) or not 0 < pk < 2**63:
        raise ValidationError({"decision": NOT_A_DECISION})
    found = Decision.objects.filter(standing(Decision), initiative_id=rating.initiative_id, pk=pk)
    chosen = found.first()
    if chosen is None:
        raise ValidationError({"decision": NOT_A_DECISION})
    return chosen


@transaction.atomic
def feedback_answer(
    *, actor: Any, rating: Rating, text: Any, decision: Any = None
) -> FeedbackAnswer:
    """A coordinator answers a rating's comment publicly ("you said, we did"), perhaps
    pointing at the decision it led to; answering again changes the answer in place. The
    answer keeps the comment as answered and never the rater."""
    rating = Rating.objects.select_for_update().select_related("initiative").get(pk=rating.pk)
    gate.require(actor, "ratings.answer", rating)
    if rating.kind not in PUBLIC_KINDS:
        raise ValidationError({"rating": NOT_PUBLIC})
    if not rating.comment:
        raise ValidationError({"rating": NO_COMMENT})
    answer_text = checked_text("text", text, ANSWER_MAX, required=str(NO_ANSWER))
    chosen = _decision(rating, decision)
    now = timezone.now()
    answer = FeedbackAnswer.objects.filter(rating=rating).first()
    if answer is None:
        answer = FeedbackAnswer(
            initiative=rating.initiative,
            rating=rating,
            kind=rating.kind,
            thing_id=rating.thing_id,
            answered_at=now,
        )
    answer.said, answer.text, answer.decision = rating.comment, answer_text, chosen
    answer.answered_by, answer.updated_at = actor, now
    answer.save()
    return answer
