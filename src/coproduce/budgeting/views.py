"""Participatory budgeting pages: thin, through the same services and gate as the API."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from coproduce.budgeting import ballots, elections, imports, selectors, services
from coproduce.budgeting.forms import (
    BallotForm,
    BudgetForm,
    CodesForm,
    CommentForm,
    ProcessForm,
    ProposalEditForm,
    ProposalForm,
    ProposalsImportForm,
    ReplyForm,
    ReviewForm,
    UpdateForm,
)
from coproduce.budgeting.models import Budget, Phase, Process, Proposal, ProposalStatus
from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives.models import Initiative, Stage
from coproduce.initiatives.views import visible


def pence(pounds: Decimal | None) -> int | None:
    return None if pounds is None else int(pounds * 100)


def _process(request: HttpRequest, pk: int) -> Process:
    return gate.get_object(
        request.user, Process.objects.select_related("initiative"), "budgeting.view_process", pk=pk
    )


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    visible = selectors.processes_visible_to(request.user)
    return gate.get_object(
        request.user,
        Proposal.objects.filter(budget__process__in=visible).select_related("budget__process"),
        "budgeting.view_process",
        pk=pk,
    )


def _budget(request: HttpRequest, pk: int) -> Budget:
    visible = selectors.processes_visible_to(request.user)
    return gate.get_object(
        request.user,
        Budget.objects.filter(process__in=visible).select_related(
            "process__initiative", "process__stage"
        ),
        "budgeting.view_process",
        pk=pk,
    )


def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    proposals = list(selectors.proposals_of(process))
    budgets = [(b, [p for p in proposals if p.budget_id == b.pk]) for b in process.budgets.all()]
    context = {
        "process": process,
        "budgets": budgets,
        "who_can_vote": selectors.who_can_vote(process),
        "phase_log": selectors.phase_log(process),
        "timeline": selectors.timeline(process, timezone.localdate()),
        "can_manage": gate.allows(request.user, "budgeting.manage_process", process.initiative),
        "can_propose": process.phase == "proposals"
        and gate.allows(request.user, "budgeting.submit_proposal", process.initiative),
    }
    return render(request, "budgeting/process.html", context)


@login_required
def proposal_create(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    gate.require(request.user, "budgeting.submit_proposal", process.initiative)
    if process.phase != Phase.PROPOSALS:
        messages.info(
            request,
            _("Proposals are not being collected: the process is in %(phase)s.")
            % {"phase": process.get_phase_display().lower()},
        )
        return redirect("budgeting:process", pk=process.pk)
    form = ProposalForm(request.POST or None, request.FILES or None, process=process)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_submit(
                actor=request.user,
                budget=data["budget"],
                title=data["title"],
                description=data["description"],
                category=data["category"],
                estimated_cost=pence(data["estimated_cost"]) or 0,
                image=data["image"],
                image_alt=data["image_alt"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your proposal is in. Thank you."))
            return redirect("budgeting:proposal", pk=proposal.pk)
    return render(
        request,
        "budgeting/form.html",
        {"form": form, "process": process, "heading": "Propose a project"},
        status=400 if form.errors else 200,
    )


@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    gate.require(request.user, "budgeting.edit_proposal", proposal)
    initial = {
        "title": proposal.title,
        "description": proposal.description,
        "category": proposal.category,
        "estimated_cost": Decimal(proposal.estimated_cost) / 100,
        "image_alt": proposal.image_alt,
    }
    form = ProposalEditForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_edit(
                actor=request.user,
                proposal=proposal,
                title=data["title"],
                description=data["description"],
                category=data["category"],
                estimated_cost=pence(data["estimated_cost"]) or 0,
                image=data["image"],
                image_alt=data["image_alt"],
                remove_image=data["remove_image"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your proposal is updated."))
            return redirect("budgeting:proposal", pk=proposal.pk)
    return render(
        request,
        "budgeting/form.html",
        {"form": form, "process": proposal.budget.process, "heading": f"Edit: {proposal.title}"},
        status=400 if form.errors else 200,
    )


def proposal_image(request: HttpRequest, pk: int) -> FileResponse:
    """A proposal's picture, to whoever may see the proposal (never served directly)."""
    proposal = _proposal(request, pk)
    if not proposal.image:
        raise Http404("This proposal has no picture.")
    kind = "image/png" if proposal.image.name.endswith(".png") else "image/jpeg"
    response = FileResponse(proposal.image.open("rb"), content_type=kind)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def proposal_detail(
    request: HttpRequest, pk: int, forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    proposal = _proposal(request, pk)
    user, process = request.user, proposal.budget.process
    context = {
        "proposal": proposal,
        "process": process,
        "updates": proposal.updates.select_related("posted_by"),
        "comments": proposal.comments.select_related("author"),
        "comment_form": (forms or {}).get("comment")
        or (
            CommentForm()
            if process.phase in ("proposals", "review")
            and gate.allows(user, "budgeting.support_proposal", process.initiative)
            else None
        ),
        "can_edit": process.phase == "proposals"
        and gate.allows(user, "budgeting.edit_proposal", proposal),
        "can_support": process.phase in ("proposals", "review")
        and proposal.status != ProposalStatus.MERGED
        and proposal.author_id != user.pk
        and gate.allows(user, "budgeting.support_proposal", process.initiative),
        "supporting": user.is_authenticated and selectors.supports(user, proposal),
        "support_count": selectors.support_count(proposal),
        "review_form": (forms or {}).get("review")
        or (
            ReviewForm()
            if process.phase == "review"
            and gate.allows(user, "budgeting.review_proposal", proposal)
            else None
        ),
        "reply_form": (forms or {}).get("reply")
        or (
            ReplyForm()
            if proposal.review_reason and gate.allows(user, "budgeting.edit_proposal", proposal)
            else None
        ),
        "update_form": (forms or {}).get("update")
        or (
            UpdateForm()
            if process.phase in ("results", "implementation")
            and gate.allows(user, "budgeting.review_proposal", proposal)
            else None
        ),
    }
    return render(request, "budgeting/proposal.html", context, status=status)


def _act(request: HttpRequest, pk: int, name: str, form: Any, act: Any, done: str) -> HttpResponse:
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("budgeting:proposal", pk=pk)
    return proposal_detail(request, pk, forms={name: form}, status=400)


@login_required
@require_POST
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    gate.require(request.user, "budgeting.review_proposal", proposal)
    return _act(
        request,
        pk,
        "review",
        ReviewForm(request.POST),
        lambda d: services.proposal_review(
            actor=request.user,
            proposal=proposal,
            feasible=d["feasible"],
            reason=d["reason"],
            cost=pence(d["cost"]),
        ),
        "The review is published.",
    )


@login_required
@require_POST
def proposal_comment(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    gate.require(request.user, "budgeting.support_proposal", proposal.budget.process.initiative)
    return _act(
        request,
        pk,
        "comment",
        CommentForm(request.POST),
        lambda d: services.proposal_comment(actor=request.user, proposal=proposal, text=d["text"]),
        "Your comment is published.",
    )


@login_required
@require_POST
def proposal_reply(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    gate.require(request.user, "budgeting.edit_proposal", proposal)
    return _act(
        request,
        pk,
        "reply",
        ReplyForm(request.POST),
        lambda d: services.proposal_reply(actor=request.user, proposal=proposal, reply=d["reply"]),
        "Your reply is published.",
    )


@login_required
@require_POST
def implementation_update(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    gate.require(request.user, "budgeting.review_proposal", proposal)
    return _act(
        request,
        pk,
        "update",
        UpdateForm(request.POST),
        lambda d: services.implementation_update(actor=request.user, proposal=proposal, **d),
        "The update is published.",
    )


@login_required
@require_POST
def proposal_support(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    withdrawing = request.POST.get("withdraw") == "1"
    try:
        if withdrawing:
            services.proposal_support_withdraw(actor=request.user, proposal=proposal)
        else:
            services.proposal_support(actor=request.user, proposal=proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Your support is withdrawn.") if withdrawing else _("Your support is counted."),
        )
    return redirect("budgeting:proposal", pk=pk)


@sensitive_post_parameters()  # a ballot's choices never reach an error report (ADR 0021)
@login_required
def ballot(request: HttpRequest, pk: int) -> HttpResponse:
    budget = _budget(request, pk)
    process = budget.process
    gate.require(request.user, "budgeting.vote", process.initiative)
    if process.phase != "voting":
        messages.info(
            request,
            _("Voting is not open: the process is in %(phase)s.")
            % {"phase": process.get_phase_display().lower()},
        )
        return redirect("budgeting:process", pk=process.pk)
    proposals = list(budget.proposals.filter(status=ProposalStatus.FEASIBLE).order_by("title"))
    current = selectors.own_ballot(budget, request.user)
    initial: dict[str, Any] = {}
    if current is not None:
        for choice in current.choices.all():
            value = (
                choice.rank
                if process.ballot_type == "ranked"
                else (choice.points if process.ballot_type == "cumulative" else True)
            )
            initial[f"p_{choice.proposal_id}"] = value
            initial["choice"] = choice.proposal_id
    form = BallotForm(request.POST or None, process=process, proposals=proposals, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ballots.ballot_cast(
                actor=request.user,
                budget=budget,
                choices=[ballots.Choice(pk, points) for pk, points in form.chosen()],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your ballot is saved. You can change it until voting closes; "
                    "the last one counts."
                ),
            )
            return redirect("budgeting:process", pk=process.pk)
    context = {"form": form, "budget": budget, "process": process, "voted": current is not None}
    return render(request, "budgeting/ballot.html", context, status=400 if form.errors else 200)


def results(request: HttpRequest, pk: int) -> HttpResponse:
    budget = _budget(request, pk)
    gate.require(request.user, "budgeting.view_results", budget)
    results, comparison = selectors.results(budget), elections.rule_comparison(budget)
    context = {
        "budget": budget,
        "process": budget.process,
        "results": results,
        "comparison": comparison,
        "charts": selectors.results_charts(results, comparison),
        "fewest": selectors.FEWEST_BALLOTS_COUNTED_IN_PUBLIC,
    }
    return render(request, "budgeting/results.html", context)


@login_required
def process_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "budgeting.manage_process", initiative)
    form = ProcessForm(request.POST or None)
    stage = processes_stage(initiative)
    if request.method == "POST" and stage is not None and form.is_valid():
        data = dict(form.cleaned_data)
        budget = (data.pop("budget_name"), pence(data.pop("budget_amount")) or 0, "")
        try:
            process = services.process_create(
                actor=request.user, initiative=initiative, stage=stage, budgets=[budget], **data
            )
        except ValidationError as error:
            add_service_errors(form, error, {"amount": "budget_amount"})
        else:
            messages.success(request, _("The process is set up. Open it for proposals when ready."))
            return redirect("budgeting:manage", pk=process.pk)
    return render(
        request,
        "budgeting/setup.html",
        {"form": form, "initiative": initiative, "stage": stage},
        status=400 if form.errors else 200,
    )


def processes_stage(initiative: Initiative) -> Stage | None:
    return initiative.stages.filter(kind=StageKind.CO_PRIORITISATION).first()


@login_required
def process_manage(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    gate.require(request.user, "budgeting.manage_process", process.initiative)
    budget_form = BudgetForm(request.POST if "add_budget" in request.POST else None)
    codes_form = CodesForm(request.POST if "issue_codes" in request.POST else None)
    importing = "import_proposals" in request.POST
    import_form = ProposalsImportForm(
        request.POST if importing else None, request.FILES if importing else None
    )
    codes: list[str] = []
    status = 200
    try:
        if "advance" in request.POST:
            process = services.phase_advance(
                actor=request.user, process=process, to=request.POST["advance"]
            )
            messages.success(
                request,
                _("The process is now in %(phase)s.") % {"phase": process.get_phase_display()},
            )
            return redirect("budgeting:manage", pk=pk)
        if "count_budget" in request.POST:
            budget = gate.get_object(
                request.user,
                process.budgets.all(),
                "budgeting.view_process",
                pk=request.POST["count_budget"],
            )
            services.budget_count(actor=request.user, budget=budget)
            messages.success(request, _("%(budget)s is counted.") % {"budget": budget.name})
            return redirect("budgeting:manage", pk=pk)
        if budget_form.is_bound and budget_form.is_valid():
            data = budget_form.cleaned_data
            services.budget_add(
                actor=request.user,
                process=process,
                name=data["name"],
                district=data["district"],
                amount=pence(data["amount"]) or 0,
            )
            messages.success(request, _("The budget is added."))
            return redirect("budgeting:manage", pk=pk)
        if import_form.is_bound and import_form.is_valid():
            try:
                added = imports.proposals_import_csv(
                    actor=request.user,
                    process=process,
                    text=import_form.cleaned_data["proposals_file"],
                )
            except ValidationError as error:
                add_service_errors(import_form, error, {"file": "proposals_file"})
            else:
                messages.success(
                    request, _("%(count)s proposals are imported.") % {"count": len(added)}
                )
                return redirect("budgeting:manage", pk=pk)
        if codes_form.is_bound and codes_form.is_valid():
            codes = ballots.voting_codes_issue(
                actor=request.user, process=process, **codes_form.cleaned_data
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        status = 400
    if budget_form.errors or codes_form.errors or import_form.errors:
        status = 400
    context = {
        "process": process,
        "next_phase": selectors.next_phase_of(process),
        "confirming": request.GET.get("confirm") == "advance",
        "budgets": process.budgets.all(),
        "budget_form": budget_form if budget_form.is_bound else BudgetForm(),
        "codes_form": codes_form if codes_form.is_bound else CodesForm(),
        "import_form": import_form,
        "codes": codes,
    }
    return render(request, "budgeting/manage.html", context, status=status)


def results_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The budget's data for counting elsewhere: a pabulib .pb file (every ballot, with no
    voter identity) or the results as CSV; published with the results."""
    budget = _budget(request, pk)
    gate.require(request.user, "budgeting.view_results", budget)
    write = elections.budget_as_pb if kind == "pb" else elections.budget_results_csv
    try:
        text = write(budget)
    except ValidationError as error:  # too few ballots to publish: the results page says so
        messages.error(request, " ".join(error.messages))
        return redirect("budgeting:results", pk=budget.pk)
    content_type = "text/plain; charset=utf-8" if kind == "pb" else "text/csv; charset=utf-8"
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="budget-{budget.pk}.{kind}"'
    return response
