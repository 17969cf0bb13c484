"""Inspection and appraisal pages: thin, through the same services and gate."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core import gate
from coproduce.core.downloads import csv_response
from coproduce.core.forms import add_service_errors
from coproduce.core.vocabulary import Side
from coproduce.initiatives.people import offer_members
from coproduce.initiatives.selectors import active_people
from coproduce.initiatives.views import visible
from coproduce.inspections import reports, selectors, services
from coproduce.inspections.forms import (
    ActionCheckForm,
    AnswersForm,
    ChecklistForm,
    FindingForm,
    InspectorForm,
    QuestionForm,
    RecommendationForm,
    RespondForm,
    SubmitForm,
    VisitForm,
)
from coproduce.inspections.models import (
    Checklist,
    Evidence,
    Inspector,
    Purpose,
    Visit,
    VisitStatus,
)


def _bound(request: HttpRequest, button: str, form_class: Any, **kw: Any) -> Any:
    """The form, bound to the POST when its button was pressed."""
    if request.method == "POST" and button in request.POST:
        return form_class(request.POST, request.FILES, **kw)
    return form_class(**kw)


def _run(form: Form, work: Any) -> bool:
    """Call the service with the valid form's data; its refusals go on the form."""
    if not form.is_bound or not form.is_valid():
        return False
    try:
        work(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """Published reports for everyone who may view the initiative; your visits and the
    appraisals you may answer; for coordinators, the checklists, inspectors and scheduling."""
    initiative = visible(request, slug)
    user = request.user
    can_manage = gate.allows(user, "inspections.manage", initiative)
    if request.method == "POST":
        gate.require(user, "inspections.manage", initiative)
    checklists = selectors.checklists_of(initiative)
    visit_kw = {
        "checklists": checklists.filter(purpose=Purpose.INSPECTION),
        "providers": active_people(initiative, side=Side.REGULAR_PRODUCER).order_by("username"),
        "inspectors": active_people(initiative)
        .filter(
            pk__in=Inspector.objects.filter(initiative=initiative, is_active=True).values("person")
        )
        .order_by("username"),
        "visits": Visit.objects.filter(
            initiative=initiative, status__in=[VisitStatus.RESPONDED, VisitStatus.PUBLISHED]
        ),
    }
    checklist_form = _bound(request, "checklist", ChecklistForm)
    inspector_form = _bound(request, "inspector", InspectorForm)
    offer_members(inspector_form.fields["person"], initiative)
    visit_form = _bound(request, "visit", VisitForm, **visit_kw)
    done = (
        _run(
            checklist_form,
            lambda data: services.checklist_create(actor=user, initiative=initiative, **data),
        )
        or _run(
            inspector_form,
            lambda data: services.inspector_appoint(actor=user, initiative=initiative, **data),
        )
        or _run(
            visit_form,
            lambda data: services.visit_schedule(
                actor=user,
                initiative=initiative,
                **{**data, "inspectors": list(data["inspectors"])},
            ),
        )
    )
    if done:
        messages.success(request, _("Saved."))
        return redirect("inspections:overview", slug=slug)
    forms = (checklist_form, inspector_form, visit_form)
    context = {
        "initiative": initiative,
        "can_manage": can_manage,
        "reports": selectors.published_reports(initiative),
        "visits": selectors.visits_seen_by(initiative, user, everyone=can_manage)
        if user.is_authenticated
        else [],
        "checklists": checklists
        if gate.allows(user, "inspections.view_checklist", initiative)
        else [],
        "inspectors": Inspector.objects.filter(initiative=initiative).select_related("person")
        if can_manage
        else [],
        "checklist_form": checklist_form,
        "inspector_form": inspector_form,
        "visit_form": visit_form,
    }
    status = 400 if any(form.errors for form in forms) else 200
    return render(request, "inspections/overview.html", context, status=status)


@login_required
def checklist_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A checklist's questions (coordinators add them); an appraisal's form for members."""
    initiative = visible(request, slug)
    user = request.user
    checklist = gate.get_object(
        user, selectors.checklists_of(initiative), "inspections.view_checklist", pk=pk
    )
    can_manage = gate.allows(user, "inspections.manage", checklist)
    questions = selectors.questions_of(checklist)
    sheet = selectors.appraisal_sheet_of(checklist, user)
    question_form = _bound(request, "question", QuestionForm)
    answers_form = _bound(
        request, "answer", AnswersForm, questions=questions, answers=selectors.answers_of(sheet)
    )
    if request.method == "POST" and "close" in request.POST:
        services.checklist_close(actor=user, checklist=checklist)
        messages.success(request, _("The appraisal is closed."))
        return redirect("inspections:checklist", slug=slug, pk=pk)
    if _run(
        question_form,
        lambda data: services.question_add(actor=user, checklist=checklist, **data),
    ) or _run(
        answers_form,
        lambda data: services.appraisal_answer(actor=user, checklist=checklist, answers=data),
    ):
        messages.success(request, _("Saved."))
        return redirect("inspections:checklist", slug=slug, pk=pk)
    if request.method == "POST" and not (question_form.is_bound or answers_form.is_bound):
        raise Http404("No such form.")
    context = {
        "initiative": initiative,
        "checklist": checklist,
        "groups": selectors.by_theme(questions),
        "can_manage": can_manage,
        "question_form": question_form,
        "can_answer": checklist.purpose == Purpose.APPRAISAL
        and checklist.is_open
        and gate.allows(user, "inspections.answer_appraisal", checklist),
        "answered": sheet is not None,
        "themed_answers": answers_form.themed(selectors.by_theme(questions)),
        "answers_form": answers_form,
    }
    status = 400 if question_form.errors or answers_form.errors else 200
    return render(request, "inspections/checklist.html", context, status=status)


def _appraisal(request: HttpRequest, slug: str, pk: int) -> Checklist:
    initiative = visible(request, slug)
    return gate.get_object(
        request.user,
        selectors.checklists_of(initiative, Purpose.APPRAISAL),
        "inspections.view_checklist",
        pk=pk,
    )


@login_required
def appraisal_results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    checklist = _appraisal(request, slug, pk)
    with_text = gate.allows(request.user, "inspections.read_appraisal_text", checklist)
    context = {
        "initiative": checklist.initiative,
        "checklist": checklist,
        "themes": selectors.summary(checklist, with_text=with_text),
        "respondents": selectors.respondents(checklist),
        "with_text": with_text,
        "fewest": selectors.FEWEST_FOR_A_MEAN,
    }
    return render(request, "inspections/results.html", context)


@login_required
def appraisal_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    checklist = _appraisal(request, slug, pk)
    gate.require(request.user, "inspections.read_appraisal_text", checklist)
    return csv_response(f"appraisal-{checklist.pk}.csv", reports.appraisal_rows(checklist))


def _visit_forms(request: HttpRequest, visit: Visit) -> dict[str, Any]:
    team = selectors.team_of(visit)
    questions = selectors.questions_of(visit.checklist)
    sheet = getattr(visit, "sheet", None) if hasattr(visit, "sheet") else None
    return {
        "answers": _bound(
            request, "save", AnswersForm, questions=questions, answers=selectors.answers_of(sheet)
        ),
        # prefixed: both have a "text" field, and one page holds both
        "finding": _bound(request, "finding", FindingForm, prefix="finding"),
        "recommendation": _bound(request, "recommendation", RecommendationForm, prefix="advice"),
        "submit": _bound(request, "submit", SubmitForm, team=team),
    }


@login_required
def visit_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The visit: its inspectors complete it (a draft kept on the server at every save),
    the provider answers its recommendations, a coordinator publishes it."""
    initiative = visible(request, slug)
    user = request.user
    visit = gate.get_object(
        user,
        Visit.objects.filter(initiative=initiative).select_related("checklist", "provider"),
        "inspections.view_visit",
        pk=pk,
    )
    forms = _visit_forms(request, visit)
    answers = forms["answers"]
    post = request.POST if request.method == "POST" else {}
    if "save" in post or "submit" in post:
        # the submit button sends the answers too, so nothing typed is lost
        answers = AnswersForm(
            post,
            questions=selectors.questions_of(visit.checklist),
            answers={},
        )
        forms["answers"] = answers
    chosen = str(post.get("recommendation", ""))
    recommendation = (
        visit.recommendations.filter(pk=int(chosen)).first()
        if chosen.isdigit() and len(chosen) < 10
        else None
    )
    respond = (
        RespondForm(post, prefix=f"r{recommendation.pk}")
        if recommendation and "respond" in post
        else None
    )
    open_actions = list(selectors.open_actions(visit))
    checked = next((r for r in open_actions if str(r.pk) == post.get("response")), None)
    check_form = (
        ActionCheckForm(post, prefix=f"a{checked.pk}") if checked and "check" in post else None
    )

    def submit(data: dict[str, Any]) -> None:
        services.visit_save_answers(actor=user, visit=visit, answers=answers.cleaned_data)
        services.visit_submit(actor=user, visit=visit, minutes=forms["submit"].minutes())

    done = False
    if request.method == "POST":
        if "naming" in post:
            try:
                services.inspector_naming(actor=user, visit=visit, named=post.get("named") == "yes")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("inspections:visit", slug=slug, pk=pk)
        if "publish" in post:
            try:
                services.visit_publish(actor=user, visit=visit)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The report is published."))
            return redirect("inspections:visit", slug=slug, pk=pk)
        if "submit" in post:
            gate.require(user, "inspections.inspect", visit)
            done = answers.is_valid() and _run(forms["submit"], submit)
            if forms["submit"].errors and not answers.errors:
                for field, errors in list(forms["submit"].errors.items()):
                    if field.startswith("question_"):
                        answers.add_error(field, errors)
        elif "save" in post:
            done = _run(
                answers,
                lambda data: services.visit_save_answers(actor=user, visit=visit, answers=data),
            )
        elif "finding" in post:
            done = _run(
                forms["finding"],
                lambda data: services.finding_add(actor=user, visit=visit, **data),
            )
        elif "recommendation" in post and respond is None:
            done = _run(
                forms["recommendation"],
                lambda data: services.recommendation_add(actor=user, visit=visit, **data),
            )
        elif respond is not None and recommendation is not None:
            done = _run(
                respond,
                lambda data: services.recommendation_respond(
                    actor=user, recommendation=recommendation, **data
                ),
            )
        elif check_form is not None and checked is not None:
            done = _run(
                check_form,
                lambda data: services.action_check(
                    actor=user, visit=visit, response=checked, **data
                ),
            )
        else:
            raise Http404("No such form.")
        if done:
            messages.success(request, _("Saved."))
            sent_answers = "save" in post or "submit" in post
            return redirect(
                reverse("inspections:visit", args=[slug, pk]) + ("?saved=1" if sent_answers else "")
            )
    can_inspect = gate.allows(user, "inspections.inspect", visit)
    open_for_work = can_inspect and visit.status in services.OPEN_FOR_WORK
    can_respond = (
        gate.allows(user, "inspections.respond", visit) and visit.status == VisitStatus.SUBMITTED
    )
    recommendations = list(selectors.recommendations_of(visit))
    team = selectors.team_of(visit)
    context = {
        "initiative": initiative,
        "visit": visit,
        "team": team,
        "me": next((m for m in team if m.person_id == user.pk), None),
        "open_for_work": open_for_work,
        "themed_answers": answers.themed(
            selectors.by_theme(selectors.questions_of(visit.checklist))
        ),
        "answers_form": answers,
        "read_answers": selectors.visit_answers(visit),
        "finding_form": forms["finding"],
        "recommendation_form": forms["recommendation"],
        "submit_form": forms["submit"],
        "findings": visit.findings.prefetch_related("evidence"),
        "recommendations": [
            (
                r,
                (
                    respond
                    if respond is not None and r == recommendation
                    else RespondForm(prefix=f"r{r.pk}")
                )
                if can_respond and not hasattr(r, "response")
                else None,
            )
            for r in recommendations
        ],
        "actions": [
            (
                r,
                (
                    check_form
                    if check_form is not None and r == checked
                    else ActionCheckForm(prefix=f"a{r.pk}")
                )
                if open_for_work
                else None,
            )
            for r in open_actions
        ],
        "checks": visit.action_checks.select_related("response__recommendation"),
        "saved": "saved" in request.GET,
        "can_publish": gate.allows(user, "inspections.manage", visit)
        and visit.status == VisitStatus.RESPONDED,
    }
    bound = [f for f in (answers, *forms.values(), respond, check_form) if f is not None]
    status = 400 if any(f.errors for f in bound) else 200
    return render(request, "inspections/visit.html", context, status=status)


def evidence_picture(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """An evidence picture, to whoever may see its visit (never served directly)."""
    initiative = visible(request, slug)
    evidence = (
        Evidence.objects.filter(finding__visit__initiative=initiative, pk=pk)
        .select_related("finding__visit")
        .first()
    )
    gate.found(request.user, evidence.finding.visit if evidence else None, "inspections.see_visit")
    assert evidence is not None
    kind = "image/png" if evidence.picture.name.endswith(".png") else "image/jpeg"
    response = FileResponse(evidence.picture.open("rb"), content_type=kind)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _report(request: HttpRequest, slug: str, pk: int) -> Visit:
    initiative = visible(request, slug)
    return gate.get_object(
        request.user,
        Visit.objects.filter(initiative=initiative).select_related("checklist", "provider"),
        "inspections.view_report",
        pk=pk,
    )


def report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A published report, for anyone who may view the initiative."""
    visit = _report(request, slug, pk)
    context = {"initiative": visit.initiative, **reports.report_context(visit)}
    return render(request, "inspections/report.html", context)


def report_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    visit = _report(request, slug, pk)
    return csv_response(f"inspection-{visit.pk}.csv", reports.report_rows(visit))
