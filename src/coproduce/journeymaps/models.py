"""Customer journey maps: a service as a person lives it, in stages in order, and the notes
members write on each stage (touchpoints, what the person does, thinks and feels, pain
points, ideas). Each note carries its author's side, read from their membership, so the map
shows where service users and staff see a stage differently (ADR 0041)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import Initiative

TITLE_MAX, DESCRIPTION_MAX, STAGE_NAME_MAX, NOTE_MAX = 200, 2000, 120, 1000
MAX_STAGES = 30
# The feeling scale, worst to best: a value and the words the pages show for it.
FEELINGS = {
    -2: _("Very bad"),
    -1: _("Bad"),
    0: _("Neither good nor bad"),
    1: _("Good"),
    2: _("Very good"),
}
LOWEST_FEELING, HIGHEST_FEELING = min(FEELINGS), max(FEELINGS)
# A note's side as the map labels it: service users and residents are the citizens' side.
SIDE_LABELS = {
    Side.CITIZEN: _("Citizen"),
    Side.REGULAR_PRODUCER: _("Staff"),
    Side.POLITICAL: _("Councillor"),
}


class NoteKind(models.TextChoices):
    """What a note says about a stage; the grid shows them in this order."""

    TOUCHPOINT = "touchpoint", _("Touchpoints")
    DOES = "does", _("What the person does")
    THINKS = "thinks", _("What the person thinks")
    FEELS = "feels", _("How the person feels")
    PAIN_POINT = "pain_point", _("Pain points")
    IDEA = "idea", _("Ideas")


class PainPointStatus(models.TextChoices):
    """Whether a pain point is still open or has been taken up (as an idea, a draft's
    amendment or a change the initiative made: ADR 0041 keeps the place for the link)."""

    OPEN = "open", _("Open")
    TAKEN_UP = "taken_up", _("Taken up")


class JourneyMap(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=TITLE_MAX)
    description = models.TextField(
        max_length=DESCRIPTION_MAX, blank=True, help_text=_("The service, and whose journey it is.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # members a coordinator named to manage this map's stages beside the coordinators
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        verbose_name = _("journey map")
        verbose_name_plural = _("journey maps")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "title"], name="journeymap_title_once")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("journeymaps:map", args=[self.initiative.slug, self.pk])


class JourneyStage(models.Model):
    """A stage of the journey; ``position`` orders them (1 first), renumbered on a move."""

    journey_map = models.ForeignKey(JourneyMap, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(max_length=STAGE_NAME_MAX)
    position = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("journey stage")
        verbose_name_plural = _("journey stages")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["journey_map", "name"], name="journeystage_name_once")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def initiative(self) -> Initiative:
        return self.journey_map.initiative


class JourneyNote(models.Model):
    """One member's note on a stage, on the side their membership gave them when they wrote
    it. A removed note stays (``removed_at``) and its record entry is reversed."""

    stage = models.ForeignKey(JourneyStage, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(max_length=12, choices=NoteKind.choices)
    text = models.TextField(max_length=NOTE_MAX)
    feeling = models.SmallIntegerField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=20, choices=Side.choices)
    status = models.CharField(max_length=10, choices=PainPointStatus.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # the idea a pain point (or an idea note) was posted as: the idea knows its note
    idea = models.ForeignKey(
        "ideas.Idea", null=True, blank=True, on_delete=models.PROTECT, related_name="pain_points"
    )

    class Meta:
        verbose_name = _("journey note")
        verbose_name_plural = _("journey notes")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=NoteKind.values), name="journeynote_kind"),
            models.CheckConstraint(
                condition=Q(idea__isnull=True) | Q(kind__in=[NoteKind.PAIN_POINT, NoteKind.IDEA]),
                name="journeynote_idea_from_pain_or_idea",
            ),
            models.CheckConstraint(condition=Q(side__in=Side.values), name="journeynote_side"),
            # a feeling on the scale, given with a "feels" note and with no other kind
            models.CheckConstraint(
                condition=(
                    Q(kind=NoteKind.FEELS)
                    & Q(feeling__gte=LOWEST_FEELING)
                    & Q(feeling__lte=HIGHEST_FEELING)
                )
                | (~Q(kind=NoteKind.FEELS) & Q(feeling__isnull=True)),
                name="journeynote_feeling",
            ),
            models.CheckConstraint(
                condition=(Q(kind=NoteKind.PAIN_POINT) & Q(status__in=PainPointStatus.values))
                | (~Q(kind=NoteKind.PAIN_POINT) & Q(status="")),
                name="journeynote_status",
            ),
            # one standing feeling per person per stage: a side's mean counts people
            models.UniqueConstraint(
                fields=["stage", "author"],
                condition=Q(kind=NoteKind.FEELS, removed_at__isnull=True),
                name="journeynote_one_feeling",
            ),
        ]
        indexes = [models.Index(fields=["stage", "kind"], name="journeynote_stage_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"

    def get_absolute_url(self) -> str:
        journey_map = self.stage.journey_map
        return f"{journey_map.get_absolute_url()}#stage-{self.stage_id}"

    @property
    def initiative(self) -> Initiative:
        return self.stage.journey_map.initiative

    @property
    def side_label(self) -> str:
        return str(SIDE_LABELS[Side(self.side)])

    @property
    def feeling_words(self) -> str:
        return "" if self.feeling is None else str(FEELINGS[self.feeling])
