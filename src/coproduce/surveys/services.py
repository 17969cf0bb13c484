"""Writes for surveys: build and open a questionnaire, issue one-time codes, take a
response (online, by code or on paper; one per respondent, editable while the survey is
open) and adopt the top answers as the initiative's goals. A member's first response is an
idea contributed to the record; a response by link or code writes nothing that names
anyone."""

import hashlib
import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from coproduce.budgeting import services as budgeting
from coproduce.budgeting.models import Budget, Proposal
from coproduce.core import gate
from coproduce.core.codes import code_hash, new_codes, unused
from coproduce.core.queries import checked_text
from coproduce.core.templatetags.coproduce import money
from coproduce.core.vocabulary import (
    DECIDING_BODY_OF_SIDE,
    ContributionKind,
    DecidingBody,
    DecisionRule,
    Position,
    StageKind,
    Unit,
)
from coproduce.equality.vocabulary import CHARACTERISTICS
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Goal, Initiative, Stage
from coproduce.initiatives.selectors import check_stage
from coproduce.initiatives.selectors import standing as standing_of
from coproduce.record.services import Participant, do_record_contribution, do_record_decision
from coproduce.surveys import selectors
from coproduce.surveys.apps import SURVEY_STAGES
from coproduce.surveys.models import (
    CHOICE_KINDS,
    MAX_OPTIONS,
    OPTION_KINDS,
    SCALE_KINDS,
    AssetKind,
    Audience,
    Purpose,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyCode,
    SurveyStatus,
)
from coproduce.surveys.selectors import AskedQuestion

# the largest number a number question takes: past it a figure is a typing slip
NUMBER_LIMIT = 10**12
TEXT_LIMITS: dict[str, int] = {QuestionKind.SHORT_TEXT: 200, QuestionKind.LONG_TEXT: 4000}
NOT_OPEN = _lazy("This survey is not open for responses.")
NOT_DRAFT = _lazy("Questions can be changed only while the survey is a draft.")
NEED_CODE = _lazy("This survey is answered with a one-time code.")
ONLY_DRAFTS_OPEN = _lazy("Only a draft survey can be opened.")
ONLY_OPEN_CLOSE = _lazy("Only an open survey can be closed.")
NO_ANSWERS = _lazy("Answer at least one question.")
NEED_CONSENT = _lazy("Tick the consent box to give equality answers, or leave them blank.")


# a whole number as typed: ASCII digits only (``int`` takes "²" or "٣" too, or fails)
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,19}")


def _whole(field: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, str) and WHOLE_NUMBER.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            {
                field: _("Give a whole number from %(low)s to %(high)s.")
                % {"low": f"{low:,}", "high": f"{high:,}"}
            }
        )
    return value


def _choice(field: str, value: Any, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise ValidationError(
            {field: _("Choose one of: %(allowed)s.") % {"allowed": ", ".join(allowed)}}
        )
    return str(value)


# ---- building ---------------------------------------------------------------------------


@transaction.atomic
def survey_create(
    *,
    actor: Any,
    initiative: Initiative,
    title: Any,
    purpose: Any,
    audience: Any = Audience.MEMBERS,
    introduction: Any = "",
    stage: Stage | None = None,
) -> Survey:
    """A coordinator starts a survey (a draft) in a stage of the initiative: its
    co-planning stage unless another is named (added if the initiative has none)."""
    gate.require(actor, "surveys.create_survey", initiative)
    survey = Survey(
        initiative=initiative,
        title=checked_text("title", title, 200, required=_("Give the survey a title.")),
        introduction=checked_text("introduction", introduction, 4000),
        purpose=_choice("purpose", purpose, Purpose.values),
        audience=_choice("audience", audience, Audience.values),
        created_by=actor,
    )
    if stage is None:
        stage = initiatives.do_stage_for_record(initiative, StageKind.CO_PLANNING)
    check_stage(initiative, stage, SURVEY_STAGES)
    survey.stage = stage
    survey.save()
    return survey


def _options(kind: str, options: Any, characteristic: str) -> list[str]:
    if kind == QuestionKind.EQUALITY:
        found = CHARACTERISTICS.get(characteristic)
        if found is None:
            raise ValidationError(
                {
                    "characteristic": _("Choose one of: %(allowed)s.")
                    % {"allowed": ", ".join(CHARACTERISTICS)}
                }
            )
        return [found.category_label(c) for c in found.categories]
    if kind not in CHOICE_KINDS:
        return []
    if isinstance(options, str):
        options = options.splitlines()
    if not isinstance(options, list | tuple):
        raise ValidationError({"options": _("Give the options, one a line.")})
    labels = [checked_text("options", o, 200) for o in options]
    labels = [label for label in labels if label]
    if not 2 <= len(labels) <= MAX_OPTIONS:
        raise ValidationError(
            {"options": _("Give from 2 to %(most)s options.") % {"most": MAX_OPTIONS}}
        )
    if len(set(labels)) != len(labels):
        raise ValidationError({"options": _("Give each option once.")})
    return labels


def _range(kind: str, low: Any, high: Any) -> tuple[int | None, int | None]:
    if kind == QuestionKind.RATING:
        low = 1 if low in (None, "") else _whole("low", low, 0, 1)
        high = 5 if high in (None, "") else _whole("high", high, 2, 10)
        return low, high
    if kind == QuestionKind.NUMBER:
        low = 0 if low in (None, "") else _whole("low", low, -NUMBER_LIMIT, NUMBER_LIMIT)
        high = NUMBER_LIMIT if high in (None, "") else _whole("high", high, low, NUMBER_LIMIT)
        return low, high
    return None, None


def _condition(survey: Survey, shown_if: Any, shown_if_option: Any) -> tuple[Any, Any]:
    if shown_if in (None, ""):
        return None, None
    earlier = survey.questions.filter(pk=getattr(shown_if, "pk", shown_if)).first()
    if earlier is None or earlier.kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        raise ValidationError(
            {"shown_if": _("Choose an earlier single or multiple choice question.")}
        )
    option = _whole("shown_if_option", shown_if_option, 0, len(earlier.options) - 1)
    return earlier, option


@transaction.atomic
def question_add(
    *,
    actor: Any,
    survey: Survey,
    kind: Any,
    text: Any,
    options: Any = (),
    required: bool = False,
    section: Any = "",
    help_text: Any = "",
    most: Any = None,
    low: Any = None,
    high: Any = None,
    characteristic: Any = "",
    asset_kind: Any = "",
    shown_if: Any = None,
    shown_if_option: Any = None,
) -> Question:
    """Add a question at the end of a draft survey. A conditional question follows the
    choice question it depends on; an equality question is never required."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    gate.require(actor, "surveys.manage_survey", survey)
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(NOT_DRAFT)
    kind = _choice("kind", kind, QuestionKind.values)
    labels = _options(kind, options, characteristic)
    if most in (None, ""):
        most = None
    elif kind in (QuestionKind.MULTIPLE, QuestionKind.RANKING):
        most = _whole("most", most, 1, len(labels))
    else:
        raise ValidationError(
            {"most": _("Only multiple choice and ranking questions take a most.")}
        )
    low, high = _range(kind, low, high)
    if asset_kind and survey.purpose != Purpose.ASSETS:
        raise ValidationError({"asset_kind": _("Only an assets survey asks what people offer.")})
    earlier, option = _condition(survey, shown_if, shown_if_option)
    last = survey.questions.aggregate(last=Max("position"))["last"]
    return Question.objects.create(
        survey=survey,
        position=(last or 0) + 1,
        section=checked_text("section", section, 200),
        kind=kind,
        text=checked_text("text", text, 500, required=_("Write the question.")),
        help_text=checked_text("help_text", help_text, 500),
        required=bool(required) and kind != QuestionKind.EQUALITY,
        options=labels,
        most=most,
        low=low,
        high=high,
        characteristic=characteristic if kind == QuestionKind.EQUALITY else "",
        asset_kind=_choice("asset_kind", asset_kind, ["", *AssetKind.values]),
        shown_if=earlier,
        shown_if_option=option,
    )


@transaction.atomic
def survey_set_status(*, actor: Any, survey: Survey, status: Any) -> Survey:
    """Open a draft with at least one question, or close an open survey (for good)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    gate.require(actor, "surveys.manage_survey", survey)
    status = _choice("status", status, [SurveyStatus.OPEN, SurveyStatus.CLOSED])
    comes_from = {SurveyStatus.OPEN: SurveyStatus.DRAFT, SurveyStatus.CLOSED: SurveyStatus.OPEN}
    if survey.status != comes_from[status]:
        refused = {SurveyStatus.OPEN: ONLY_DRAFTS_OPEN, SurveyStatus.CLOSED: ONLY_OPEN_CLOSE}
        raise ValidationError({"status": refused[status]})
    if status == SurveyStatus.OPEN and not survey.questions.exists():
        raise ValidationError({"status": _("Add a question before opening the survey.")})
    survey.status = status
    survey.save(update_fields=["status"])
    return survey


@transaction.atomic
def survey_codes_issue(*, actor: Any, survey: Survey, count: Any) -> list[str]:
    """One-time codes for a codes survey; only their hashes are kept, so show them now."""
    gate.require(actor, "surveys.manage_survey", survey)
    if survey.audience != Audience.CODES:
        raise ValidationError({"count": _("Only a survey answered with codes takes codes.")})
    codes = new_codes(count)
    SurveyCode.objects.bulk_create(SurveyCode(survey=survey, code_hash=code_hash(c)) for c in codes)
    return codes


# ---- answering --------------------------------------------------------------------------


def _field(question: AskedQuestion) -> str:
    return f"q{question.pk}"


def _labels(question: AskedQuestion, value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return [v for v in value if v != ""]
    raise ValidationError({_field(question): _("Choose from the options given.")})


class Given(NamedTuple):
    """One answer row to store (``surveys_answer``'s columns less the survey and response):
    a plain tuple, since every response makes tens of them."""

    question_id: int
    option: int | None
    number: int | None
    text: str


def _option_rows(question: AskedQuestion, value: Any) -> list[Given]:
    """The rows of a choice, ranking or equality answer: one per option (with its place in
    a ranking), refused if an option is unknown, repeated or more than allowed."""
    field = _field(question)
    labels = _labels(question, value)
    unknown = [label for label in labels if label not in question.options]
    if unknown:
        raise ValidationError(
            {field: _("Not an option of this question: %(option)s.") % {"option": unknown[0][:200]}}
        )
    if len(set(labels)) != len(labels):
        raise ValidationError({field: _("Choose each option once.")})
    if question.kind in (QuestionKind.SINGLE, QuestionKind.EQUALITY) and len(labels) > 1:
        raise ValidationError({field: _("Choose one option.")})
    if question.kind == QuestionKind.MULTIPLE and question.most and len(labels) > question.most:
        raise ValidationError(
            {field: _("Choose at most %(most)s options.") % {"most": question.most}}
        )
    if question.kind == QuestionKind.RANKING and labels:
        wanted = question.most or len(question.options)
        if len(labels) != wanted:
            message = (
                _("Put your top %(wanted)s in order, each once.")
                if question.most
                else _("Put all %(wanted)s options in order, each once.")
            )
            raise ValidationError({field: message % {"wanted": wanted}})
    numbered = question.kind in (QuestionKind.RANKING, QuestionKind.MULTIPLE)
    return [
        Given(question.pk, question.options.index(label), place if numbered else None, "")
        for place, label in enumerate(labels, start=1)
    ]


def _rows(question: AskedQuestion, value: Any) -> list[Given]:
    field = _field(question)
    if question.kind in OPTION_KINDS:
        return _option_rows(question, value)
    if question.kind in SCALE_KINDS:
        if value in (None, ""):
            return []
        low, high = question.low or 0, question.high if question.high is not None else NUMBER_LIMIT
        return [Given(question.pk, None, _whole(field, value, low, high), "")]
    text = checked_text(field, value, TEXT_LIMITS[question.kind])
    return [Given(question.pk, None, None, text)] if text else []


def _asked(question: AskedQuestion, chosen: dict[int, set[int]]) -> bool:
    """Whether the question is asked, given the options chosen in earlier answers."""
    if question.shown_if_id is None:
        return True
    return question.shown_if_option in chosen.get(question.shown_if_id, set())


def checked_answers(
    questions: Sequence[AskedQuestion], answers: Mapping[Any, Any], *, consent: bool = False
) -> list[Given]:
    """The answer rows a submission makes, every answer checked against the survey's
    ``questions`` (in order): questions not asked (their condition unmet) are ignored and
    not required; a question of another survey, a missing required answer or a bad value is
    refused, naming the question's field."""
    by_id = {q.pk: q for q in questions}
    given: dict[int, Any] = {}
    for key, value in answers.items():
        text = str(key).removeprefix("q")
        pk = int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None
        if pk not in by_id:
            raise ValidationError(
                {"answers": _("Not a question of this survey: %(key)s.") % {"key": str(key)[:40]}}
            )
        given[pk] = value
    rows: list[Given] = []
    chosen: dict[int, set[int]] = {}
    errors: dict[str, list[str]] = {}
    for question in questions:
        if not _asked(question, chosen):
            continue
        try:
            found = _rows(question, given.get(question.pk))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
            continue
        if question.required and not found:
            errors.setdefault(_field(question), []).append(_("Answer this question."))
        if question.kind == QuestionKind.EQUALITY and found and not consent:
            errors.setdefault("consent", [str(NEED_CONSENT)])
        chosen[question.pk] = {row.option for row in found if row.option is not None}
        rows.extend(found)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError({"answers": NO_ANSWERS})
    return rows


@dataclass(frozen=True)
class Respondent:
    key: str
    person: Any = None
    code: SurveyCode | None = None


def _respondent(actor: Any, survey: Survey, code: Any, browser: Any) -> Respondent:
    if survey.audience == Audience.CODES:
        if not isinstance(code, str) or not code.strip():
            raise ValidationError({"code": NEED_CODE})
        held = unused_or_own_code(survey, code)
        return Respondent(key=f"code:{held.pk}", code=held)
    if actor.is_authenticated:
        return Respondent(key=f"person:{actor.pk}", person=actor)
    if not isinstance(browser, str) or not browser:
        raise ValidationError(
            _("Allow cookies to answer this survey, so it keeps one answer each.")
        )
    return Respondent(key="browser:" + hashlib.sha256(browser.encode()).hexdigest()[:40])


def unused_or_own_code(survey: Survey, code: str) -> SurveyCode:
    """The code, locked: unused, or already used for the response it may now change."""
    found = (
        SurveyCode.objects.select_for_update()
        .filter(survey=survey, code_hash=code_hash(code))
        .first()
    )
    if found is not None and found.used_at is not None and Response.objects.filter(code=found):
        return found
    return unused(found)


# A respondent's response, made unless they have one (ADR 0017): the unique key keeps one
# per respondent even when two arrive at once, the second waiting for the first. Submitted
# again, the one they have is marked as changed.
RESPONSE_INSERT = (
    "INSERT INTO surveys_response (survey_id, respondent, person_id, code_id, paper, "
    "entered_by_id, illustrative, submitted_at, updated_at) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (survey_id, respondent) DO NOTHING RETURNING id"
)
RESPONSE_CHANGED = (
    "UPDATE surveys_response SET updated_at = %s WHERE survey_id = %s AND respondent = %s "
    "RETURNING id"
)
# Its answer rows in one statement with three parameters, the rows as one JSON array (so
# the statement is the same whatever their number, and is prepared once a connection).
ANSWERS_INSERT = (
    'INSERT INTO surveys_answer (survey_id, response_id, question_id, "option", "number", '
    '"text") SELECT %s, %s, '
)
ANSWERS_FROM_JSON = {
    "postgresql": "(e->>0)::bigint, (e->>1)::integer, (e->>2)::bigint, e->>3"
    " FROM json_array_elements(%s::json) AS e",
    "sqlite": "json_extract(e.value, '$[0]'), json_extract(e.value, '$[1]'),"
    " json_extract(e.value, '$[2]'), json_extract(e.value, '$[3]') FROM json_each(%s) AS e",
}


def _store(
    survey: Survey,
    respondent: Respondent,
    rows: Sequence[Given],
    *,
    paper: bool = False,
    entered_by: Any = None,
) -> tuple[Response, bool]:
    """Keep the response (one per respondent: a second submission, even at the same moment,
    changes the first) with these answers. True with it when it is new. SQL: this runs on
    every response (ADR 0017)."""
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    person, code = respondent.person, respondent.code
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            RESPONSE_INSERT,
            [
                survey.pk,
                respondent.key,
                person.pk if person is not None else None,
                code.pk if code is not None else None,
                paper,
                entered_by.pk if entered_by is not None else None,
                False,
                adapt(now),
                adapt(now),
            ],
        )
        inserted = cursor.fetchone()
        created = inserted is not None
        if created:
            pk = inserted[0]
            response = Response(
                pk=pk,
                survey=survey,
                respondent=respondent.key,
                person=person,
                code=code,
                paper=paper,
                entered_by=entered_by,
                submitted_at=now,
                updated_at=now,
            )
            response._state.adding = False  # it is in the database, as if read from it
        else:
            cursor.execute(RESPONSE_CHANGED, [adapt(now), survey.pk, respondent.key])
            (pk,) = cursor.fetchone()
            response = Response.objects.get(pk=pk)
            cursor.execute("DELETE FROM surveys_answer WHERE response_id = %s", [pk])
        cursor.execute(
            ANSWERS_INSERT + ANSWERS_FROM_JSON[connection.vendor],
            [survey.pk, pk, json.dumps(rows)],
        )
    return response, created


def _open_questions(survey: Survey) -> list[AskedQuestion]:
    """The survey's questions, if the database says it is open now."""
    questions = selectors.open_questions(survey)
    if questions is None:
        raise ValidationError(NOT_OPEN)
    return questions


@transaction.atomic
def response_submit(
    *,
    actor: Any,
    survey: Survey,
    answers: Mapping[Any, Any],
    consent: bool = False,
    code: Any = None,
    browser: Any = None,
) -> Response:
    """Answer the survey, or change one's answers while it is open. A signed-in person
    answers once; a code answers once; anyone else on a link survey answers once per
    browser (``browser``: their session's key, kept only as a hash). A member's first
    response is an idea contributed to the record, in the survey's stage."""
    gate.require(actor, "surveys.respond", survey)
    rows = checked_answers(_open_questions(survey), answers, consent=consent)
    respondent = _respondent(actor, survey, code, browser)
    response, created = _store(survey, respondent, rows)
    if respondent.code is not None and respondent.code.used_at is None:
        respondent.code.used_at = response.submitted_at
        respondent.code.save(update_fields=["used_at"])
    if created and respondent.person is not None and standing_of(actor, survey.initiative).active:
        do_record_contribution(
            source=response,
            recorded_by=actor,
            initiative=survey.initiative,
            stage=survey.stage,
            kind=ContributionKind.IDEA,
            quantity=1,
            unit=Unit.COUNT,
            occurred_on=timezone.localdate(),
            description=f"Answered the survey “{survey.title}”",
            contributor=actor,
        )
    return response


@transaction.atomic
def response_enter_paper(
    *, actor: Any, survey: Survey, answers: Mapping[Any, Any], consent: bool = False
) -> Response:
    """Key in a response given on paper: a new response each time, marked as paper, naming
    who typed it and no respondent."""
    gate.require(actor, "surveys.enter_paper", survey)
    rows = checked_answers(_open_questions(survey), answers, consent=consent)
    respondent = Respondent(key=f"paper:{uuid.uuid4().hex}")
    response, _created = _store(survey, respondent, rows, paper=True, entered_by=actor)
    return response


# ---- acting on the results --------------------------------------------------------------


def _adoptable(actor: Any, survey: Survey, question: Question, options: Sequence[Any]) -> list[str]:
    """The options to adopt, checked: the coordinator's, from a needs survey's choice or
    ranking question, each an option of it, once."""
    gate.require(actor, "surveys.manage_survey", survey)
    if survey.purpose != Purpose.NEEDS:
        raise ValidationError({"question": _("Only a needs survey's answers are adopted.")})
    if question.survey_id != survey.pk or question.kind not in CHOICE_KINDS:
        raise ValidationError(
            {"question": _("Choose a choice or ranking question of this survey.")}
        )
    labels = [label for label in options if label]
    if not labels:
        raise ValidationError({"options": _("Choose at least one option to adopt.")})
    if any(label not in question.options for label in labels) or len(set(labels)) != len(labels):
        raise ValidationError({"options": _("Choose options of the question, each once.")})
    return labels


def _record_adoption(actor: Any, survey: Survey, source: Any, title: str, outcome: str) -> None:
    """One adoption, a decision in the record: the coordinator's (delegated), whose source is
    what it made."""
    standing = standing_of(actor, survey.initiative)
    do_record_decision(
        source=source,
        recorded_by=actor,
        initiative=survey.initiative,
        stage=survey.stage,
        title=title[:200],
        outcome=outcome,
        decided_by=DECIDING_BODY_OF_SIDE.get(standing.side, DecidingBody.JOINT),
        rule=DecisionRule.DELEGATED,
        decided_on=timezone.localdate(),
        initiated_by=actor,
        participants=[Participant(person=actor, position=Position.PRESENT)],
    )


@transaction.atomic
def survey_adopt_goals(
    *, actor: Any, survey: Survey, question: Question, options: Sequence[Any]
) -> list[Goal]:
    """Make the chosen options of a needs survey's choice or ranking question goals of the
    initiative, in one step, each adoption a decision in the record."""
    labels = _adoptable(actor, survey, question, options)
    existing = set(survey.initiative.goals.values_list("text", flat=True))
    goals = []
    for label in labels:
        if label in existing:
            raise ValidationError(
                {"options": _("“%(option)s” is a goal already.") % {"option": label}}
            )
        goal = initiatives.goal_add(actor=actor, initiative=survey.initiative, text=label)
        _record_adoption(
            actor,
            survey,
            goal,
            f"Goal adopted from the survey “{survey.title}”: {label}",
            f"{actor.shown_name} made “{label}” a goal of the initiative.",
        )
        goals.append(goal)
    return goals


@transaction.atomic
def survey_adopt_proposals(
    *, actor: Any, survey: Survey, question: Question, budget: Budget, costs: Mapping[str, Any]
) -> list[Proposal]:
    """Make the chosen options (``costs``: each option's estimated cost in pence) proposals
    of a PB budget of the same initiative, through budgeting's own service (so its phase and
    cost checks apply), in one step, each adoption a decision in the record."""
    labels = _adoptable(actor, survey, question, list(costs))
    if budget.process.initiative_id != survey.initiative_id:
        raise ValidationError({"budget": _("Choose a budget of this initiative's PB process.")})
    budget = Budget.objects.select_for_update().get(pk=budget.pk)  # one adoption at a time
    already = sorted(budget.proposals.filter(title__in=labels).values_list("title", flat=True))
    if already:
        raise ValidationError(
            {
                "options": _("\u201c%(option)s\u201d is a proposal of this budget already.")
                % {"option": already[0]}
            }
        )
    proposals = []
    for label in labels:
        cost = costs[label]
        if isinstance(cost, str) and cost.strip().isdigit():
            cost = int(cost.strip())
        if isinstance(cost, bool) or not isinstance(cost, int) or not 0 < cost <= budget.amount:
            raise ValidationError(
                {
                    "costs": _(
                        "Give the cost of “%(option)s” as more than nothing and "
                        "within the budget (%(amount)s)."
                    )
                    % {"option": label, "amount": money(budget.amount, budget.process.currency)}
                }
            )
        proposal = budgeting.proposal_submit(
            actor=actor,
            budget=budget,
            title=label,
            description=_("Adopted from the survey “%(title)s”.") % {"title": survey.title},
            estimated_cost=cost,
        )
        _record_adoption(
            actor,
            survey,
            proposal,
            f"Proposal adopted from the survey “{survey.title}”: {label}",
            f"{actor.shown_name} put “{label}” to the PB budget {budget.name}.",
        )
        proposals.append(proposal)
    return proposals
