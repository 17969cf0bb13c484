"""Personal outcomes: an initiative's scale for the people it serves (domains scored 1 to
10), the pairing of a person with the worker who completes it with them, and their readings
over time. A reading is the person's own: only they and their paired worker ever see it."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import AppendOnlyModel
from coproduce.initiatives.models import Initiative

LOWEST, HIGHEST = 1, 10
STEPS = HIGHEST - LOWEST + 1


class Scale(models.Model):
    """The initiative's one scale: a label for each of the ten steps (``labels``, 1 first)."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.PROTECT, related_name="personal_scale"
    )
    name = models.CharField(max_length=120)
    labels = models.JSONField(help_text=_("Ten short labels, for steps 1 to 10."))
    defined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name

    def steps(self) -> list[tuple[int, str]]:
        return list(zip(range(LOWEST, HIGHEST + 1), self.labels, strict=False))


class Domain(models.Model):
    """One part of life the scale asks about, in its place in the order."""

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="domains")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=80)
    guidance = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["scale_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "position"], name="po_domain_place_once"),
            models.UniqueConstraint(fields=["scale", "name"], name="po_domain_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Pairing(models.Model):
    """A coordinator pairs a person with a worker: while it lasts, the worker sees and
    enters the person's readings."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    paired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    paired_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["initiative_id", "paired_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "person", "worker"],
                condition=Q(ended_at__isnull=True),
                name="po_one_live_pairing",
            ),
            models.CheckConstraint(condition=~Q(person=F("worker")), name="po_not_own_worker"),
        ]

    def __str__(self) -> str:
        return f"{self.person} with {self.worker}"


class Reading(AppendOnlyModel):
    """A person's scores on every domain on one day, entered by them or their worker.
    Never changed: a correction is a new reading that replaces one (``corrects``)."""

    scale = models.ForeignKey(Scale, on_delete=models.PROTECT, related_name="readings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    taken_on = models.DateField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="correction"
    )

    class Meta:
        ordering = ["scale_id", "person_id", "taken_on", "pk"]

    def __str__(self) -> str:
        return f"Reading of {self.taken_on:%Y-%m-%d}"


class Score(AppendOnlyModel):
    reading = models.ForeignKey(Reading, on_delete=models.PROTECT, related_name="scores")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["reading_id", "domain__position"]
        constraints = [
            models.UniqueConstraint(fields=["reading", "domain"], name="po_score_once"),
            models.CheckConstraint(
                condition=Q(score__gte=LOWEST) & Q(score__lte=HIGHEST), name="po_score_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return str(self.score)
