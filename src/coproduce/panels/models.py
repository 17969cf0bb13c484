"""Citizens' panels and juries chosen by stratified lot (ADR 0042): the panel and its remit,
its features and quotas, the recruitment pool (seen by coordinators only), each selection
run, the panel's evidence, its recommendations and the commissioning body's answers."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative, Stage
from coproduce.organisations.models import Organisation
from coproduce.record.models import Decision

MAX_PANEL_SIZE = 1000
MAX_POOL = 20_000


class Algorithm(models.TextChoices):
    MAXIMIN = "maximin", _("Maximin (raises the smallest chance of selection)")
    NASH = "nash", _("Nash (balances everyone's chances)")
    LEGACY = "legacy", _("Legacy (greedy, fast)")


class Panel(models.Model):
    """A citizens' panel or jury: its question, its size, who commissioned it and when it
    sits. ``representative`` answers its recommendations for the commissioning body."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="panels")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    remit = models.TextField(max_length=4000)
    size = models.PositiveIntegerField()
    commissioner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    commissioner_name = models.CharField(max_length=200, blank=True)
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    answers_due_on = models.DateField(null=True, blank=True)
    households = models.BooleanField(default=True)
    consent_text = models.TextField(max_length=2000)
    composition_published = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gte=1) & Q(size__lte=MAX_PANEL_SIZE), name="panel_size"
            ),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="panel_dates"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def commissioned_by(self) -> str:
        return self.commissioner.name if self.commissioner else self.commissioner_name


class Feature(models.Model):
    """Something the panel must mirror the population on (age band, area, …)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="features")
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "name"], name="panel_feature_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """One value of a feature, with its quota: how many of the panel, at least and at most,
    and where the figures come from (a census table, say)."""

    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(max_length=60)
    quota_min = models.PositiveIntegerField(default=0)
    quota_max = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["feature", "name"], name="panel_category_unique"),
            models.CheckConstraint(
                condition=Q(quota_min__lte=F("quota_max")), name="panel_quota_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.feature.name}: {self.name}"


class Source(models.TextChoices):
    FORM = "form", _("Registered on the panel page")
    IMPORT = "import", _("Imported from a mailout")


class MemberStatus(models.TextChoices):
    POOL = "pool", _("In the pool")
    SELECTED = "selected", _("Selected")
    DROPPED_OUT = "dropped_out", _("Dropped out")


class PoolMember(models.Model):
    """A person who said they would serve: personal data, seen by the initiative's
    coordinators only. ``categories`` holds one category of each of the panel's features;
    ``consent_text`` is what they agreed to, as it read then."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="pool")
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=300)
    postcode = models.CharField(max_length=12)
    reference = models.CharField(max_length=60, blank=True)  # the mailout's id, if imported
    categories = models.ManyToManyField(Category, related_name="members")
    source = models.CharField(max_length=10, choices=Source.choices)
    consented_at = models.DateTimeField()
    consent_text = models.TextField(max_length=2000)
    status = models.CharField(max_length=12, choices=MemberStatus.choices, default="pool")
    selected_in = models.ForeignKey(
        "SelectionRun", null=True, blank=True, on_delete=models.PROTECT, related_name="chosen"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MemberStatus.values), name="panel_member_status"
            ),
            models.CheckConstraint(
                condition=Q(status="pool") | Q(selected_in__isnull=False),
                name="panel_member_selected_in_a_run",
            ),
        ]

    def __str__(self) -> str:
        return f"Pool member {self.pk}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SelectionRun(models.Model):
    """One draw by lot, run in the background: the first selection, or replacements for
    those who dropped out. The seed, the algorithm and the fairness figures are kept so the
    draw can be checked; ``decision`` is its entry in the record."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="runs")
    replacing = models.PositiveIntegerField(default=0)  # 0: the first selection
    algorithm = models.CharField(max_length=10, choices=Algorithm.choices)
    seed = models.PositiveBigIntegerField()
    status = models.CharField(max_length=10, choices=RunStatus.choices, default="queued")
    message = models.TextField(blank=True)
    min_probability = models.FloatField(null=True, blank=True)
    probabilities = models.JSONField(default=dict, blank=True)
    pool_size = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="panel_run_status"
            ),
            # one draw at a time per panel: a second request waits for the first to end
            models.UniqueConstraint(
                fields=["panel"],
                condition=Q(status__in=["queued", "running"]),
                name="panel_one_run_at_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Selection {self.pk} of {self.panel}"


class Evidence(models.Model):
    """What the panel heard: a document (title, link or text) or a speaker (name, role)."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        SPEAKER = "speaker", _("Speaker")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)  # a document's title or a speaker's name
    detail = models.TextField(max_length=4000, blank=True)  # text, or a speaker's role
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    """A recommendation the panel voted, with its support as the facilitator counted it."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveIntegerField()
    text = models.TextField(max_length=4000)
    votes_for = models.PositiveIntegerField()
    votes_against = models.PositiveIntegerField()
    votes_abstaining = models.PositiveIntegerField()
    voted_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "number"], name="panel_recommendation_number")
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


class Response(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    ACCEPTED_IN_PART = "accepted_in_part", _("Accepted in part")
    REJECTED = "rejected", _("Rejected")


class Answer(models.Model):
    """The commissioning body's answer to one recommendation: once, with reasons, and its
    decision in the record."""

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, related_name="answer"
    )
    response = models.CharField(max_length=20, choices=Response.choices)
    reasons = models.TextField(max_length=4000)
    answered_on = models.DateField()
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(response__in=Response.values), name="panel_answer_response"
            )
        ]

    def __str__(self) -> str:
        return f"Answer to {self.recommendation}"


class Session(models.Model):
    """A meeting of the panel: one of the initiative's events, so registration and
    attendance are the events app's, and attendance is the members' time in the record
    through it (ADR 0044)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="sessions")
    event = models.OneToOneField(
        "events.Event", on_delete=models.PROTECT, related_name="panel_session"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event__starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.panel}: {self.event}"
