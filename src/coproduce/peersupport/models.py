"""Peer support: trained supporters matched to people asking for support, sessions logged
by both, and concerns raised to a named professional (seen only by those who need to)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative, Stage


def words(text: str) -> set[str]:
    """A comma-separated list as a set of lower-case items."""
    return {item.strip().lower() for item in text.split(",") if item.strip()}


class PeerSupporter(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    supports = models.CharField(max_length=300, help_text=_("Needs they support, comma-separated."))
    languages = models.CharField(max_length=200, default="English")
    areas = models.CharField(max_length=300, blank=True, help_text=_("Areas they cover."))
    availability = models.CharField(
        max_length=200, blank=True, help_text=_("e.g. weekday mornings, evenings, weekends")
    )
    training = models.CharField(max_length=300, help_text=_("The training they completed."))
    trained_on = models.DateField()
    checked_until = models.DateField(help_text=_("Their background check is valid until."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["person__username"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="ps_supporter_once")
        ]

    def __str__(self) -> str:
        return str(self.person)


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a match")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")


class SupportRequest(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    need = models.CharField(max_length=120)
    language = models.CharField(max_length=60, default="English")
    area = models.CharField(max_length=120, blank=True)
    availability = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=1000, blank=True)
    status = models.CharField(
        max_length=8, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.need} for {self.requester}"


class Match(models.Model):
    request = models.OneToOneField(SupportRequest, on_delete=models.PROTECT, related_name="match")
    supporter = models.ForeignKey(PeerSupporter, on_delete=models.PROTECT, related_name="matches")
    explanation = models.CharField(max_length=500, help_text=_("Why this supporter."))
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    matched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return f"{self.supporter} with {self.request.requester}"

    @property
    def initiative(self) -> Initiative:
        return self.request.initiative


class Session(models.Model):
    """A support session, logged by one side and confirmed by the other; once both agree it
    is time given, written to the record on the supporter's side."""

    match = models.ForeignKey(Match, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField()
    minutes = models.PositiveIntegerField()
    note = models.CharField(max_length=500, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contribution = models.OneToOneField(
        "record.Contribution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=12 * 60), name="ps_session_length"
            ),
            models.CheckConstraint(
                condition=~Q(confirmed_by=F("logged_by")), name="ps_confirmed_by_the_other"
            ),
        ]

    def __str__(self) -> str:
        return f"Session on {self.held_on}"


class Concern(models.Model):
    """A safeguarding concern, escalated to a named professional. Only the person who raised
    it and that professional can see it."""

    match = models.ForeignKey(Match, on_delete=models.PROTECT, related_name="concerns")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(max_length=4000)
    raised_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"Concern raised {self.raised_at:%d %b %Y}"

    @property
    def initiative(self) -> Initiative:
        return self.match.request.initiative
