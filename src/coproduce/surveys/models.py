"""Co-planning surveys: a coordinator's questionnaire (needs, assets or an appraisal), the
responses to it (one per person, per one-time code or per browser for a link survey) and
their answers, stored one row per question, or per chosen option, so that one scan of the
answer table aggregates a whole survey (ADR 0035)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative, Stage

# a group of fewer respondents than this is never shown in a breakdown (as equality, ADR 0027)
MIN_GROUP = 5
MAX_OPTIONS = 50


class Purpose(models.TextChoices):
    NEEDS = "needs", _("Needs: what is missing or most needed")
    ASSETS = "assets", _("Assets: what people can offer")
    APPRAISAL = "appraisal", _("Appraisal: how well something works")


class Audience(models.TextChoices):
    MEMBERS = "members", _("Members of the initiative")
    LINK = "link", _("Anyone with the link")
    CODES = "codes", _("Holders of a one-time code")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (being built)")
    OPEN = "open", _("Open for responses")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    RATING = "rating", _("Rating scale")
    RANKING = "ranking", _("Ranking")
    NUMBER = "number", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    EQUALITY = "equality", _("Equality monitoring (with consent)")


class AssetKind(models.TextChoices):
    """What an assets survey's question asks people to offer (feeds the asset list)."""

    SKILLS = "skills", _("Skills")
    TIME = "time", _("Time a month (hours)")
    EQUIPMENT = "equipment", _("Equipment")
    SPACE = "space", _("Space")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)
OPTION_KINDS = (*CHOICE_KINDS, QuestionKind.EQUALITY)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
SCALE_KINDS = (QuestionKind.RATING, QuestionKind.NUMBER)


class Survey(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="surveys")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    introduction = models.TextField(max_length=4000, blank=True)
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    status = models.CharField(
        max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    illustrative = models.BooleanField(default=False, help_text=_("Demo data, labelled so."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(purpose__in=Purpose.values), name="survey_purpose"),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="survey_audience"
            ),
            models.CheckConstraint(
                condition=Q(status__in=SurveyStatus.values), name="survey_status"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """One question. ``options`` are the labels of a choice, ranking or equality question
    (an answer keeps the option's index); ``low``/``high`` bound a rating or number;
    ``most`` caps a multiple choice, or makes a ranking "pick and order your top N". A
    question with ``shown_if`` is asked only when that earlier question's answer includes
    ``shown_if_option``."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=12, choices=QuestionKind.choices)
    text = models.CharField(max_length=500)
    help_text = models.CharField(max_length=500, blank=True)
    required = models.BooleanField(default=False)
    options = models.JSONField(default=list, blank=True)
    most = models.PositiveSmallIntegerField(null=True, blank=True)
    low = models.IntegerField(null=True, blank=True)
    high = models.IntegerField(null=True, blank=True)
    characteristic = models.CharField(max_length=20, blank=True)
    asset_kind = models.CharField(max_length=10, choices=AssetKind.choices, blank=True)
    shown_if = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    shown_if_option = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["survey", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="question_position"),
            models.CheckConstraint(condition=Q(kind__in=QuestionKind.values), name="question_kind"),
            models.CheckConstraint(
                condition=Q(shown_if__isnull=True, shown_if_option__isnull=True)
                | Q(shown_if__isnull=False, shown_if_option__isnull=False),
                name="question_condition_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SurveyCode(models.Model):
    """A one-time code to answer a codes survey without an account; only its hash is kept
    (made and checked by ``core.codes``, as PB's voting codes are)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"survey code {self.pk} ({'used' if self.used_at else 'unused'})"


class Response(models.Model):
    """One respondent's answers to one survey. ``respondent`` names who it belongs to
    (``person:<id>``, ``code:<id>``, ``browser:<hash>``, ``paper:<n>``) and is unique per
    survey, so two submissions at once keep one response. ``person`` is kept only for a
    signed-in respondent (to edit it, to list what they offer); no page shows it."""

    # Found through survey_one_response_each, which begins with the survey.
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", db_index=False
    )
    respondent = models.CharField(max_length=80)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    code = models.OneToOneField(
        SurveyCode, null=True, blank=True, on_delete=models.PROTECT, related_name="response"
    )
    paper = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    illustrative = models.BooleanField(default=False)
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"], name="survey_one_response_each"
            ),
            models.CheckConstraint(
                condition=Q(paper=False) | Q(entered_by__isnull=False),
                name="survey_paper_has_enterer",
            ),
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey_id}"


class Answer(models.Model):
    """One answer: a choice (``option``, one row per chosen option; a multiple choice's
    rows numbered 1, 2, … in ``number`` in the order given, so that one row a respondent
    holds 1), a ranked option (``option`` with its ``number`` place, 1 best), a rating or
    number (``number``), or a text. ``survey`` is repeated from the response so that
    results read one table."""

    # Found through the index answer_by_question, which begins with the survey.
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+", db_index=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.BigIntegerField(null=True, blank=True)
    text = models.TextField(max_length=4000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "option"],
                condition=Q(option__isnull=False),
                name="answer_option_once",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(option__isnull=True),
                name="answer_once",
            ),
        ]
        # a question's rows response by response, with what a ballot needs, so a ranking's
        # ballots are read from the index alone (selectors.ranking_positions)
        indexes = [
            models.Index(
                fields=["survey", "question", "response"],
                include=["option", "number"],
                name="answer_by_question",
            )
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"
