"""Ideas for an initiative (issue 20, co-planning): members post them, comment on them and
support them; coordinators moderate them in public (a hidden item keeps its place and shows
the reason, and every hiding, unhiding and merge is kept in an append-only log) and answer
each with a status, which is a decision in the record.

An idea will point at the workshop it came from once events exist (ADR 0037)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import AppendOnlyModel
from coproduce.initiatives.models import Initiative, Stage

TITLE_MAX = 200
TEXT_MAX = 4000
COMMENT_MAX = 2000
REASON_MAX = 1000


class Category(models.TextChoices):
    """A fixed list, the same in every initiative, so ideas can be compared across them."""

    SERVICES = "services", _("How the service works")
    PLACES = "places", _("Places and buildings")
    PEOPLE = "people", _("People and community")
    INFORMATION = "information", _("Information and communication")
    ENVIRONMENT = "environment", _("Environment")
    OTHER = "other", _("Something else")


class IdeaStatus(models.TextChoices):
    NEW = "new", _("Not answered yet")
    UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
    INTO_DESIGN = "into_design", _("Taken into design")
    INTO_PB = "into_pb", _("Into a participatory budgeting process")
    NOT_TAKEN_FORWARD = "not_taken_forward", _("Not taken forward")
    MERGED = "merged", _("Merged into another idea")


# the statuses a coordinator answers with (a merge is moderation, not an answer)
ANSWERS = (
    IdeaStatus.UNDER_CONSIDERATION,
    IdeaStatus.INTO_DESIGN,
    IdeaStatus.INTO_PB,
    IdeaStatus.NOT_TAKEN_FORWARD,
)


class Idea(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="ideas")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="ideas")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ideas"
    )
    # the side the author posted on, read from their membership: the initiator of the
    # decisions answering the idea if they have left by then
    author_side = models.CharField(max_length=20)
    title = models.CharField(max_length=TITLE_MAX)
    text = models.TextField(max_length=TEXT_MAX)
    category = models.CharField(max_length=20, choices=Category.choices)
    event = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
        help_text=_("The workshop or event the idea came from."),
    )
    image = models.FileField(
        upload_to="ideas/%Y/", blank=True, help_text=_("A picture, re-saved without metadata.")
    )
    image_alt = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    status = models.CharField(max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.NEW)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    # empty while the idea is shown; the coordinators' public reason while it is hidden
    hidden_reason = models.TextField(max_length=REASON_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(category__in=Category.values), name="idea_category"),
            models.CheckConstraint(condition=Q(status__in=IdeaStatus.values), name="idea_status"),
            models.CheckConstraint(
                condition=Q(status=IdeaStatus.MERGED, merged_into__isnull=False)
                | (~Q(status=IdeaStatus.MERGED) & Q(merged_into__isnull=True)),
                name="idea_merged_has_target",
            ),
            models.CheckConstraint(condition=~Q(merged_into=F("pk")), name="idea_not_merged_self"),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""), name="idea_picture_has_description"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def hidden(self) -> bool:
        return bool(self.hidden_reason)


class Support(models.Model):
    """One member's support of an idea; withdrawing it removes the row (a support is a
    standing opinion, not an entry of the record)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="idea_support_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} supports {self.idea}"


class Comment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="idea_comments"
    )
    text = models.TextField(max_length=COMMENT_MAX)
    hidden_reason = models.TextField(max_length=REASON_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment on {self.idea}"

    @property
    def hidden(self) -> bool:
        return bool(self.hidden_reason)

    @property
    def initiative(self) -> Initiative:
        return self.idea.initiative


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("Hidden")
    UNHIDE = "unhide", _("Shown again")
    MERGE = "merge", _("Merged as a duplicate")


class ModerationEntry(AppendOnlyModel):
    """One act of moderation, public with its reason. Nothing moderated is deleted."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="idea_moderation"
    )
    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="moderation")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.PROTECT, related_name="moderation"
    )
    action = models.CharField(max_length=10, choices=ModerationAction.choices)
    merged_into = models.ForeignKey(
        Idea, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(max_length=REASON_MAX)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ModerationAction.values), name="idea_moderation_action"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="idea_moderation_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.idea}"


class Answer(AppendOnlyModel):
    """A coordinator's answer to an idea; it is the source of its decision in the record.
    The idea's ``status`` is its latest answer; the earlier ones are kept."""

    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="answers")
    status = models.CharField(max_length=20, choices=IdeaStatus.choices)
    reason = models.TextField(max_length=REASON_MAX, blank=True)
    process = models.ForeignKey(
        "budgeting.Process", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # the proposal an "into a PB process" answer made of the idea (none on older answers)
    proposal = models.ForeignKey(
        "budgeting.Proposal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="idea_answers",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ANSWERS), name="idea_answer_status"),
            models.CheckConstraint(
                condition=~Q(status=IdeaStatus.NOT_TAKEN_FORWARD) | ~Q(reason=""),
                name="idea_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=IdeaStatus.INTO_PB) | Q(process__isnull=False),
                name="idea_into_pb_names_process",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.idea}"
