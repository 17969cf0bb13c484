"""Survey pages: the initiative's surveys, answering one, building one, its codes, paper
responses, results (with the equality breakdown and the CSV), adopting answers as goals,
and the members' asset list. Views parse, call a service or selector, and render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from coproduce.core import gate
from coproduce.core.downloads import csv_response
from coproduce.core.forms import add_service_errors
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.views import visible
from coproduce.surveys import selectors, services
from coproduce.surveys.forms import (
    AdoptForm,
    AdoptProposalsForm,
    AnswerForm,
    CodesForm,
    QuestionForm,
    SurveyForm,
)
from coproduce.surveys.models import (
    CHOICE_KINDS,
    AssetKind,
    Audience,
    Purpose,
    QuestionKind,
    Survey,
    SurveyStatus,
)


def _survey(request: HttpRequest, slug: str, pk: int, perm: str = "surveys.view_survey") -> Survey:
    initiative = visible(request, slug)
    return gate.found(request.user, selectors.survey_in(initiative, pk), perm)


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], form: Any = None
) -> HttpResponse:
    bad = form is not None and form.is_bound and bool(form.errors)
    return render(request, template, {**context, "form": form}, status=400 if bad else 200)


def survey_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    can_create = gate.allows(request.user, "surveys.create_survey", initiative)
    form = None
    if can_create or request.method == "POST":
        if request.method == "POST":
            gate.require(request.user, "surveys.create_survey", initiative)
        form = SurveyForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                survey = services.survey_create(
                    actor=request.user, initiative=initiative, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The survey is a draft: add its questions, then open it.")
                )
                return redirect("surveys:build", initiative.slug, survey.pk)
    context = {
        "initiative": initiative,
        "surveys": selectors.surveys_shown(initiative, drafts=can_create),
        "can_see_assets": gate.allows(request.user, "surveys.view_assets", initiative),
    }
    return _page(request, "surveys/list.html", context, form)


def _answer_form(request: HttpRequest, survey: Survey, initial: dict[str, Any]) -> AnswerForm:
    questions = list(survey.questions.all())
    data = request.POST if request.method == "POST" else None
    form = AnswerForm(
        data, survey=survey, questions=questions, with_code=survey.audience == Audience.CODES
    )
    if data is None:
        for key, value in initial.items():
            pk = int(key[1:])
            if pk in form.places:
                for name, label in zip(form.places[pk], value, strict=False):
                    form.initial[name] = label
            else:
                form.initial[key] = str(value) if isinstance(value, int) else value
    return form


@never_cache  # the form holds the person's own answers
def respond(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk)
    can_respond = gate.allows(request.user, "surveys.respond", survey)
    if request.method == "POST":
        gate.require(request.user, "surveys.respond", survey)
    form = None
    own = selectors.own_response(request.user, survey)
    if can_respond:
        form = _answer_form(request, survey, selectors.given_answers(own))
        if form.is_bound and form.is_valid():
            if not request.session.session_key:
                request.session.save()
            try:
                services.response_submit(
                    actor=request.user,
                    survey=survey,
                    answers=form.answers(),
                    consent=bool(form.cleaned_data.get("consent")),
                    code=form.cleaned_data.get("code"),
                    browser=request.session.session_key,
                )
            except ValidationError as error:
                add_service_errors(form, error, form.error_fields())
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: your response is saved. You can change it while the survey is "
                        "open."
                    ),
                )
                return redirect("surveys:results", survey.initiative.slug, survey.pk)
    context = {
        "initiative": survey.initiative,
        "survey": survey,
        "own": own,
        "can_manage": gate.allows(request.user, "surveys.manage_survey", survey),
    }
    return _page(request, "surveys/respond.html", context, form)


def build(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, "surveys.manage_survey")
    form = QuestionForm(request.POST if request.method == "POST" else None, survey=survey)
    if form.is_bound and form.is_valid():
        try:
            services.question_add(actor=request.user, survey=survey, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The question is added."))
            return redirect("surveys:build", survey.initiative.slug, survey.pk)
    context = {
        "initiative": survey.initiative,
        "survey": survey,
        "questions": survey.questions.all(),
        "is_draft": survey.status == SurveyStatus.DRAFT,
    }
    return _page(request, "surveys/build.html", context, form)


@require_POST
def set_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, "surveys.manage_survey")
    try:
        services.survey_set_status(
            actor=request.user, survey=survey, status=request.POST.get("status")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("surveys:build", survey.initiative.slug, survey.pk)
    messages.success(request, _("The survey's status is changed."))
    return redirect("surveys:build", survey.initiative.slug, survey.pk)


@never_cache  # the codes are shown once
def codes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, "surveys.manage_survey")
    form = CodesForm(request.POST if request.method == "POST" else None)
    issued: list[str] = []
    if form.is_bound and form.is_valid():
        try:
            issued = services.survey_codes_issue(
                actor=request.user, survey=survey, count=form.cleaned_data["count"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
    context = {"initiative": survey.initiative, "survey": survey, "issued": issued}
    return _page(request, "surveys/codes.html", context, form)


def paper(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk)
    gate.require(request.user, "surveys.enter_paper", survey)
    questions = list(survey.questions.all())
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        survey=survey,
        questions=questions,
        with_code=False,
    )
    if form.is_bound and form.is_valid():
        try:
            services.response_enter_paper(
                actor=request.user,
                survey=survey,
                answers=form.answers(),
                consent=bool(form.cleaned_data.get("consent")),
            )
        except ValidationError as error:
            add_service_errors(form, error, form.error_fields())
        else:
            messages.success(request, _("The paper response is saved. Key in the next one below."))
            return redirect("surveys:paper", survey.initiative.slug, survey.pk)
    context = {"initiative": survey.initiative, "survey": survey}
    return _page(request, "surveys/paper.html", context, form)


def results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk)
    can_read = gate.allows(request.user, "surveys.read_answers", survey)
    found = selectors.results(survey, with_text=can_read)
    equality = [r.question for r in found if r.question.kind == QuestionKind.EQUALITY]
    by = next((q for q in equality if str(q.pk) == request.GET.get("by")), None)
    breakdowns = []
    if by is not None:
        breakdowns = [
            {"question": r.question, "rows": selectors.breakdown(r.question, by)}
            for r in found
            if r.question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
        ]
    context = {
        "initiative": survey.initiative,
        "survey": survey,
        "results": found,
        "can_read": can_read,
        "equality": equality,
        "by": by,
        "breakdowns": breakdowns,
        "responses": survey.responses.count(),
    }
    return render(request, "surveys/results.html", context)


def answers_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk)
    gate.require(request.user, "surveys.read_answers", survey)
    return csv_response(f"survey-{survey.pk}-answers.csv", selectors.answer_rows(survey))


def adopt(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk)
    gate.require(request.user, "surveys.manage_survey", survey)
    form = AdoptForm(request.POST if request.method == "POST" else None, survey=survey)
    if form.is_bound and form.is_valid():
        question = survey.questions.get(pk=form.cleaned_data["question"])
        try:
            goals = services.survey_adopt_goals(
                actor=request.user,
                survey=survey,
                question=question,
                options=form.cleaned_data["options"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("%(count)s goal adopted.", "%(count)s goals adopted.", len(goals))
                % {"count": len(goals)},
            )
            return redirect("initiatives:detail", survey.initiative.slug)
    context = {"initiative": survey.initiative, "survey": survey}
    return _page(request, "surveys/adopt.html", context, form)


def assets(request: HttpRequest, slug: str) -> HttpResponse:
    initiative: Initiative = visible(request, slug)
    gate.require(request.user, "surveys.view_assets", initiative)
    words = request.GET.get("q", "")[:100]
    kind = request.GET.get("kind", "")
    if kind not in AssetKind.values:
        kind = ""
    context = {
        "initiative": initiative,
        "offers": selectors.asset_offers(initiative, words=words, kind=kind),
        "words": words,
        "kind": kind,
        "kinds": AssetKind.choices,
    }
    return render(request, "surveys/assets.html", context)


def _top(request: HttpRequest, options: int) -> int:
    raw = request.GET.get("top", "")
    top = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 4 else min(3, options)
    return max(1, min(top, options))


def adopt_proposals(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The options of a choice or ranking question put to a PB budget as proposals, each
    with its estimated cost, in one step (``services.survey_adopt_proposals``)."""
    survey = _survey(request, slug, pk)
    gate.require(request.user, "surveys.manage_survey", survey)
    initiative = survey.initiative
    found = {r.question.pk: r for r in selectors.results(survey, with_text=False)}
    choosers = [r.question for r in found.values() if r.question.kind in CHOICE_KINDS]
    wanted = request.POST.get("question") or request.GET.get("question", "")
    question = next((q for q in choosers if str(q.pk) == wanted), choosers[0] if choosers else None)
    budgets = selectors.budgets_taking_proposals(initiative)
    context: dict[str, Any] = {
        "initiative": initiative,
        "survey": survey,
        "choosers": choosers,
        "question": question,
        "is_needs": survey.purpose == Purpose.NEEDS,
        "taking_proposals": budgets.exists(),
        "processes": selectors.pb_processes(initiative)[:5],
    }
    if question is None or not context["is_needs"] or not context["taking_proposals"]:
        status = 400 if request.method == "POST" else 200
        return render(request, "surveys/adopt_proposals.html", context, status=status)
    order = selectors.adoption_order(found[question.pk])
    top = _top(request, len(order))
    form = AdoptProposalsForm(
        request.POST if request.method == "POST" else None,
        question=question,
        order=order,
        budgets=budgets,
        top=top,
    )
    if form.is_bound and form.is_valid():
        try:
            made = services.survey_adopt_proposals(
                actor=request.user,
                survey=survey,
                question=question,
                budget=form.cleaned_data["budget"],
                costs=form.cleaned_data["costs"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"phase": "budget", "options": "__all__"})
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s proposal is put to the budget %(budget)s.",
                    "%(count)s proposals are put to the budget %(budget)s.",
                    len(made),
                )
                % {"count": len(made), "budget": form.cleaned_data["budget"].name},
            )
            return redirect("budgeting:process", form.cleaned_data["budget"].process_id)
    context |= {"top": top, "rows": [(form[tick], form[cost]) for _o, tick, cost in form.rows]}
    return _page(request, "surveys/adopt_proposals.html", context, form)
