"""Co-production initiatives, their goals, their stages on the value chain and their members."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import AppendOnlyModel
from coproduce.core.vocabulary import (
    STAGE_GROUPS,
    LeadershipType,
    Role,
    ServiceArea,
    Side,
    StageKind,
    StageStatus,
    WhoDoesIt,
)
from coproduce.organisations.models import Organisation


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can read it")
    MEMBERS = "members", _("Members only")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Anyone signed in can join at once")
    APPROVAL = "approval", _("A coordinator approves each request")
    INVITATION = "invitation", _("By invitation only")


class Initiative(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=4000)
    service_area = models.CharField(max_length=30, choices=ServiceArea.choices)
    locality = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=60, default="United Kingdom")
    lead_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="leads"
    )
    partner_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="partners_in"
    )
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    join_policy = models.CharField(
        max_length=12, choices=JoinPolicy.choices, default=JoinPolicy.APPROVAL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="initiative_visibility_valid"
            ),
            models.CheckConstraint(
                condition=Q(join_policy__in=JoinPolicy.values), name="initiative_join_policy_valid"
            ),
            models.CheckConstraint(
                condition=Q(service_area__in=ServiceArea.values),
                name="initiative_service_area_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"slug": self.slug})


class Goal(models.Model):
    """What the initiative sets out to achieve; shared understanding needs both sides' assent."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(max_length=500)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by_side = models.CharField(max_length=20, choices=Side.choices)
    agreed_by_citizens = models.BooleanField(default=False)
    agreed_by_professionals = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # A coordinator rules a goal out (``services.goal_reject``, an exclusion in the record);
    # the goal stays on the list, shown as rejected, with the reason.
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rejected_at__isnull=True, rejection_reason="")
                | (Q(rejected_at__isnull=False) & ~Q(rejection_reason="")),
                name="goal_rejected_with_reason",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_rejected(self) -> bool:
        return self.rejected_at is not None

    @property
    def agreed_by_both_sides(self) -> bool:
        return self.agreed_by_citizens and self.agreed_by_professionals


class Stage(models.Model):
    """One stage of the value chain in this initiative, with its dates and status."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(max_length=20, choices=StageKind.choices)
    status = models.CharField(
        max_length=10, choices=StageStatus.choices, default=StageStatus.PLANNED
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    notes = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["initiative", "starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "kind"], name="stage_once_per_initiative"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="stage_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(kind__in=StageKind.values), name="stage_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=StageStatus.values), name="stage_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def group(self) -> str:
        return STAGE_GROUPS[self.kind]


class MembershipStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REQUESTED = "requested", _("Asked to join")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")
    # a coordinator took the person out: asking to join again waits for a coordinator, even
    # where anyone may join at once
    REMOVED = "removed", _("Removed by a coordinator")


# A membership that no longer holds: the person is not in the initiative, nor asking or
# invited to be.
ENDED_STATUSES = (MembershipStatus.LEFT, MembershipStatus.REMOVED, MembershipStatus.DECLINED)


class Membership(models.Model):
    """A person in an initiative, on one side, in one role."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    side = models.CharField(max_length=20, choices=Side.choices)
    role = models.CharField(max_length=30, choices=Role.choices)
    leadership_type = models.CharField(max_length=12, choices=LeadershipType.choices, blank=True)
    is_coordinator = models.BooleanField(default=False)
    is_reviewer = models.BooleanField(
        default=False,
        help_text=_(
            "A coordinator named this person to review proposals' feasibility, report "
            "on funded projects and enter paper ballots (a power given to a person, not a side)."
        ),
    )
    status = models.CharField(max_length=10, choices=MembershipStatus.choices)
    was_removed = models.BooleanField(
        default=False,
        help_text=_(
            "A coordinator once removed this person: asking to join again waits for a "
            "coordinator, whatever happened since."
        ),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["initiative_id", "side", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"], name="one_membership_per_person"
            ),
            models.CheckConstraint(condition=Q(side__in=Side.values), name="membership_side_valid"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
            models.CheckConstraint(
                condition=Q(status__in=MembershipStatus.values), name="membership_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(is_coordinator=False) | Q(status=MembershipStatus.ACTIVE),
                name="coordinator_is_active_member",
            ),
            models.CheckConstraint(
                condition=Q(is_reviewer=False) | Q(status=MembershipStatus.ACTIVE),
                name="reviewer_is_active_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.initiative} ({self.get_side_display()})"


class SideChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a coordinator")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class SideChange(models.Model):
    """A member's request to act on another side or in another role. A side is a claim about
    a person's position that others rely on and analytics count, so another person, a
    coordinator, approves or refuses it; an approval is also a decision in the record."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="side_changes"
    )
    from_side = models.CharField(max_length=20, choices=Side.choices)
    from_role = models.CharField(max_length=30, choices=Role.choices)
    side = models.CharField(max_length=20, choices=Side.choices)
    role = models.CharField(max_length=30, choices=Role.choices)
    status = models.CharField(
        max_length=10, choices=SideChangeStatus.choices, default=SideChangeStatus.PENDING
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"],
                condition=Q(status=SideChangeStatus.PENDING),
                name="one_pending_side_change_per_member",
            ),
            models.CheckConstraint(
                condition=Q(side__in=Side.values) & Q(from_side__in=Side.values),
                name="side_change_sides_valid",
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values) & Q(from_role__in=Role.values),
                name="side_change_roles_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SideChangeStatus.values), name="side_change_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=SideChangeStatus.PENDING, decided_at__isnull=True)
                | (~Q(status=SideChangeStatus.PENDING) & Q(decided_at__isnull=False)),
                name="side_change_decided_once_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user}: {self.get_side_display()} ({self.get_status_display()})"

    @property
    def initiative(self) -> Initiative:
        """The initiative the change is asked in (the target the permission rules read)."""
        return self.membership.initiative


# The reading an initiative gets until a coordinator sets its own: t = 0.10 (seed-free
# convention, docs/diagnostics.md); time valued between the UK National Living Wage and the
# Living Wage Foundation's Real Living Wage; 16 hours a week.
DIAGNOSTIC_DEFAULTS: dict[str, object] = {
    "threshold": Decimal("0.10"),
    "low_rate_pence": 1221,
    "low_rate_source": "UK National Living Wage (age 21 and over), from April 2025",
    "low_rate_year": 2025,
    "high_rate_pence": 1345,
    "high_rate_source": "Real Living Wage outside London, Living Wage Foundation",
    "high_rate_year": 2025,
    "weekly_cap_minutes": 16 * 60,
}


class DiagnosticSettings(models.Model):
    """How the diagnostics read this initiative's record (docs/diagnostics.md): the share
    of minutes below which a side counts as absent, the hourly rates that value time (each
    with its source and year), and the weekly hours above which a person is over-burdened.
    An initiative without a row reads with the defaults (``initiatives.selectors``)."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="diagnostic_settings"
    )
    threshold = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        help_text=_("t: a side with a share of minutes below t counts as absent (0 to 0.49)."),
    )
    low_rate_pence = models.PositiveIntegerField(help_text=_("The low hourly rate, in pence."))
    low_rate_source = models.CharField(max_length=200)
    low_rate_year = models.PositiveSmallIntegerField()
    high_rate_pence = models.PositiveIntegerField(help_text=_("The high hourly rate, in pence."))
    high_rate_source = models.CharField(max_length=200)
    high_rate_year = models.PositiveSmallIntegerField()
    weekly_cap_minutes = models.PositiveIntegerField(
        help_text=_("A person giving more than this in one ISO week is counted as over the cap.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = _("diagnostic settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=0) & Q(threshold__lt=0.5),
                name="diagnostic_threshold_below_half",
            ),
            models.CheckConstraint(
                condition=Q(high_rate_pence__gte=F("low_rate_pence")),
                name="diagnostic_high_rate_not_below_low",
            ),
            models.CheckConstraint(
                condition=Q(weekly_cap_minutes__gt=0), name="diagnostic_weekly_cap_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Diagnostic settings of {self.initiative}"


class StageDeclaration(AppendOnlyModel):
    """A coordinator's statement of who plans (or designs) and who delivers the service in
    a stage, with its evidence, because much professional work happens off the platform.
    Each is the source of a ``DecisionKind.DECLARATION`` decision in the record, so its
    history is kept and a reversal of that decision withdraws it; the newest one standing
    wins over what the record's minutes show."""

    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="declarations")
    planning = models.CharField(
        max_length=20,
        choices=WhoDoesIt.choices,
        blank=True,
        help_text=_("Who plans and designs the service (blank: not declared)."),
    )
    delivery = models.CharField(
        max_length=20,
        choices=WhoDoesIt.choices,
        blank=True,
        help_text=_("Who delivers the core service (blank: not declared)."),
    )
    assessment = models.CharField(
        max_length=20,
        choices=WhoDoesIt.choices,
        blank=True,
        help_text=_("Who assesses the service (blank: not declared)."),
    )
    evidence = models.CharField(
        max_length=1000, help_text=_("What shows it, in a sentence or two.")
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    declared_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-declared_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(planning="", delivery="", assessment=""),
                name="declaration_declares_something",
            ),
            models.CheckConstraint(
                condition=Q(planning__in=["", *WhoDoesIt.values])
                & Q(delivery__in=["", *WhoDoesIt.values])
                & Q(assessment__in=["", *WhoDoesIt.values]),
                name="declaration_values_valid",
            ),
            models.CheckConstraint(condition=~Q(evidence=""), name="declaration_has_evidence"),
        ]

    def __str__(self) -> str:
        return f"Declaration for {self.stage} of {self.stage.initiative}"
