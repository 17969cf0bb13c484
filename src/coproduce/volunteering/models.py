"""Volunteering: opportunities in an initiative, shifts with a capacity, sign-ups with a
waiting list, and hours that are approved into time credits and the co-production record."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative, Stage
from coproduce.organisations.models import Organisation


class Safeguarding(models.TextChoices):
    NONE = "none", _("None needed")
    BASIC = "basic", _("A basic background check")
    ENHANCED = "enhanced", _("An enhanced background check (such as DBS)")


class Opportunity(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="opportunities"
    )
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="opportunities")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The lead or partner organisation the volunteers work with, if any."),
    )
    title = models.CharField(max_length=200)
    role = models.CharField(max_length=120, help_text=_("What the volunteer does, in a few words."))
    description = models.TextField(max_length=4000)
    skills = models.CharField(max_length=300, blank=True, help_text=_("Comma-separated."))
    location = models.CharField(max_length=200, blank=True)
    accessibility = models.CharField(
        max_length=500, blank=True, help_text=_("Step-free access, seating, hearing loop, …")
    )
    safeguarding = models.CharField(
        max_length=10, choices=Safeguarding.choices, default=Safeguarding.NONE
    )
    is_open = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = _("opportunities")
        constraints = [
            models.CheckConstraint(
                condition=Q(safeguarding__in=Safeguarding.values), name="vol_safeguarding_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Shift(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="shifts")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveSmallIntegerField(help_text=_("How many volunteers it needs."))

    class Meta:
        ordering = ["starts_at", "pk"]
        # the home page reads the shifts to come (ADR 0045)
        indexes = [models.Index(fields=["starts_at"], name="vol_shift_starts_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="vol_shift_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="vol_shift_capacity"),
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} on {self.starts_at:%d %b %Y %H:%M}"

    @property
    def initiative(self) -> Initiative:
        return self.opportunity.initiative

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Did not come")


TAKING_A_PLACE = (SignUpStatus.CONFIRMED, SignUpStatus.ATTENDED)


class SignUp(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="sign_ups")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sign_ups"
    )
    status = models.CharField(max_length=10, choices=SignUpStatus.choices)
    queued_at = models.DateTimeField(help_text=_("When they (last) signed up: the waiting order."))
    reminded_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the e-mail reminder of this place was sent.")
    )

    class Meta:
        ordering = ["shift", "queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "person"], name="vol_one_sign_up_per_shift"),
            models.CheckConstraint(
                condition=Q(status__in=SignUpStatus.values), name="vol_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.shift}"

    @property
    def initiative(self) -> Initiative:
        return self.shift.opportunity.initiative


class BackgroundCheck(models.Model):
    """A check a professional saw for a person, to the level some roles need."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=10, choices=Safeguarding.choices)
    checked_on = models.DateField()
    expires_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-expires_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=F("checked_on")), name="vol_check_expires_later"
            ),
            models.CheckConstraint(
                condition=Q(level__in=["basic", "enhanced"]), name="vol_check_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} for {self.person}, until {self.expires_on}"


class HoursStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class HoursLog(models.Model):
    """Time given, waiting for someone else to approve it. Approved hours earn time credits
    and are written to the co-production record."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="hours")
    shift = models.ForeignKey(
        Shift, null=True, blank=True, on_delete=models.PROTECT, related_name="hours"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hours"
    )
    minutes = models.PositiveIntegerField()
    worked_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    served = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hours_given_to_me",
        help_text=_(
            "The person the time was given to, who may confirm it instead of a coordinator."
        ),
    )
    status = models.CharField(
        max_length=10, choices=HoursStatus.choices, default=HoursStatus.PENDING
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    logged_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    transfer = models.OneToOneField(
        "timecredits.Transfer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contribution = models.OneToOneField(
        "record.Contribution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-worked_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=24 * 60), name="vol_hours_in_a_day"
            ),
            models.CheckConstraint(
                condition=Q(status__in=HoursStatus.values), name="vol_hours_status"
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(decided_by__isnull=False),
                name="vol_approved_by_someone",
            ),
            models.CheckConstraint(condition=~Q(decided_by=F("person")), name="vol_not_own_hours"),
            models.CheckConstraint(condition=~Q(served=F("person")), name="vol_served_not_self"),
            models.UniqueConstraint(
                fields=["shift", "person"],
                condition=Q(shift__isnull=False),
                name="vol_hours_once_per_shift",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} min by {self.person} on {self.worked_on}"

    @property
    def initiative(self) -> Initiative:
        return self.opportunity.initiative


class VolunteeringPolicy(models.Model):
    """An initiative's limits and the basis for valuing its volunteers' time."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="volunteering_policy"
    )
    weekly_cap_minutes = models.PositiveIntegerField(
        default=16 * 60,
        help_text=_("Above this much time in a week, the person and coordinators are warned."),
    )
    value_low_pence = models.PositiveIntegerField(
        default=0, help_text=_("Lower hourly value of volunteered time, in pence.")
    )
    value_high_pence = models.PositiveIntegerField(
        default=0, help_text=_("Upper hourly value of volunteered time, in pence.")
    )
    value_source = models.CharField(
        max_length=300, blank=True, help_text=_("Where the hourly values come from.")
    )
    value_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(value_high_pence__gte=F("value_low_pence")),
                name="vol_value_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(weekly_cap_minutes__gte=60) & Q(weekly_cap_minutes__lte=7 * 24 * 60),
                name="vol_weekly_cap_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"Volunteering policy of {self.initiative}"
