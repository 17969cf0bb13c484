"""Ratings of the things an initiative does, one per person per thing and changed in place,
and the coordinators' public answers to what raters said ("you said, we did"). A rating is
an opinion, not part of the record; an answer may point at the Decision it led to."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative

LOWEST, HIGHEST = 1, 5
# a mean of fewer ratings than this is never shown: it would say too much about each one
MIN_FOR_MEAN = 5


class ThingKind(models.TextChoices):
    """What can be rated: the allow-list (ratings.things finds each in its initiative)."""

    SERVICE = "service", _("The service itself")
    ACTIVITY = "activity", _("Volunteering activity")
    SHIFT = "shift", _("Volunteering shift")
    SESSION = "session", _("Peer-support session")
    PROJECT = "project", _("Delivered PB project")


class Rating(models.Model):
    """One person's stars for one thing (``kind`` and ``thing_id``: the initiative itself, a
    volunteering.Opportunity, a volunteering.Shift, a peersupport.Session or a
    budgeting.Proposal), in the thing's initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="ratings")
    kind = models.CharField(max_length=10, choices=ThingKind.choices)
    thing_id = models.PositiveBigIntegerField()
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ratings"
    )
    stars = models.PositiveSmallIntegerField()
    comment = models.TextField(max_length=2000, blank=True)
    # the rater's name is shown to no one but them (not to coordinators, not to staff)
    anonymous = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "thing_id", "person"], name="rating_one_per_person_per_thing"
            ),
            models.CheckConstraint(condition=Q(kind__in=ThingKind.values), name="rating_kind"),
            models.CheckConstraint(
                condition=Q(stars__gte=LOWEST) & Q(stars__lte=HIGHEST), name="rating_1_to_5"
            ),
            models.CheckConstraint(
                condition=~Q(kind=ThingKind.SERVICE) | Q(thing_id=F("initiative_id")),
                name="rating_service_is_its_initiative",
            ),
        ]
        # the summary reads only this index (count per star of one thing)
        indexes = [models.Index(fields=["kind", "thing_id", "stars"], name="rating_summary")]

    def __str__(self) -> str:
        return f"{self.stars} stars for {self.kind} {self.thing_id}"


class FeedbackAnswer(models.Model):
    """A coordinator's public answer to a rating's comment. ``said`` keeps the comment as it
    was answered (the rater may change theirs later); ``decision`` is the change it led to,
    a standing Decision in the same initiative's record. No rater's name is kept here."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="feedback_answers"
    )
    rating = models.OneToOneField(
        Rating, null=True, on_delete=models.SET_NULL, related_name="answer"
    )
    kind = models.CharField(max_length=10, choices=ThingKind.choices)
    thing_id = models.PositiveBigIntegerField()
    said = models.TextField(max_length=2000)
    text = models.TextField(max_length=4000)
    decision = models.ForeignKey(
        "record.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-answered_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ThingKind.values), name="answer_kind"),
            models.CheckConstraint(condition=~Q(text=""), name="answer_has_text"),
        ]

    def __str__(self) -> str:
        return f"Answer to feedback on {self.kind} {self.thing_id}"
