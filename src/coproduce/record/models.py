"""The co-production record: what each side contributed and who decided what.

Append-only. Nothing here is edited or deleted; a correction is a new, reversing entry that
points at the one it corrects and says why. Database triggers (see the migrations) refuse
UPDATE and DELETE, so the rule holds whatever code touches the tables.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from coproduce.core.models import AppendOnlyModel
from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionRule,
    Side,
    Unit,
)
from coproduce.initiatives.models import Initiative, Stage

MAX_QUANTITY: dict[str, int] = {
    # Generous but bounded: a year of one person's time, £10m, a million of anything.
    Unit.MINUTES: 365 * 24 * 60,
    Unit.PENCE: 1_000_000_000,
    Unit.COUNT: 1_000_000,
}


class RecordEntry(AppendOnlyModel):
    """An entry of the record: who wrote it, when, and what earlier entry it reverses."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        abstract = True


class Contribution(RecordEntry):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="contributions"
    )
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="contributions")
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contributions"
    )
    side = models.CharField(max_length=20, choices=Side.choices)
    kind = models.CharField(max_length=20, choices=ContributionKind.choices)
    quantity = models.BigIntegerField(help_text="Minutes, pence or a count; negative to reverse.")
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
        ]

    def __str__(self) -> str:
        if self.kind == ContributionKind.VOTE:  # whose vote it is stays off every list (ADR 0021)
            return f"{self.get_kind_display()} {self.quantity} {self.unit}"
        return f"{self.get_kind_display()} {self.quantity} {self.unit} by {self.contributor}"


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
    title = models.CharField(max_length=200, help_text="What was decided, in a line.")
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
    participants_citizen = models.PositiveIntegerField(default=0)
    participants_professional = models.PositiveIntegerField(default=0)
    participants_political = models.PositiveIntegerField(default=0)
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
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def participants_total(self) -> int:
        return (
            self.participants_citizen
            + self.participants_professional
            + (self.participants_political)
        )
