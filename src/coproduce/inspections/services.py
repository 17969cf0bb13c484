"""Writes for inspections and appraisals: each checks the gate and works in one
transaction; the inspectors' time and the provider's answers go to the record through its
one door."""

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.core import gate
from coproduce.core.dates import check_date
from coproduce.core.images import clean_picture
from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionRule,
    Position,
    Side,
    StageKind,
    Unit,
)
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import standing
from coproduce.initiatives.services import do_stage_for_record
from coproduce.inspections.models import (
    ActionCheck,
    Answer,
    AnswerSheet,
    Checklist,
    Evidence,
    Finding,
    Inspector,
    ProviderResponse,
    Purpose,
    Question,
    QuestionKind,
    Recommendation,
    Severity,
    Visit,
    VisitInspector,
    VisitStatus,
)
from coproduce.record import services as record
from coproduce.volunteering.models import Safeguarding
from coproduce.volunteering.selectors import has_background_check

MAX_QUESTIONS = 200
MAX_VISIT_MINUTES = 24 * 60
NOT_A_PROFESSIONAL = gettext_lazy(
    "Name a professional (paid staff) of this initiative as the provider."
)
OPEN_FOR_WORK = (VisitStatus.SCHEDULED, VisitStatus.IN_PROGRESS)
# The record is read by anyone who may view the initiative, before any report is published:
# its entries carry no text of the report (place, recommendation, action, reasons) and name
# no inspector; their source (the visit, the response) is behind the gate.
RECORDED_TIME = "Time on a citizen inspection"
RECORDED_ANSWER = "Answer to an inspection recommendation"
NUMBER_RANGE = gettext_lazy("Give a number under a million million, with at most two decimals.")


def question_field(question: Question) -> str:
    """The name of a question's field, in forms, the API and every refusal."""
    return f"question_{question.pk}"


@transaction.atomic
def checklist_create(
    *,
    actor: Any,
    initiative: Initiative,
    title: str,
    purpose: str,
    description: str = "",
    involves_vulnerable_people: bool = False,
) -> Checklist:
    gate.require(actor, "inspections.manage", initiative)
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Choose an inspection or an appraisal.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the checklist a title.")})
    checklist = Checklist(
        initiative=initiative,
        title=title.strip(),
        purpose=purpose,
        description=description.strip(),
        involves_vulnerable_people=involves_vulnerable_people,
        created_by=actor,
    )
    checklist.full_clean()
    checklist.save()
    return checklist


@transaction.atomic
def question_add(
    *,
    actor: Any,
    checklist: Checklist,
    theme: str,
    text: str,
    kind: str,
    guidance: str = "",
    required: bool = True,
) -> Question:
    """Add a question at the end. The questions are fixed once anyone has answered, so
    every answer is to the same checklist."""
    gate.require(actor, "inspections.manage", checklist)
    checklist = Checklist.objects.select_for_update().get(pk=checklist.pk)
    if AnswerSheet.objects.filter(checklist=checklist).exists():
        raise ValidationError(
            {
                "text": _(
                    "People have started answering this checklist; start a new one to change it."
                )
            }
        )
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": _("Choose rating, yes/no, number or text.")})
    if not text.strip():
        raise ValidationError({"text": _("Write the question.")})
    if not theme.strip():
        raise ValidationError({"theme": _("Name the theme or section the question belongs to.")})
    count = checklist.questions.count()
    if count >= MAX_QUESTIONS:
        raise ValidationError(
            {"text": _("A checklist has at most %(most)s questions.") % {"most": MAX_QUESTIONS}}
        )
    question = Question(
        checklist=checklist,
        position=count + 1,
        theme=theme.strip(),
        text=text.strip(),
        guidance=guidance.strip(),
        kind=kind,
        required=required,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def checklist_close(*, actor: Any, checklist: Checklist) -> Checklist:
    """Close an appraisal: answers can no longer be given or changed."""
    gate.require(actor, "inspections.manage", checklist)
    checklist.is_open = False
    checklist.save(update_fields=["is_open"])
    return checklist


@transaction.atomic
def inspector_appoint(
    *,
    actor: Any,
    initiative: Initiative,
    person: Any,
    training: str,
    trained_on: datetime.date,
) -> Inspector:
    """A coordinator appoints a trained member as an inspector of the initiative."""
    gate.require(actor, "inspections.manage", initiative)
    if not standing(person, initiative).active:
        raise ValidationError({"person": NO_SUCH_MEMBER})
    check_date("trained_on", trained_on, past_only=True)
    if not training.strip():
        raise ValidationError({"training": _("Say what training they completed.")})
    if Inspector.objects.filter(initiative=initiative, person=person).exists():
        raise ValidationError({"person": _("They are an inspector here already.")})
    inspector = Inspector(
        initiative=initiative,
        person=person,
        training=training.strip(),
        trained_on=trained_on,
        appointed_by=actor,
    )
    inspector.full_clean()
    inspector.save()
    return inspector


def needs_check_message(person: Any) -> str:
    return _(
        "%(person)s has no enhanced background check recorded for this initiative, and this "
        "checklist involves vulnerable people: record their check on the volunteering page "
        "(Background checks), or choose another inspector."
    ) % {"person": person}


@transaction.atomic
def visit_schedule(
    *,
    actor: Any,
    initiative: Initiative,
    checklist: Checklist,
    place: str,
    visit_on: datetime.date,
    provider: Any,
    inspectors: Sequence[Any],
    follows: Visit | None = None,
) -> Visit:
    """Schedule a visit with its checklist, its inspectors (appointed here, and checked
    where the checklist involves vulnerable people) and the named provider."""
    gate.require(actor, "inspections.manage", initiative)
    if checklist.initiative_id != initiative.pk or checklist.purpose != Purpose.INSPECTION:
        raise ValidationError(
            {"checklist": _("Choose an inspection checklist of this initiative.")}
        )
    if not checklist.questions.exists():
        raise ValidationError({"checklist": _("Add questions to the checklist first.")})
    if not place.strip():
        raise ValidationError({"place": _("Name the place or service visited.")})
    check_date("visit_on", visit_on)
    provider_standing = standing(provider, initiative)
    if not provider_standing.active or provider_standing.side != Side.REGULAR_PRODUCER:
        raise ValidationError({"provider": NOT_A_PROFESSIONAL})
    if not inspectors:
        raise ValidationError({"inspectors": _("Choose at least one inspector.")})
    appointed = set(
        Inspector.objects.filter(
            initiative=initiative, is_active=True, person__in=[p.pk for p in inspectors]
        ).values_list("person", flat=True)
    )
    people = list({p.pk: p for p in inspectors}.values())
    for person in people:
        if person.pk not in appointed or not standing(person, initiative).active:
            raise ValidationError(
                {
                    "inspectors": _(
                        "%(person)s is not an appointed inspector here; appoint them first."
                    )
                    % {"person": person}
                }
            )
        if person.pk == provider.pk:
            raise ValidationError(
                {"inspectors": _("The provider cannot inspect their own service.")}
            )
        if checklist.involves_vulnerable_people and not has_background_check(
            initiative, person, Safeguarding.ENHANCED
        ):
            raise ValidationError({"inspectors": needs_check_message(person)})
    if follows is not None and (
        follows.initiative_id != initiative.pk
        or follows.status not in (VisitStatus.RESPONDED, VisitStatus.PUBLISHED)
    ):
        raise ValidationError(
            {"follows": _("A follow-up follows a visit of this initiative the provider answered.")}
        )
    visit = Visit(
        initiative=initiative,
        checklist=checklist,
        place=place.strip(),
        visit_on=visit_on,
        provider=provider,
        follows=follows,
        scheduled_by=actor,
    )
    visit.full_clean()
    visit.save()
    VisitInspector.objects.bulk_create([VisitInspector(visit=visit, person=p) for p in people])
    return visit


def _locked_for_work(actor: Any, visit: Visit) -> Visit:
    gate.require(actor, "inspections.inspect", visit)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status not in OPEN_FOR_WORK:
        raise ValidationError({"visit": _("This visit is submitted; its answers are final.")})
    return visit


def _parsed(question: Question, raw: Any) -> tuple[Decimal | None, str] | None:
    """An answer as stored (number, text), None for no answer, or a refusal naming the
    question's field."""
    name = question_field(question)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if question.kind == QuestionKind.TEXT:
        text = str(raw).strip()
        if len(text) > 2000:
            raise ValidationError({name: _("Keep the answer under 2,000 characters.")})
        return None, text
    if question.kind == QuestionKind.YES_NO:
        value = {"yes": 1, "true": 1, "1": 1, "no": 0, "false": 0, "0": 0}.get(
            str(raw).strip().lower()
        )
        if value is None:
            raise ValidationError({name: _("Answer yes or no.")})
        return Decimal(value), ""
    if isinstance(raw, bool):
        raise ValidationError({name: _("Give a number.")})
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ValidationError({name: _("Give a number.")})
    # before any arithmetic: 1e999999999 is finite, but abs() or quantize() overflows
    out_of_range = number.adjusted() >= 12 or (number != 0 and number.adjusted() < -2)
    if question.kind == QuestionKind.RATING:
        if out_of_range or number not in {1, 2, 3, 4, 5}:
            raise ValidationError({name: _("Rate from 1 to 5.")})
        return number, ""
    if out_of_range or number != number.quantize(Decimal("0.01")):
        raise ValidationError({name: NUMBER_RANGE})
    return number, ""


def _save_answers(sheet: AnswerSheet, answers: Mapping[str, Any]) -> None:
    """Save the answers given (keyed by question field name); those left blank are
    cleared. Every answer is checked before any is saved."""
    questions = {question_field(q): q for q in sheet.checklist.questions.all()}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise ValidationError({unknown[0]: _("No such question in this checklist.")})
    parsed = {name: _parsed(questions[name], raw) for name, raw in answers.items()}
    for name, value in parsed.items():
        question = questions[name]
        if value is None:
            Answer.objects.filter(sheet=sheet, question=question).delete()
        else:
            Answer.objects.update_or_create(
                sheet=sheet, question=question, defaults={"number": value[0], "text": value[1]}
            )
    sheet.save()  # its time of change


def _missing_required(sheet: AnswerSheet) -> Question | None:
    return (
        sheet.checklist.questions.filter(required=True)
        .exclude(answers__sheet=sheet)
        .order_by("position")
        .first()
    )


@transaction.atomic
def visit_save_answers(*, actor: Any, visit: Visit, answers: Mapping[str, Any]) -> AnswerSheet:
    """Keep the inspectors' draft: any answers, any time, until they submit."""
    visit = _locked_for_work(actor, visit)
    sheet, _created = AnswerSheet.objects.get_or_create(visit=visit, checklist=visit.checklist)
    _save_answers(sheet, answers)
    if visit.status == VisitStatus.SCHEDULED:
        visit.status = VisitStatus.IN_PROGRESS
        visit.save(update_fields=["status"])
    return sheet


@transaction.atomic
def finding_add(
    *,
    actor: Any,
    visit: Visit,
    text: str,
    severity: str,
    picture: UploadedFile | None = None,
    caption: str = "",
) -> Finding:
    visit = _locked_for_work(actor, visit)
    if severity not in Severity.values:
        raise ValidationError({"severity": _("Choose low, medium or high.")})
    if not text.strip():
        raise ValidationError({"text": _("Say what you found.")})
    cleaned = clean_picture(picture, field="picture") if picture is not None else None
    if cleaned is not None and not caption.strip():
        raise ValidationError({"caption": _("Say what the picture shows.")})
    finding = Finding(visit=visit, text=text.strip(), severity=severity, added_by=actor)
    finding.full_clean()
    finding.save()
    if cleaned is not None:
        evidence = Evidence(finding=finding, caption=caption.strip()[:200])
        evidence.picture.save(cleaned.name or "picture.jpg", cleaned, save=False)
        evidence.save()
    if visit.status == VisitStatus.SCHEDULED:
        visit.status = VisitStatus.IN_PROGRESS
        visit.save(update_fields=["status"])
    return finding


@transaction.atomic
def recommendation_add(*, actor: Any, visit: Visit, text: str) -> Recommendation:
    visit = _locked_for_work(actor, visit)
    if not text.strip():
        raise ValidationError({"text": _("Write the recommendation.")})
    recommendation = Recommendation(visit=visit, text=text.strip(), made_by=actor)
    recommendation.full_clean()
    recommendation.save()
    return recommendation


@transaction.atomic
def action_check(
    *, actor: Any, visit: Visit, response: ProviderResponse, done: bool, note: str = ""
) -> ActionCheck:
    """On a follow-up visit, say whether an action the provider accepted was done."""
    visit = _locked_for_work(actor, visit)
    if visit.follows_id is None or response.recommendation.visit_id != visit.follows_id:
        raise ValidationError({"response": _("Choose an action accepted after the earlier visit.")})
    if not response.accepted:
        raise ValidationError({"response": _("Only accepted actions are checked.")})
    check, _created = ActionCheck.objects.update_or_create(
        visit=visit, response=response, defaults={"done": done, "note": note.strip()[:1000]}
    )
    return check


@transaction.atomic
def inspector_naming(*, actor: Any, visit: Visit, named: bool) -> VisitInspector:
    """An inspector chooses whether the published report names them (it does not unless
    they choose)."""
    gate.require(actor, "inspections.view_visit", visit)
    member = VisitInspector.objects.filter(visit=visit, person=actor.pk).first()
    if member is None:
        raise ValidationError({"named": _("Only the inspectors on the visit choose this.")})
    member.named = named
    member.save(update_fields=["named"])
    return member


@transaction.atomic
def visit_submit(*, actor: Any, visit: Visit, minutes: Mapping[int, int]) -> Visit:
    """Submit the completed visit: every required question answered, each inspector's time
    stated (by person id), each written to the record as that inspector's co-assessment
    time (source: the visit). The provider then answers the recommendations."""
    visit = _locked_for_work(actor, visit)
    if visit.visit_on > timezone.localdate():
        raise ValidationError({"visit": _("Submit the visit on or after the day it takes place.")})
    sheet = AnswerSheet.objects.filter(visit=visit).first()
    if sheet is None:
        raise ValidationError({"visit": _("Answer the checklist before submitting.")})
    missing = _missing_required(sheet)
    if missing is not None:
        raise ValidationError({question_field(missing): _("This question needs an answer.")})
    team = list(visit.team.select_related("person"))
    for member in team:
        given = minutes.get(member.person_id)
        if isinstance(given, bool) or not isinstance(given, int):
            raise ValidationError(
                {
                    f"minutes_{member.person_id}": _("Give %(person)s's time.")
                    % {"person": member.person}
                }
            )
        if not 1 <= given <= MAX_VISIT_MINUTES:
            raise ValidationError(
                {f"minutes_{member.person_id}": _("Give between 1 minute and 24 hours.")}
            )
    stage = do_stage_for_record(visit.initiative, StageKind.CO_ASSESSMENT)
    for member in team:
        member.minutes = minutes[member.person_id]
        member.contribution = record.do_record_contribution(
            source=visit,
            recorded_by=actor,
            contributor=member.person,
            initiative=visit.initiative,
            stage=stage,
            kind=ContributionKind.TIME,
            quantity=member.minutes,
            unit=Unit.MINUTES,
            occurred_on=visit.visit_on,
            description=RECORDED_TIME,
        )
        member.save(update_fields=["minutes", "contribution"])
    visit.submitted_at = timezone.now()
    has_recommendations = visit.recommendations.exists()
    visit.status = VisitStatus.SUBMITTED if has_recommendations else VisitStatus.RESPONDED
    visit.save(update_fields=["submitted_at", "status"])
    return visit


@transaction.atomic
def recommendation_respond(
    *,
    actor: Any,
    recommendation: Recommendation,
    accepted: bool,
    action: str = "",
    due_on: datetime.date | None = None,
    reasons: str = "",
) -> ProviderResponse:
    """The named provider accepts a recommendation (with an action and a due date) or
    rejects it (with reasons). Either is a decision in the record: initiated by the
    citizens' side (the inspectors', none of them named), taken by the professional side,
    the provider taking part; it says only whether it was accepted."""
    visit = Visit.objects.select_for_update().get(pk=recommendation.visit_id)
    gate.require(actor, "inspections.respond", visit)
    if visit.status != VisitStatus.SUBMITTED:
        raise ValidationError(
            {"recommendation": _("The provider answers once the visit is submitted.")}
        )
    if ProviderResponse.objects.filter(recommendation=recommendation).exists():
        raise ValidationError({"recommendation": _("This recommendation is answered already.")})
    if accepted:
        if not action.strip():
            raise ValidationError({"action": _("Say what will be done.")})
        if due_on is None:
            raise ValidationError({"due_on": _("Say by when it will be done.")})
        check_date("due_on", due_on)
        reasons = ""
    else:
        if not reasons.strip():
            raise ValidationError({"reasons": _("Give the reasons for rejecting it.")})
        action, due_on = "", None
    response = ProviderResponse(
        recommendation=recommendation,
        accepted=accepted,
        action=action.strip(),
        due_on=due_on,
        reasons=reasons.strip(),
        responded_by=actor,
    )
    response.full_clean(exclude=["decision"])
    response.save()
    initiative = visit.initiative
    response.decision = record.do_record_decision(
        source=response,
        recorded_by=actor,
        initiative=initiative,
        stage=do_stage_for_record(initiative, StageKind.CO_ASSESSMENT),
        title=RECORDED_ANSWER,
        outcome="Accepted" if accepted else "Rejected",
        decided_by=DecidingBody.PROFESSIONALS,
        rule=DecisionRule.PROFESSIONAL_SIGN_OFF,
        decided_on=timezone.localdate(),
        initiated_by=None,  # the inspectors' side, never a (perhaps unnamed) inspector
        initiated_by_side=Side.CITIZEN,
        carried=accepted,
        participants=[
            record.Participant(
                person=actor, position=Position.FOR if accepted else Position.AGAINST
            )
        ],
    )
    response.save(update_fields=["decision"])
    if not visit.recommendations.filter(response__isnull=True).exists():
        visit.status = VisitStatus.RESPONDED
        visit.save(update_fields=["status"])
    return response


@transaction.atomic
def visit_publish(*, actor: Any, visit: Visit) -> Visit:
    """Publish the report, once the provider has answered every recommendation."""
    gate.require(actor, "inspections.manage", visit)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status != VisitStatus.RESPONDED:
        raise ValidationError(
            {"visit": _("A report is published once submitted and every recommendation answered.")}
        )
    visit.status = VisitStatus.PUBLISHED
    visit.published_at = timezone.now()
    visit.published_by = actor
    visit.save(update_fields=["status", "published_at", "published_by"])
    return visit


@transaction.atomic
def appraisal_answer(
    *, actor: Any, checklist: Checklist, answers: Mapping[str, Any]
) -> AnswerSheet:
    """A member's answers to an appraisal: one set each, changed until it closes."""
    gate.require(actor, "inspections.answer_appraisal", checklist)
    checklist = Checklist.objects.select_for_update().get(pk=checklist.pk)
    if checklist.purpose != Purpose.APPRAISAL:
        raise ValidationError({"checklist": _("This checklist is answered on inspection visits.")})
    if not checklist.is_open:
        raise ValidationError({"checklist": _("This appraisal has closed.")})
    sheet, _created = AnswerSheet.objects.get_or_create(checklist=checklist, respondent=actor)
    _save_answers(sheet, answers)
    missing = _missing_required(sheet)
    if missing is not None:
        raise ValidationError({question_field(missing): _("This question needs an answer.")})
    return sheet
