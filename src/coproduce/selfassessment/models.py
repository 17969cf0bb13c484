"""A member's answers to the self-assessment: one row per person per statement, changed in
place when they answer again. An answer is an opinion, not part of the record."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import Initiative
from coproduce.selfassessment.statements import HIGHEST, KEYS, LOWEST, STATEMENTS


class SelfAssessmentAnswer(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="self_assessment_answers"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessment_answers"
    )
    # the member's side when they gave this rating (their standing then)
    side = models.CharField(max_length=20, choices=Side.choices)
    statement = models.CharField(max_length=40, choices=[(s.key, s.title) for s in STATEMENTS])
    # 1 (strongly disagree) to 5 (strongly agree); empty for "don't know"
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    # the day the rating held here was given (a new rating, or the same from another side)
    answered_on = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["initiative_id", "person_id", "statement"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "person", "statement"], name="sa_one_answer_per_statement"
            ),
            models.CheckConstraint(condition=Q(side__in=Side.values), name="sa_side_valid"),
            models.CheckConstraint(condition=Q(statement__in=KEYS), name="sa_statement_valid"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=LOWEST) & Q(rating__lte=HIGHEST),
                name="sa_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        rating = "don't know" if self.rating is None else str(self.rating)
        return f"{self.statement}: {rating}"
