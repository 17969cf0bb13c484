"""Collaborative drafts (a service design, a policy, a charter) written in sections by a
drafting group of both sides; every saved change is a numbered, append-only version, and
members shape the text through comments and amendments the group accepts or rejects."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import AppendOnlyModel
from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import Initiative, Stage

TITLE_MAX = 200
BODY_MAX = 20_000
REASON_MAX = 300
COMMENT_MAX = 4000
SECTIONS_MAX = 50


class Draft(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="drafts")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="drafts")
    title = models.CharField(max_length=TITLE_MAX)
    purpose = models.TextField(max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once, when the group adopts a version; the draft is read-only from then on.
    adopted_version = models.OneToOneField(
        "DraftVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adoption = models.OneToOneField(
        "record.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("drafts:detail", kwargs={"slug": self.initiative.slug, "pk": self.pk})

    @property
    def adopted(self) -> bool:
        return self.adopted_version_id is not None


class GroupMember(models.Model):
    """A member of the initiative in the draft's drafting group, on their side there."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="group")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=20, choices=Side.choices)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["draft", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "person"], name="drafts_one_seat_each"),
            models.CheckConstraint(condition=Q(side__in=Side.values), name="drafts_group_side"),
        ]

    def __str__(self) -> str:
        return f"{self.person} drafting {self.draft}"


class DraftVersion(AppendOnlyModel):
    """The whole text as saved once: who saved it, when and why."""

    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=REASON_MAX)
    created_at = models.DateTimeField(auto_now_add=True)
    amendment = models.OneToOneField(
        "Amendment", null=True, blank=True, on_delete=models.PROTECT, related_name="result"
    )

    class Meta:
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        ordering = ["draft", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="drafts_version_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="drafts_version_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.draft}, version {self.number}"

    @property
    def initiative(self) -> Initiative:
        return self.draft.initiative

    def get_absolute_url(self) -> str:
        return reverse(
            "drafts:version",
            kwargs={"slug": self.draft.initiative.slug, "pk": self.draft_id, "number": self.number},
        )


class Section(AppendOnlyModel):
    """One section of one version. ``key`` names the section across versions (given when it
    is first written, never reused in the draft), so versions compare section by section."""

    version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="sections")
    key = models.PositiveIntegerField()
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(max_length=BODY_MAX, blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="drafts_section_key"),
            models.UniqueConstraint(fields=["version", "position"], name="drafts_section_place"),
        ]

    def __str__(self) -> str:
        return self.title


class AdoptionRule(models.TextChoices):
    """How a drafting group adopts a version: the record's rules of the same names."""

    CONSENSUS = "consensus", _("By consensus")
    VOTE = "vote", _("By open vote")


class AmendmentKind(models.TextChoices):
    REPLACE = "replace", _("Replace a section's text")
    ADD = "add", _("Add a section")
    DELETE = "delete", _("Delete a section")


class AmendmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Amendment(models.Model):
    """A member's proposed change to one section, against the version they read."""

    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="amendments")
    base_version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=AmendmentKind.choices)
    # the section replaced or deleted (none for an added one)
    section_key = models.PositiveIntegerField(null=True, blank=True)
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    body = models.TextField(max_length=BODY_MAX, blank=True)
    reason = models.CharField(max_length=REASON_MAX)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=AmendmentStatus.choices, default=AmendmentStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_reason = models.CharField(max_length=REASON_MAX, blank=True)
    record = models.OneToOneField(
        "record.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["draft", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AmendmentKind.values), name="drafts_amendment_kind"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AmendmentStatus.values), name="drafts_amendment_status"
            ),
            models.CheckConstraint(
                condition=Q(kind="add", section_key__isnull=True)
                | (~Q(kind="add") & Q(section_key__isnull=False)),
                name="drafts_amendment_names_its_section",
            ),
        ]

    def __str__(self) -> str:
        return f"Amendment {self.pk} to {self.draft}"

    def get_absolute_url(self) -> str:
        return reverse(
            "drafts:amendment",
            kwargs={"slug": self.draft.initiative.slug, "pk": self.draft_id, "amendment": self.pk},
        )

    @property
    def initiative(self) -> Initiative:
        return self.draft.initiative


class Support(models.Model):
    """A member backs an amendment; one each, withdrawn by removing it."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["amendment", "person"], name="drafts_support_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} supports {self.amendment}"


class Comment(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="comments")
    section_key = models.PositiveIntegerField()
    version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=COMMENT_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author} on {self.draft}"
