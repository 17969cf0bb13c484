"""Citizen inspections and participatory appraisals: one question engine.

A ``Checklist`` holds questions in order, grouped by theme. An inspection checklist is
answered on ``Visit``s by appointed inspectors, who add findings (with evidence pictures)
and recommendations the named provider answers; an appraisal checklist is answered by many
residents, one ``AnswerSheet`` each. Both keep their answers as ``Answer`` rows of one
sheet, so one set of queries summarises them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative


class Purpose(models.TextChoices):
    INSPECTION = "inspection", _("Citizen inspection")
    APPRAISAL = "appraisal", _("Participatory appraisal")


class QuestionKind(models.TextChoices):
    RATING = "rating", _("Rating from 1 to 5")
    YES_NO = "yes_no", _("Yes or no")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Text")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class VisitStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted, waiting for the provider")
    RESPONDED = "responded", _("Responded")
    PUBLISHED = "published", _("Published")


class Checklist(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    description = models.CharField(max_length=2000, blank=True)
    involves_vulnerable_people = models.BooleanField(
        default=False,
        help_text=_("Inspectors visiting with this checklist need an enhanced background check."),
    )
    is_open = models.BooleanField(
        default=True, help_text=_("An appraisal takes answers while open.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=Purpose.values), name="insp_checklist_purpose"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveIntegerField()
    theme = models.CharField(max_length=120, help_text=_("The section the question belongs to."))
    text = models.CharField(max_length=500)
    guidance = models.CharField(max_length=1000, blank=True)
    kind = models.CharField(max_length=8, choices=QuestionKind.choices)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["checklist", "position"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "position"], name="insp_question_order"),
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values), name="insp_question_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Inspector(models.Model):
    """A member a coordinator trained and appointed to inspect for the initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    training = models.CharField(max_length=300)
    trained_on = models.DateField()
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    appointed_at = models.DateTimeField(auto_now_add=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["person__username"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="insp_inspector_once")
        ]

    def __str__(self) -> str:
        return str(self.person)


class Visit(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="visits")
    place = models.CharField(max_length=200, help_text=_("The place or service visited."))
    visit_on = models.DateField()
    provider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The named professional who answers the recommendations."),
    )
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        help_text=_("The earlier visit whose accepted actions this one checks."),
    )
    status = models.CharField(
        max_length=12, choices=VisitStatus.choices, default=VisitStatus.SCHEDULED
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-visit_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VisitStatus.values), name="insp_visit_status"
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status=VisitStatus.PUBLISHED),
                name="insp_published_has_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} on {self.visit_on:%d %b %Y}"

    @property
    def is_published(self) -> bool:
        return self.status == VisitStatus.PUBLISHED


class VisitInspector(models.Model):
    """An inspector on a visit: whether they are named in the published report (not unless
    they choose), and the time they gave, stated on submitting."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="team")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named = models.BooleanField(default=False)
    minutes = models.PositiveIntegerField(null=True, blank=True)
    contribution = models.OneToOneField(
        "record.Contribution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["person__username"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "person"], name="insp_on_visit_once")
        ]

    def __str__(self) -> str:
        return str(self.person)


class AnswerSheet(models.Model):
    """One set of answers to a checklist: a visit's (its inspectors answer together) or one
    resident's answers to an appraisal."""

    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="sheets")
    visit = models.OneToOneField(
        Visit, null=True, blank=True, on_delete=models.PROTECT, related_name="sheet"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(visit__isnull=True, respondent__isnull=False)
                | Q(visit__isnull=False, respondent__isnull=True),
                name="insp_sheet_visit_or_respondent",
            ),
            models.UniqueConstraint(
                fields=["checklist", "respondent"],
                condition=Q(respondent__isnull=False),
                name="insp_one_sheet_a_respondent",
            ),
        ]

    def __str__(self) -> str:
        return f"Answers to {self.checklist}"


class Answer(models.Model):
    """One answer: ratings, yes (1) or no (0) and numbers in ``number``, text in ``text``."""

    sheet = models.ForeignKey(AnswerSheet, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.CharField(max_length=2000, blank=True)

    class Meta:
        ordering = ["question__position"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "question"], name="insp_answer_once")
        ]

    def __str__(self) -> str:
        return self.text or str(self.number)


class Finding(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="findings")
    text = models.CharField(max_length=2000)
    severity = models.CharField(max_length=6, choices=Severity.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values), name="insp_finding_severity"
            )
        ]

    def __str__(self) -> str:
        return self.text


class Evidence(models.Model):
    """A picture for a finding, cleaned of its metadata (core.images) and served only
    through the gate."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="evidence")
    picture = models.ImageField(upload_to="inspections/evidence/")
    caption = models.CharField(max_length=200, help_text=_("What the picture shows."))

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.caption


class Recommendation(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="recommendations")
    text = models.CharField(max_length=2000)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class ProviderResponse(models.Model):
    """The provider's answer to a recommendation: accepted with an action and a due date,
    or rejected with reasons; a decision in the record."""

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.PROTECT, related_name="response"
    )
    accepted = models.BooleanField()
    action = models.CharField(max_length=2000, blank=True)
    due_on = models.DateField(null=True, blank=True)
    reasons = models.CharField(max_length=2000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(auto_now_add=True)
    decision = models.OneToOneField(
        "record.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted=True, due_on__isnull=False) & ~Q(action="")
                | Q(accepted=False) & ~Q(reasons=""),
                name="insp_response_complete",
            )
        ]

    def __str__(self) -> str:
        return "Accepted" if self.accepted else "Rejected"


class ActionCheck(models.Model):
    """A follow-up visit's finding on an action the provider accepted earlier."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="action_checks")
    response = models.ForeignKey(ProviderResponse, on_delete=models.PROTECT, related_name="checks")
    done = models.BooleanField()
    note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "response"], name="insp_action_checked_once")
        ]

    def __str__(self) -> str:
        return "Done" if self.done else "Not done"
