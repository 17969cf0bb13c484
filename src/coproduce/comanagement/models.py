"""Co-management: boards of an initiative (as Caterham's 12-member trust), their seats by
side, meetings with agenda, attendance and minutes, and decisions by vote or consensus, each
written to the co-production record."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.core.vocabulary import DecisionRule, Side
from coproduce.initiatives.models import Initiative, Stage


class Board(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="boards")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="boards")
    name = models.CharField(max_length=200)
    purpose = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")


class Seat(models.Model):
    """A person on a board, on the side they act on in the initiative."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="seats")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=20, choices=Side.choices)
    role = models.CharField(max_length=10, choices=SeatRole.choices, default=SeatRole.MEMBER)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["board", "role", "joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "person"],
                condition=Q(left_on__isnull=True),
                name="cm_one_seat_per_person",
            ),
            models.CheckConstraint(condition=Q(side__in=Side.values), name="cm_seat_side"),
            models.CheckConstraint(condition=Q(role__in=SeatRole.values), name="cm_seat_role"),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.board}"

    @property
    def initiative(self) -> Initiative:
        return self.board.initiative


MEETING_LENGTH_DEFAULT = 90  # minutes: a board meeting of an evening
MEETING_LENGTH_MAX = 12 * 60


class Meeting(models.Model):
    """A board's meeting. ``length_minutes`` is how long it lasts, the time each attendee
    gives to co-management (``minutes`` is its written record)."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    held_at = models.DateTimeField()
    length_minutes = models.PositiveIntegerField("Length (minutes)", default=MEETING_LENGTH_DEFAULT)
    place = models.CharField(max_length=200, blank=True)
    agenda = models.TextField(max_length=4000)
    minutes = models.TextField(max_length=20000, blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)

    class Meta:
        ordering = ["-held_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(length_minutes__gte=1) & Q(length_minutes__lte=MEETING_LENGTH_MAX),
                name="cm_meeting_length",
            )
        ]

    def __str__(self) -> str:
        return f"{self.board} on {self.held_at:%d %b %Y}"

    @property
    def initiative(self) -> Initiative:
        return self.board.initiative


class Vote(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class BoardDecision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    title = models.CharField(max_length=200)
    rule = models.CharField(
        max_length=30,
        choices=[(DecisionRule.VOTE, _("Vote")), (DecisionRule.CONSENSUS, _("Consensus"))],
    )
    initiated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    carried = models.BooleanField()
    # The decision's entry in the record, whose source is this board decision: written
    # after it, in the same transaction (``services.board_decide``), so empty only inside it.
    record = models.OneToOneField(
        "record.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.title


class BallotOnBoard(models.Model):
    """How each board member voted on a decision (boards vote in the open)."""

    decision = models.ForeignKey(BoardDecision, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vote = models.CharField(max_length=8, choices=Vote.choices)

    class Meta:
        ordering = ["decision", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "person"], name="cm_one_vote_each"),
            models.CheckConstraint(condition=Q(vote__in=Vote.values), name="cm_vote_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.vote}"
