"""Workshops and events of an initiative (Planning for Real, Open Space, consultations…):
registration with a waiting list, attendance that writes each attendee's time to the
co-production record, and what the event produced (notes, dot-voting).

An event belongs to an initiative and one of its stages and knows nothing of what points
at it, so other capabilities (citizens' panels' sessions, ideas) can refer to it."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative, Stage

MAX_CAPACITY = 1000
MAX_DOTS = 20


class EventFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    PLANNING_FOR_REAL = "planning_for_real", _("Planning for Real")
    OPEN_SPACE = "open_space", _("Open Space")
    CONSULTATION = "consultation", _("Consultation meeting")
    DROP_IN = "drop_in", _("Drop-in")
    ONLINE = "online", _("Online meeting")
    PANEL_SESSION = "panel_session", _("Citizens' panel session")
    OTHER = "other", _("Other")


class Support(models.TextChoices):
    """Support an event offers so that people who are often left out can come."""

    INTERPRETER = "interpreter", _("Language interpreter")
    BSL = "bsl", _("British Sign Language interpreter")
    CHILDCARE = "childcare", _("Childcare")
    TRAVEL = "travel", _("Travel costs paid")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    STEP_FREE = "step_free", _("Step-free access")
    QUIET_ROOM = "quiet_room", _("Quiet room")
    LARGE_PRINT = "large_print", _("Large print and easy read")


class AccessNeed(models.TextChoices):
    """What a person registering says they need; seen only by the initiative's coordinators."""

    WHEELCHAIR = "wheelchair", _("Wheelchair or step-free access")
    HEARING_LOOP = "hearing_loop", _("A hearing loop")
    BSL = "bsl", _("A British Sign Language interpreter")
    INTERPRETER = "interpreter", _("A language interpreter")
    LARGE_PRINT = "large_print", _("Large print or easy read")
    CHILDCARE = "childcare", _("Childcare")
    TRAVEL = "travel", _("Help with travel costs")
    QUIET = "quiet", _("A quiet space")
    DIET = "diet", _("Food for a diet")


class Event(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="events")
    stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("The stage the attendees' time is recorded in."),
    )
    format = models.CharField(max_length=20, choices=EventFormat.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=4000)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True, help_text=_("The address, if in person."))
    online_link = models.URLField(
        max_length=500, blank=True, help_text=_("The link to join, if online (http or https).")
    )
    capacity = models.PositiveIntegerField(help_text=_("How many people can come."))
    accessibility = models.CharField(
        max_length=500, blank=True, help_text=_("Step-free entrance, seating, toilets, parking…")
    )
    support = models.JSONField(default=list, blank=True, help_text=_("Support offered."))
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="events_facilitated",
        help_text=_("Members who take attendance and enter the event's results."),
    )
    notes = models.TextField(max_length=20000, blank=True)
    dots_per_person = models.PositiveSmallIntegerField(
        default=0, help_text=_("How many dots each attendee spreads over the options.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        # the home page reads the events not yet over (ADR 0045)
        indexes = [models.Index(fields=["ends_at"], name="events_event_ends_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="events_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=MAX_CAPACITY),
                name="events_capacity_bounds",
            ),
            models.CheckConstraint(
                condition=Q(format__in=EventFormat.values), name="events_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(dots_per_person__lte=MAX_DOTS), name="events_dots_bounds"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def support_labels(self) -> list[str]:
        return [str(Support(value).label) for value in self.support if value in Support.values]


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A member's place at an event, or on its waiting list. The access needs are personal
    data for the coordinators alone."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="event_registrations"
    )
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    queued_at = models.DateTimeField(help_text=_("When they (last) registered: the waiting order."))
    access_needs = models.JSONField(default=list, blank=True)
    access_notes = models.CharField(max_length=1000, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="events_one_registration"),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="events_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.event}"

    @property
    def initiative(self) -> Initiative:
        return self.event.initiative

    def access_need_labels(self) -> list[str]:
        return [str(AccessNeed(v).label) for v in self.access_needs if v in AccessNeed.values]


class Attendance(models.Model):
    """Someone came, for so many minutes: the source of their contribution in the record.
    A correction withdraws it (its contribution is reversed) and, if they did come, a new
    attendance takes its place, so the record's history stays whole."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    minutes = models.PositiveIntegerField()
    walk_in = models.BooleanField(default=False, help_text=_("Came without registering."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    contribution = models.OneToOneField(
        "record.Contribution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(withdrawn_at__isnull=True),
                name="events_attended_once",
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=24 * 60), name="events_minutes_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.event} ({self.minutes} min)"

    @property
    def initiative(self) -> Initiative:
        return self.event.initiative


class DotOption(models.Model):
    """One of the options attendees put their dots on."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="dot_options")
    label = models.CharField(max_length=200)

    class Meta:
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "label"], name="events_option_once"),
        ]

    def __str__(self) -> str:
        return self.label


class DotVote(models.Model):
    """How many dots one attendee put on one option, as the facilitator counted them."""

    option = models.ForeignKey(DotOption, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dots = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "person"], name="events_dots_once"),
            models.CheckConstraint(
                condition=Q(dots__gte=1) & Q(dots__lte=MAX_DOTS), name="events_dots_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dots} on {self.option}"
