"""Participatory budgeting: a process inside an initiative's co-prioritisation stage.

A process has budgets (districts or themes, and an optional city-wide one), proposals that
residents submit and professionals review, ballots (one per voter per budget; the last one
cast counts) and, once counted, a tally per budget.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import PhaseLog
from coproduce.initiatives.models import Initiative, Stage


class Phase(models.TextChoices):
    """The phases in order; a coordinator moves the process from one to the next."""

    SETUP = "setup", _("Setting up")
    PROPOSALS = "proposals", _("Proposal collection")
    REVIEW = "review", _("Feasibility review")
    VOTING = "voting", _("Voting")
    COUNTING = "counting", _("Counting")
    RESULTS = "results", _("Results")
    IMPLEMENTATION = "implementation", _("Implementation")


PHASE_ORDER = list(Phase.values)


class BallotType(models.TextChoices):
    APPROVAL_BUDGET = "approval_budget", _("Approve projects within the budget")
    APPROVAL_K = "approval_k", _("Approve at most k projects")
    CHOOSE_ONE = "choose_one", _("Choose one project")
    CUMULATIVE = "cumulative", _("Share out points")
    RANKED = "ranked", _("Rank projects")


# How each ballot type is written in pabulib and which satisfaction measure counts it.
PABULIB_VOTE_TYPE = {
    BallotType.APPROVAL_BUDGET: "approval",
    BallotType.APPROVAL_K: "approval",
    BallotType.CHOOSE_ONE: "choose-1",
    BallotType.CUMULATIVE: "cumulative",
    BallotType.RANKED: "ordinal",
}


class CountingRule(models.TextChoices):
    GREEDY = "greedy", _("Greedy by votes (skip what does not fit)")
    GREEDY_NO_SKIP = "greedy-no-skip", _("Greedy by votes (stop at the first that does not fit)")
    GREEDY_THRESHOLD = "greedy-threshold", _("Greedy by votes, above a minimum vote threshold")
    MES = "mes", _("Method of Equal Shares")
    MES_ADD1 = "mes-add1", _("Method of Equal Shares, add-one completion")
    MES_ADD1_GREEDY = "mes-add1-greedy", _("Method of Equal Shares, add-one then greedy")
    PHRAGMEN = "phragmen", _("Sequential Phragmén")
    MAX_UTILITARIAN = "max-utilitarian", _("Utilitarian maximum")


class Process(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="pb")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="pb_processes")
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=4000, blank=True)
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.SETUP)
    ballot_type = models.CharField(
        max_length=16, choices=BallotType.choices, default=BallotType.APPROVAL_BUDGET
    )
    max_choices = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("For approval of at most k projects, and ranking.")
    )
    points = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Points each voter shares out (cumulative ballots).")
    )
    rule = models.CharField(
        max_length=20, choices=CountingRule.choices, default=CountingRule.MES_ADD1_GREEDY
    )
    currency = models.CharField(
        max_length=3,
        default="GBP",
        validators=[
            RegexValidator(r"^[A-Z]{3}$", "Give the currency's three-letter code, as GBP.")
        ],
        help_text=_("The ISO 4217 code of the money counted (an imported election keeps its own)."),
    )
    min_votes = models.PositiveIntegerField(
        default=0, help_text=_("Minimum votes a project needs (greedy with a threshold).")
    )
    # eligibility
    members_only = models.BooleanField(default=False)
    minimum_age = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_(
            "Voters must reach this age during the calendar year of the vote; leave "
            "empty for no minimum."
        ),
    )
    residents_of_district_only = models.BooleanField(default=False)
    codes_required = models.BooleanField(
        default=False,
        help_text=_("Voters need a one-time code (handed out on paper or at events)."),
    )
    # the published schedule; the phase field is what the platform enforces
    proposals_open = models.DateField(null=True, blank=True)
    voting_open = models.DateField(null=True, blank=True)
    voting_close = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # the counts as each phase closed (core.phases.PhaseLog), read with the process
    phase_log = GenericRelation(
        PhaseLog, content_type_field="target_type", object_id_field="target_id"
    )

    class Meta:
        ordering = ["-created_at"]
        # the home page reads the processes voting now, soonest to close first (ADR 0045)
        indexes = [models.Index(fields=["phase", "voting_close"], name="pb_process_phase")]
        constraints = [
            models.CheckConstraint(condition=Q(phase__in=Phase.values), name="pb_phase_valid"),
            models.CheckConstraint(
                condition=Q(ballot_type__in=BallotType.values), name="pb_ballot_type_valid"
            ),
            models.CheckConstraint(
                condition=~Q(ballot_type__in=["approval_k", "ranked"]) | Q(max_choices__gte=1),
                name="pb_k_for_approval_k_and_ranked",
            ),
            models.CheckConstraint(
                condition=~Q(ballot_type="cumulative") | Q(points__gte=1),
                name="pb_points_for_cumulative",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Budget(models.Model):
    """Money to share out: a district's, a theme's, or the city-wide one (no district)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="budgets")
    name = models.CharField(max_length=120)
    district = models.CharField(max_length=120, blank=True)
    amount = models.BigIntegerField(help_text=_("In pence."))

    class Meta:
        ordering = ["process", "district", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="pb_budget_positive"),
            models.UniqueConstraint(fields=["process", "name"], name="pb_budget_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def initiative(self) -> Initiative:
        return self.process.initiative

    @property
    def phase(self) -> str:
        """The process's phase, for the rules' phase predicates (``phase_in``)."""
        return self.process.phase


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    FEASIBLE = "feasible", _("Feasible")
    INFEASIBLE = "infeasible", _("Not feasible")
    MERGED = "merged", _("Merged into another")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Proposal(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pb_proposals"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=4000)
    category = models.CharField(max_length=80, blank=True)
    image = models.FileField(
        upload_to="pb/proposals/%Y/",
        blank=True,
        help_text=_("A picture, re-saved without metadata."),
    )
    image_alt = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    estimated_cost = models.BigIntegerField(help_text=_("The author's estimate, in pence."))
    cost = models.BigIntegerField(
        null=True, blank=True, help_text=_("The reviewed cost, in pence.")
    )
    status = models.CharField(
        max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    review_reason = models.TextField(max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author_reply = models.TextField(max_length=2000, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["budget", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(estimated_cost__gt=0), name="pb_estimate_positive"),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gt=0), name="pb_cost_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="pb_merged_has_target",
            ),
            models.CheckConstraint(condition=~Q(merged_into=F("pk")), name="pb_not_merged_self"),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""), name="pb_picture_has_description"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def initiative(self) -> Initiative:
        return self.budget.process.initiative

    @property
    def final_cost(self) -> int:
        return self.cost if self.cost is not None else self.estimated_cost


class Support(models.Model):
    """A member's support for a proposal while proposals are open. Withdrawing it keeps the
    row (the record entry it made points at it) and reverses that entry."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="pb_support_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} supports {self.proposal}"


class VotingCode(models.Model):
    """A one-time code for voting without an account; only its hash is stored."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    district = models.CharField(max_length=120, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"voting code {self.pk} ({'used' if self.used_at else 'unused'})"


class Ballot(models.Model):
    """One voter's current ballot for one budget. Casting again replaces its choices.

    A voter is an account or a one-time code; the database keeps one ballot per voter per
    budget. Its content is secret: pages and the API show only totals.
    """

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="ballots")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    code = models.ForeignKey(
        VotingCode, null=True, blank=True, on_delete=models.PROTECT, related_name="ballots"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Staff who typed in a paper ballot."),
    )
    casts = models.PositiveIntegerField(default=1, help_text=_("How many times it was cast."))
    cast_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "voter"],
                condition=Q(voter__isnull=False),
                name="pb_one_ballot_per_account",
            ),
            models.UniqueConstraint(
                fields=["budget", "code"],
                condition=Q(code__isnull=False),
                name="pb_one_ballot_per_code",
            ),
            models.CheckConstraint(
                condition=Q(voter__isnull=False) | Q(code__isnull=False),
                name="pb_ballot_has_a_voter",
            ),
        ]

    def __str__(self) -> str:
        # never its content, its number (the order of casting) or its budget (ADR 0021)
        return "a secret ballot"


class VoterDistrict(models.Model):
    """The one district a person votes in within a process that keeps districts' budgets to
    their residents, fixed by their first ballot in a district's budget: changing the area
    on one's profile afterwards does not open a second district's vote. The database keeps
    one per person per process, so two ballots cast at once in two districts cannot both
    fix one. No time is kept: it would date the first ballot (ADR 0021)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    district = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "voter"], name="pb_one_district_per_voter")
        ]

    def __str__(self) -> str:
        return "a voter's district"


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveIntegerField(default=1, help_text=_("Points, or 1 for approval."))
    rank = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["ballot", "rank", "proposal"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "proposal"], name="pb_choice_once"),
            models.CheckConstraint(condition=Q(points__gte=1), name="pb_choice_points"),
        ]

    def __str__(self) -> str:
        return "a choice on a secret ballot"


class Tally(models.Model):
    """The count of one budget under the process's rule: what was funded, in order."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="tallies")
    rule = models.CharField(max_length=20, choices=CountingRule.choices)
    selected = models.JSONField(help_text=_("Funded proposal ids, in the order funded."))
    spent = models.BigIntegerField()
    ballots = models.PositiveIntegerField()
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    counted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-counted_at"]

    def __str__(self) -> str:
        return f"count of {self.budget} under {self.rule}"


class ImplementationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ImplementationUpdate(models.Model):
    """Progress on a funded proposal, as Decidim's accountability shows it; each update is
    kept, and the latest is the project's current state."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="updates")
    status = models.CharField(max_length=12, choices=ImplementationStatus.choices)
    progress = models.PositiveSmallIntegerField(help_text=_("Per cent done, 0 to 100."))
    milestone = models.CharField(max_length=200, blank=True)
    note = models.TextField(max_length=2000, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "-posted_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="pb_progress_max_100"),
            models.CheckConstraint(
                condition=Q(status__in=ImplementationStatus.values),
                name="pb_implementation_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_status_display()} ({self.progress}%)"


class Comment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author} on {self.proposal}"
