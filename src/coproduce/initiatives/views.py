"""Initiative pages. Each view reads through selectors, writes through services."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import capabilities, gate
from coproduce.core.forms import add_service_errors
from coproduce.core.people import matching
from coproduce.core.vocabulary import Side, StageKind
from coproduce.initiatives import selectors, services
from coproduce.initiatives.forms import (
    DiagnosticSettingsForm,
    GoalForm,
    GoalRejectForm,
    InitiativeFilterForm,
    InitiativeForm,
    InviteForm,
    JoinForm,
    MemberRemoveForm,
    NewInitiativeForm,
    SideChangeForm,
    StageDeclarationForm,
    StageForm,
)
from coproduce.initiatives.models import Initiative, MembershipStatus


def visible(request: HttpRequest, slug: str) -> Initiative:
    """The initiative at ``slug`` if this person may see it; 404 otherwise."""
    return gate.found(
        request.user, selectors.initiative_by_slug(slug), "initiatives.view_initiative"
    )


@login_required
def people_search(request: HttpRequest, slug: str) -> JsonResponse:
    """Members' names containing ``q``, for the people picker's suggestions: members of
    the initiative only, so no outsider learns who belongs."""
    initiative = visible(request, slug)
    gate.require(request.user, "initiatives.find_people", initiative)
    side = request.GET.get("side") or None
    if side not in {None, *Side.values}:
        side = None
    text = request.GET.get("q", "")[:100]
    people = matching(selectors.active_people(initiative, side=side), text)
    return JsonResponse({"people": people})


@login_required
def invitable_search(request: HttpRequest, slug: str) -> JsonResponse:
    """Names containing ``q`` among the people a coordinator may pick to invite
    (``selectors.invitable_people``), for the invitation form's suggestions."""
    initiative = visible(request, slug)
    gate.require(request.user, "initiatives.manage_members", initiative)
    text = request.GET.get("q", "")[:100]
    return JsonResponse(
        {"people": matching(selectors.invitable_people(initiative, request.user), text)}
    )


def _render_form(
    request: HttpRequest, template: str, context: dict[str, Any], form: Any
) -> HttpResponse:
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


def initiative_list(request: HttpRequest) -> HttpResponse:
    """The live initiatives (the case library keeps the historical ones), searched, filtered
    and sorted by a GET form; a value not offered is named in an error and left out."""
    form = InitiativeFilterForm(
        request.GET or None, localities=selectors.localities_for(request.user)
    )
    valid = form.is_valid() if form.is_bound else True
    chosen = {k: v for k, v in (form.cleaned_data if form.is_bound else {}).items() if v}
    filters = selectors.InitiativeFilters(**chosen)
    initiatives = selectors.live_initiatives_for(request.user, filters)
    page = Paginator(initiatives, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "initiatives/list.html", context, status=200 if valid else 400)


def panels(request: HttpRequest, initiative: Initiative) -> list[tuple[str, dict[str, Any]]]:
    """Each capability's panel this person is shown, as (template, context), in order.

    detail.html includes every panel's template in four places, with ``place`` set to
    "actions" (the buttons under the title), "intro" (before the goals), "sections" (after
    the stages) and "summary" (after the members); the template renders what belongs
    there, its context as ``panel``.
    """
    shown = []
    for panel, context in capabilities.panels():
        data = context(request, initiative)
        if data is not None:
            shown.append((panel.template, data))
    return shown


def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    user = request.user
    members = selectors.members_of(initiative)
    by_side = {side: [m for m in members if m.side == side] for side in Side.values}
    stages = initiative.stages.all()
    declared = selectors.declared_by_stage(initiative)
    context = {
        "initiative": initiative,
        "goals": initiative.goals.all(),
        "stages": stages,
        "stage_rows": [(stage, declared.get(stage.pk)) for stage in stages],
        "members_by_side": [(label, by_side[value]) for value, label in Side.choices],
        "membership": selectors.membership_for(user, initiative),
        "can_manage": gate.allows(user, "initiatives.change_initiative", initiative),
        "can_join": gate.allows(user, "initiatives.join_initiative", initiative),
        "can_leave": gate.allows(user, "initiatives.leave_initiative", initiative),
        "can_change_side": gate.allows(user, "initiatives.change_side", initiative),
        "can_agree": gate.allows(user, "initiatives.agree_goal", initiative),
        "can_reject_goal": gate.allows(user, "initiatives.reject_goal", initiative),
        "can_declare": gate.allows(user, "initiatives.declare_stage", initiative),
        "panels": panels(request, initiative),
    }
    return render(request, "initiatives/detail.html", context)


@login_required
def initiative_create(request: HttpRequest) -> HttpResponse:
    gate.require(request.user, "initiatives.add_initiative")
    form = NewInitiativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your initiative is created. You are its coordinator."))
            return redirect(initiative)
    return _render_form(request, "initiatives/form.html", {"heading": "Start an initiative"}, form)


@login_required
def initiative_edit(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "initiatives.change_initiative", initiative)
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The initiative is saved."))
            return redirect(initiative)
    if form.errors:
        initiative.refresh_from_db()
    context = {"heading": f"Edit {initiative.title}", "initiative": initiative}
    return _render_form(request, "initiatives/form.html", context, form)


@login_required
def initiative_join(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "initiatives.join_initiative", initiative)
    membership = selectors.membership_for(request.user, initiative)
    invited = membership is not None and membership.status == MembershipStatus.INVITED
    form = JoinForm(request.POST or None, invitation=membership if invited else None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_request(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if membership.status == MembershipStatus.ACTIVE:
                messages.success(
                    request,
                    _("You are now a member of %(title)s.") % {"title": initiative.title},
                )
            else:
                messages.success(request, _("Your request is sent; a coordinator will reply."))
            return redirect(initiative)
    context = {"initiative": initiative, "invited": invited}
    return _render_form(request, "initiatives/join.html", context, form)


@login_required
def side_change(request: HttpRequest, slug: str) -> HttpResponse:
    """A member asks to act on another side or in another role; a coordinator decides."""
    initiative = visible(request, slug)
    gate.require(request.user, "initiatives.change_side", initiative)
    membership = selectors.membership_for(request.user, initiative)
    assert membership is not None  # the permission guarantees an active membership
    form = SideChangeForm(
        request.POST or None, initial={"side": membership.side, "role": membership.role}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.side_change_request(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request is sent; a coordinator will reply."))
            return redirect(initiative)
    context = {
        "initiative": initiative,
        "membership": membership,
        "changes": selectors.side_changes_of(request.user, initiative),
    }
    return _render_form(request, "initiatives/side_change.html", context, form)


@login_required
@require_POST
def initiative_leave(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    try:
        services.membership_leave(actor=request.user, initiative=initiative)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(initiative)
    messages.success(request, _("You have left %(title)s.") % {"title": initiative.title})
    return redirect(initiative)


@login_required
def members_manage(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "initiatives.manage_members", initiative)
    form = InviteForm(request.POST or None)
    form.fields["person"].offer(  # type: ignore[attr-defined]
        selectors.invitable_people(initiative, request.user),
        reverse("initiatives:invitable", kwargs={"slug": slug}),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        invitee = form.cleaned_data["person"]
        try:
            services.membership_invite(
                actor=request.user,
                initiative=initiative,
                user=invitee,
                side=form.cleaned_data["side"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"user": "person"})
        else:
            messages.success(request, _("%(person)s is invited.") % {"person": invitee})
            return redirect("initiatives:members", slug=slug)
    if form.errors:
        status = 400
    context = {
        "initiative": initiative,
        "form": form,
        "active": selectors.members_of(initiative),
        "requested": selectors.members_of(initiative, status=MembershipStatus.REQUESTED),
        "invited": selectors.members_of(initiative, status=MembershipStatus.INVITED),
        "side_changes": selectors.side_changes_pending(initiative),
    }
    return render(request, "initiatives/members.html", context, status=status)


def _membership(request: HttpRequest, initiative: Initiative, pk: int) -> Any:
    return gate.get_object(
        request.user, initiative.memberships.all(), "initiatives.manage_members", pk=pk
    )


MEMBER_DECISIONS = {
    "approve",
    "decline",
    "promote",
    "demote",
    "approve_side",
    "refuse_side",
    "reviewer",
    "not_reviewer",
}


@login_required
@require_POST
def member_decide(request: HttpRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    initiative = visible(request, slug)
    membership = _membership(request, initiative, pk)
    if decision not in MEMBER_DECISIONS:
        raise Http404("No such action.")
    try:
        if decision in {"approve", "decline"}:
            services.membership_decide(
                actor=request.user, membership=membership, approve=decision == "approve"
            )
        elif decision in {"approve_side", "refuse_side"}:
            services.side_change_decide(
                actor=request.user, membership=membership, approve=decision == "approve_side"
            )
        elif decision in {"reviewer", "not_reviewer"}:
            services.membership_set_reviewer(
                actor=request.user, membership=membership, is_reviewer=decision == "reviewer"
            )
        else:
            services.membership_set_coordinator(
                actor=request.user, membership=membership, is_coordinator=decision == "promote"
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Membership updated."))
    return redirect("initiatives:members", slug=slug)


def _stage_page(request: HttpRequest, initiative: Initiative, stage: Model | None) -> HttpResponse:
    initial = {}
    if stage is not None:
        initial = {
            f: getattr(stage, f) for f in ("kind", "status", "starts_on", "ends_on", "notes")
        }
    elif request.GET.get("kind") in StageKind.values:
        # a page that needs a stage of a kind links here with it chosen ("?kind=…")
        initial = {"kind": request.GET["kind"]}
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    form = StageForm(request.POST or None, initial=initial)
    if stage is not None:
        form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if stage is None:
                services.stage_create(actor=request.user, initiative=initiative, **data)
            else:
                data.pop("kind")
                services.stage_update(actor=request.user, stage=stage, **data)  # type: ignore[arg-type]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The timeline is saved."))
            return redirect(back or initiative)
    heading = "Add a stage" if stage is None else f"Edit the {stage} stage"
    context = {"initiative": initiative, "heading": heading}
    return _render_form(request, "initiatives/form.html", context, form)


@login_required
def stage_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "initiatives.change_initiative", initiative)
    return _stage_page(request, initiative, None)


@login_required
def stage_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    stage = gate.get_object(
        request.user, initiative.stages.all(), "initiatives.change_initiative", pk=pk
    )
    return _stage_page(request, initiative, stage)


@login_required
def goal_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "initiatives.agree_goal", initiative)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_add(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal is added."))
            return redirect(initiative)
    context = {"initiative": initiative, "heading": "Propose a goal"}
    return _render_form(request, "initiatives/form.html", context, form)


@login_required
@require_POST
def goal_agree(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    goal = gate.get_object(request.user, initiative.goals.all(), "initiatives.agree_goal", pk=pk)
    try:
        services.goal_agree(actor=request.user, goal=goal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your side's agreement is recorded."))
    return redirect(initiative)


@login_required
def goal_reject(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A coordinator rules a goal out, saying why; it stays listed, shown as rejected."""
    initiative = visible(request, slug)
    goal = gate.get_object(
        request.user,
        initiative.goals.filter(rejected_at__isnull=True),
        "initiatives.view_initiative",
        pk=pk,
    )
    gate.require(request.user, "initiatives.reject_goal", goal)
    form = GoalRejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_reject(actor=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal is rejected; the record keeps the decision."))
            return redirect(initiative)
    context = {"initiative": initiative, "heading": f"Reject the goal: {goal.text}"}
    return _render_form(request, "initiatives/form.html", context, form)


@login_required
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A coordinator takes a member out of the initiative, saying why (an exclusion in the
    record)."""
    initiative = visible(request, slug)
    membership = gate.get_object(
        request.user,
        initiative.memberships.filter(status=MembershipStatus.ACTIVE).select_related("user"),
        "initiatives.manage_members",
        pk=pk,
    )
    gate.require(request.user, "initiatives.remove_member", membership)
    form = MemberRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_remove(
                actor=request.user, membership=membership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is removed; the record keeps the decision.")
                % {"person": membership.user},
            )
            return redirect("initiatives:members", slug=slug)
    context = {"initiative": initiative, "heading": f"Remove {membership.user}"}
    return _render_form(request, "initiatives/form.html", context, form)


@login_required
def diagnostic_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """How the diagnostics read this initiative: the threshold, the valuation basis and the
    weekly cap, prefilled with what is saved or the defaults."""
    initiative = visible(request, slug)
    gate.require(request.user, "initiatives.change_diagnostic_settings", initiative)
    current = selectors.diagnostic_settings(initiative)
    form = DiagnosticSettingsForm(
        request.POST or None,
        initial=DiagnosticSettingsForm.initial_from(current),
        at_default=selectors.settings_at_default(current),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.diagnostic_settings_save(
                actor=request.user, initiative=initiative, **form.settings_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error, DiagnosticSettingsForm.SERVICE_FIELDS)
        else:
            messages.success(request, _("The diagnostic settings are saved."))
            return redirect("initiatives:diagnostic_settings", slug=slug)
    context = {"initiative": initiative, "current": current}
    return _render_form(request, "initiatives/diagnostic_settings.html", context, form)


@login_required
def stage_declare(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A coordinator declares who plans, delivers and assesses in a stage, with evidence;
    the stage's earlier declarations are listed, standing or withdrawn."""
    initiative = visible(request, slug)
    stage = gate.get_object(
        request.user, initiative.stages.all(), "initiatives.view_initiative", pk=pk
    )
    gate.require(request.user, "initiatives.declare_stage", initiative)
    form = StageDeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_declare(actor=request.user, stage=stage, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The declaration is recorded as a decision."))
            return redirect("initiatives:stage_declare", slug=slug, pk=stage.pk)
    context = {
        "initiative": initiative,
        "stage": stage,
        "declarations": selectors.stage_declarations(initiative, stage),
    }
    return _render_form(request, "initiatives/stage_declare.html", context, form)
