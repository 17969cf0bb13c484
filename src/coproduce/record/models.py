"""The co-production record: what each side contributed and who decided what.

Append-only. Nothing here is edited or deleted; a correction is a new, reversing entry that
points at the one it corrects and says why. Database triggers (see the migrations) refuse
UPDATE and DELETE, so the rule holds whatever code touches the tables.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import AppendOnlyModel
from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionKind,
    DecisionRule,
    Position,
    Side,
    Unit,
)
from coproduce.initiatives.models import Initiative, Stage
from coproduce.organisations.models import Organisation

MAX_QUANTITY: dict[str, int] = {
    # Generous but bounded: a year of one person's time, £10m, a million of anything.
    Unit.MINUTES: 365 * 24 * 60,
    Unit.PENCE: 1_000_000_000,
    Unit.COUNT: 1_000_000,
}


class RecordEntry(AppendOnlyModel):
    """An entry of the record: who wrote it, when, what caused it (its source: the ballot
    box, hours log, board decision or review it came from) and what earlier entry it
    reverses."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.CharField(max_length=500, blank=True)
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        abstract = True

    @property
    def source_url(self) -> str:
        """The page of what caused the entry, if it has one (read ``source`` prefetched)."""
        target = self.source if self.source_type_id is not None else None
        get_url = getattr(target, "get_absolute_url", None)
        return str(get_url()) if get_url else ""

    @property
    def source_label(self) -> str:
        """What caused the entry, in words ("Hours log 12"), or "" when recorded by hand."""
        source_type = self.source_type
        if source_type is None:
            return ""
        model = source_type.model_class()
        name = model._meta.verbose_name if model else source_type.model
        return f"{str(name).capitalize()} {self.source_id}"


class Contribution(RecordEntry):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="contributions"
    )
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="contributions")
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        help_text=_(
            "The body whose money or time this is (a funder's grant is not one "
            "officer's); the contributor, if named, is who handed it over."
        ),
    )
    side = models.CharField(max_length=20, choices=Side.choices)
    paid = models.BooleanField(
        default=False, help_text=_("Time paid for as someone's job, rather than given.")
    )
    kind = models.CharField(max_length=20, choices=ContributionKind.choices)
    quantity = models.BigIntegerField(
        help_text=_("Minutes, pence or a count; negative to reverse.")
    )
    unit = models.CharField(max_length=10, choices=Unit.choices)
    description = models.CharField(max_length=500, blank=True)
    occurred_on = models.DateField()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["initiative", "side", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(reverses__isnull=True) & Q(quantity__gt=0))
                | (Q(reverses__isnull=False) & Q(quantity__lt=0) & ~Q(reason="")),
                name="contribution_positive_or_reasoned_reversal",
            ),
            models.CheckConstraint(condition=Q(side__in=Side.values), name="contribution_side"),
            models.CheckConstraint(
                condition=Q(kind__in=ContributionKind.values), name="contribution_kind"
            ),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="contribution_unit"),
            models.CheckConstraint(
                condition=Q(contributor__isnull=False) | Q(organisation__isnull=False),
                name="contribution_has_a_contributor",
            ),
            models.CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="contribution_source_whole",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == ContributionKind.VOTE:  # whose vote it is stays off every list (ADR 0021)
            return f"{self.get_kind_display()} {self.quantity} {self.unit}"
        by = self.organisation if self.contributor_id is None else self.contributor
        return f"{self.get_kind_display()} {self.quantity} {self.unit} by {by}"


class ContributionVerification(AppendOnlyModel):
    """A coordinator's confirmation that a contribution happened as recorded."""

    contribution = models.OneToOneField(
        Contribution, on_delete=models.PROTECT, related_name="verification"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.contribution} verified by {self.verified_by}"


class Decision(RecordEntry):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="decisions")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="decisions")
    title = models.CharField(max_length=200, help_text=_("What was decided, in a line."))
    outcome = models.TextField(max_length=4000, blank=True)
    initiated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions_initiated",
    )
    initiated_by_side = models.CharField(max_length=20, choices=Side.choices)
    decided_by = models.CharField(max_length=20, choices=DecidingBody.choices)
    rule = models.CharField(max_length=30, choices=DecisionRule.choices)
    kind = models.CharField(
        max_length=12, choices=DecisionKind.choices, default=DecisionKind.DECISION
    )
    carried = models.BooleanField(default=True, help_text=_("False for a motion voted down."))
    evidence_url = models.URLField(max_length=500, blank=True)
    decided_on = models.DateField()

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | ~Q(reason=""),
                name="decision_reversal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(initiated_by_side__in=Side.values), name="decision_initiated_side"
            ),
            models.CheckConstraint(
                condition=Q(decided_by__in=DecidingBody.values), name="decision_decided_by"
            ),
            models.CheckConstraint(condition=Q(rule__in=DecisionRule.values), name="decision_rule"),
            models.CheckConstraint(condition=Q(kind__in=DecisionKind.values), name="decision_kind"),
            models.CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="decision_source_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def headcount(self, side: str) -> int:
        """How many people of a side took part: derived from the participant rows (read
        with ``prefetch_related("participants")`` when listing many)."""
        return sum(p.headcount for p in self.participants.all() if p.side == side)

    @property
    def participants_citizen(self) -> int:
        return self.headcount(Side.CITIZEN)

    @property
    def participants_professional(self) -> int:
        return self.headcount(Side.REGULAR_PRODUCER)

    @property
    def participants_political(self) -> int:
        return self.headcount(Side.POLITICAL)

    @property
    def participants_total(self) -> int:
        return sum(p.headcount for p in self.participants.all())


class DecisionParticipant(AppendOnlyModel):
    """Who took part in a decision, person by person: their side at the time and how they
    took part. People counted but not named (a public meeting's show of hands, decisions
    recorded before people were) are one row per side with their ``headcount``."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="participants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    side = models.CharField(max_length=20, choices=Side.choices)
    position = models.CharField(max_length=10, choices=Position.choices)
    headcount = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["decision_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "person"],
                condition=Q(person__isnull=False),
                name="decision_participant_once",
            ),
            models.CheckConstraint(
                condition=(Q(person__isnull=True) & Q(headcount__gte=1))
                | (Q(person__isnull=False) & Q(headcount=1)),
                name="decision_participant_named_is_one",
            ),
            models.CheckConstraint(
                condition=Q(side__in=Side.values), name="decision_participant_side"
            ),
            models.CheckConstraint(
                condition=Q(position__in=Position.values), name="decision_participant_position"
            ),
        ]

    def __str__(self) -> str:
        who = self.person if self.person_id else f"{self.headcount} unnamed"
        return f"{who} ({self.get_side_display()}): {self.get_position_display()}"


# --- running totals (ADR 0034) ----------------------------------------------------------
# Kept by ``record.totals`` in the transaction of every entry and reversal, so that a reading
# of a whole record adds up a few rows per group instead of every entry. Not append-only:
# each row is a running sum. ``coproduce totals check`` proves them equal to the entries.


class StageTotal(models.Model):
    """The net quantity of an initiative's contributions of one stage, side, paid or not,
    kind, unit and organisation (``organisation_key``: its id, 0 for a person's)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=20)
    paid = models.BooleanField()
    kind = models.CharField(max_length=20)
    unit = models.CharField(max_length=10)
    organisation_key = models.BigIntegerField()
    quantity = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "initiative",
                    "stage",
                    "side",
                    "paid",
                    "kind",
                    "unit",
                    "organisation_key",
                ],
                name="record_stage_total_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.quantity} {self.unit} ({self.side}, stage {self.stage_id})"


class PersonInInitiative(models.Model):
    """A running total of one member's entries in one initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class PersonWeek(PersonInInitiative):
    """A member's net minutes in an initiative in one ISO week (``week``: whole weeks since
    Monday 1 January 1900)."""

    week = models.IntegerField()
    minutes = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "contributor", "week"], name="record_person_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.minutes} minutes in week {self.week}"


class PersonTotal(PersonInInitiative):
    """A member's net minutes in an initiative, and the most in any one week."""

    minutes = models.BigIntegerField()
    busiest = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "contributor"], name="record_person_total"
            )
        ]

    def __str__(self) -> str:
        return f"{self.minutes} minutes, at most {self.busiest} in a week"


class PersonStage(PersonInInitiative):
    """How many standing entries name a member in a stage: contributions they made and
    decisions they took part in (who took part where, for the inclusion figures)."""

    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    entries = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "stage", "contributor"], name="record_person_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.entries} entries in stage {self.stage_id}"


class DecisionTotal(models.Model):
    """How many standing decisions of an initiative were started by a side, taken by a body,
    of a kind, and how many of those gave citizens a voice (taken by citizens, or jointly
    with citizens among those who took part)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    initiated_by_side = models.CharField(max_length=20)
    decided_by = models.CharField(max_length=20)
    kind = models.CharField(max_length=20)
    decisions = models.IntegerField()
    voiced = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "initiated_by_side", "decided_by", "kind"],
                name="record_decision_total_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.decisions} {self.kind} by {self.decided_by}"


class InitiatorTotal(PersonInInitiative):
    """How many standing decisions about the service (not declarations) a member started."""

    decisions = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "contributor"], name="record_initiator_total"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decisions} decisions started"
