"""Reads for inspections and appraisals. Summaries are counted in SQL (GROUP BY question
and answer), whatever the number of answers."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Max, Min, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from coproduce.initiatives.models import Initiative
from coproduce.inspections.models import (
    Answer,
    AnswerSheet,
    Checklist,
    ProviderResponse,
    Purpose,
    Question,
    QuestionKind,
    Recommendation,
    Visit,
    VisitInspector,
    VisitStatus,
)

# A mean of fewer answers than this would point at the few who gave them.
FEWEST_FOR_A_MEAN = 5
RATINGS = (1, 2, 3, 4, 5)


def checklists_of(initiative: Initiative, purpose: str | None = None) -> QuerySet[Checklist]:
    found = Checklist.objects.filter(initiative=initiative)
    return found.filter(purpose=purpose) if purpose else found


def questions_of(checklist: Checklist) -> list[Question]:
    return list(checklist.questions.order_by("position"))


def by_theme(questions: list[Question]) -> list[tuple[str, list[Question]]]:
    """The questions in order, grouped by their theme where it first appears."""
    grouped: dict[str, list[Question]] = {}
    for question in questions:
        grouped.setdefault(question.theme, []).append(question)
    return list(grouped.items())


def visits_seen_by(initiative: Initiative, user: Any, *, everyone: bool) -> QuerySet[Visit]:
    """The visits a person sees: all for those who run inspections; otherwise those they
    inspect on or answer as the provider."""
    visits = Visit.objects.filter(initiative=initiative).select_related("checklist", "provider")
    if everyone:
        return visits
    if not user.is_authenticated:
        return visits.none()
    return visits.filter(Q(team__person=user.pk) | Q(provider=user.pk)).distinct()


def answers_of(sheet: AnswerSheet | None) -> dict[int, Answer]:
    if sheet is None:
        return {}
    return {answer.question_id: answer for answer in sheet.answers.all()}


def shown(question: Question, answer: Answer | None) -> str:
    """An answer as a person reads it."""
    if answer is None:
        return ""
    if question.kind == QuestionKind.TEXT:
        return answer.text
    if answer.number is None:
        return ""
    if question.kind == QuestionKind.YES_NO:
        return _("Yes") if answer.number else _("No")
    if question.kind == QuestionKind.RATING:
        return _("%(rating)s of 5") % {"rating": int(answer.number)}
    return f"{answer.number.normalize():f}"


def visit_answers(visit: Visit) -> list[tuple[str, list[tuple[Question, str]]]]:
    """The visit's answers, by theme, as read."""
    sheet = AnswerSheet.objects.filter(visit=visit).first()
    answers = answers_of(sheet)
    return [
        (theme, [(q, shown(q, answers.get(q.pk))) for q in questions])
        for theme, questions in by_theme(questions_of(visit.checklist))
    ]


def team_of(visit: Visit) -> list[VisitInspector]:
    return list(visit.team.select_related("person"))


def recommendations_of(visit: Visit) -> QuerySet[Recommendation]:
    return visit.recommendations.select_related("response").order_by("pk")


def published_reports(initiative: Initiative) -> QuerySet[Visit]:
    return (
        Visit.objects.filter(initiative=initiative, status=VisitStatus.PUBLISHED)
        .select_related("checklist", "provider")
        .prefetch_related(
            Prefetch("recommendations", queryset=Recommendation.objects.select_related("response"))
        )
        .annotate(
            inspectors=Count("team", distinct=True),
            high=Count("findings", filter=Q(findings__severity="high"), distinct=True),
        )
        .order_by("-published_at", "-pk")
    )


def open_actions(visit: Visit) -> QuerySet[Any]:
    """The actions the provider accepted after the visit this one follows up."""
    if visit.follows_id is None:
        return ProviderResponse.objects.none()
    return ProviderResponse.objects.filter(
        recommendation__visit=visit.follows_id, accepted=True
    ).select_related("recommendation")


@dataclass
class QuestionSummary:
    question: Question
    answered: int = 0
    # (label, count) for ratings and yes/no
    distribution: list[tuple[str, int]] = field(default_factory=list)
    mean: Decimal | None = None
    lowest: Decimal | None = None
    highest: Decimal | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def too_few_for_a_mean(self) -> bool:
        counted = (QuestionKind.RATING, QuestionKind.NUMBER)
        return self.question.kind in counted and self.answered < FEWEST_FOR_A_MEAN


def summary(checklist: Checklist, *, with_text: bool) -> list[tuple[str, list[QuestionSummary]]]:
    """An appraisal's answers summarised by theme: counts of each answer to yes/no and
    rating questions, a number's count, a rating's or a number's mean (and a number's
    range) only from five answers, and (``with_text``, for those who run it) the text answers."""
    answers = Answer.objects.filter(sheet__checklist=checklist)
    counts: dict[int, dict[Decimal, int]] = defaultdict(dict)
    for row in (
        answers.filter(question__kind__in=[QuestionKind.RATING, QuestionKind.YES_NO])
        .exclude(number=None)
        .values("question", "number")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["question"]][row["number"]] = row["n"]
    numbers: dict[int, dict[str, Any]] = {
        row["question"]: row
        for row in answers.filter(question__kind__in=[QuestionKind.NUMBER, QuestionKind.RATING])
        .exclude(number=None)
        .values("question")
        .annotate(n=Count("id"), mean=Avg("number"), low=Min("number"), high=Max("number"))
        .order_by()
    }
    texts: dict[int, list[str]] = defaultdict(list)
    text_counts = {
        row["question"]: row["n"]
        for row in answers.filter(question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .values("question")
        .annotate(n=Count("id"))
        .order_by()
    }
    if with_text:
        for question_id, text in (
            answers.filter(question__kind=QuestionKind.TEXT)
            .exclude(text="")
            .order_by("question", "text")
            .values_list("question", "text")
        ):
            texts[question_id].append(text)
    themes = []
    for theme, questions in by_theme(questions_of(checklist)):
        summaries = []
        for question in questions:
            found = QuestionSummary(question)
            seen = counts.get(question.pk, {})
            if question.kind == QuestionKind.RATING:
                found.distribution = [(str(r), seen.get(Decimal(r), 0)) for r in RATINGS]
            elif question.kind == QuestionKind.YES_NO:
                found.distribution = [
                    (_("Yes"), seen.get(Decimal(1), 0)),
                    (_("No"), seen.get(Decimal(0), 0)),
                ]
            stats = numbers.get(question.pk)
            if question.kind == QuestionKind.TEXT:
                found.answered = text_counts.get(question.pk, 0)
                found.texts = texts.get(question.pk, [])
            elif question.kind == QuestionKind.YES_NO:
                found.answered = sum(n for _, n in found.distribution)
            elif stats is not None:
                found.answered = stats["n"]
                # a mean or a range of fewer than five answers would tell one person's
                if stats["n"] >= FEWEST_FOR_A_MEAN:
                    found.mean = Decimal(str(stats["mean"])).quantize(Decimal("0.01"))
                    if question.kind == QuestionKind.NUMBER:
                        found.lowest, found.highest = stats["low"], stats["high"]
            summaries.append(found)
        themes.append((theme, summaries))
    return themes


def respondents(checklist: Checklist) -> int:
    return AnswerSheet.objects.filter(checklist=checklist, respondent__isnull=False).count()


def appraisal_sheet_of(checklist: Checklist, user: Any) -> AnswerSheet | None:
    if checklist.purpose != Purpose.APPRAISAL or not user.is_authenticated:
        return None
    return AnswerSheet.objects.filter(checklist=checklist, respondent=user.pk).first()
