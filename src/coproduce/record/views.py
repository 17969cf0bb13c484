"""Pages that write to and read the co-production record."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.initiatives.views import visible
from coproduce.record import selectors, services
from coproduce.record.forms import ContributionForm, DecisionForm, RecordFilterForm, ReverseForm


def _status(form: Any) -> int:
    return 400 if form.errors else 200


def record_page(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    asked = request.GET.copy()
    for page in ("page", "dpage"):
        asked.pop(page, None)
    form = RecordFilterForm(asked or None)
    if form.is_bound and not form.is_valid():
        return render(
            request, "record/record.html", {"initiative": initiative, "form": form}, status=400
        )
    filters = form.filters()
    contributions = Paginator(selectors.contributions_for(initiative, request.user, filters), 25)
    decisions = Paginator(selectors.decisions_for(initiative, filters), 25)
    context = {
        "initiative": initiative,
        "form": form,
        "filtered": form.is_bound,
        "query": asked.urlencode(),
        "totals": selectors.record_totals(initiative),
        "contributions": contributions.get_page(request.GET.get("page")),
        "unlisted": selectors.unlisted_count(initiative, request.user),
        "decisions": decisions.get_page(request.GET.get("dpage")),
        "can_manage": gate.allows(request.user, "record.add_contribution_for_others", initiative),
    }
    return render(request, "record/record.html", context)


@login_required
def contribution_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    on_behalf = gate.allows(request.user, "record.add_contribution_for_others", initiative)
    if not on_behalf:
        gate.require(request.user, "record.add_contribution", initiative)
    form = ContributionForm(request.POST or None, initiative=initiative, on_behalf=on_behalf)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.contribution_record(
                actor=request.user,
                initiative=initiative,
                stage=data["stage"],
                kind=data["kind"],
                quantity=data["quantity"],
                unit=data["unit"],
                occurred_on=data["occurred_on"],
                description=data["description"],
                contributor=data.get("contributor"),
            )
        except ValidationError as error:
            add_service_errors(form, error, {"quantity": "amount", "unit": "entry_unit"})
        else:
            messages.success(request, _("Your contribution is recorded. Thank you."))
            return redirect(initiative)
    return render(
        request,
        "record/contribution_form.html",
        {"initiative": initiative, "form": form},
        status=_status(form),
    )


@login_required
def decision_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "record.add_decision", initiative)
    form = DecisionForm(
        request.POST or None,
        initiative=initiative,
        sides=services.sides_named_by(request.user, initiative),
        bodies=services.bodies_named_by(request.user, initiative),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect(initiative)
    return render(
        request,
        "record/decision_form.html",
        {"initiative": initiative, "form": form},
        status=_status(form),
    )


@login_required
@require_POST
def contribution_verify(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    contribution = gate.get_object(
        request.user,
        selectors.contributions_for(initiative, request.user),
        "record.view_record",
        pk=pk,
    )
    try:
        services.contribution_verify(actor=request.user, contribution=contribution)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The contribution is verified."))
    return redirect("record:page", slug=slug)


def _reverse_page(
    request: HttpRequest, slug: str, entry: str, pk: int, reverse: Any
) -> HttpResponse:
    initiative = visible(request, slug)
    entries = (
        selectors.contributions_for(initiative, request.user)
        if entry == "contribution"
        else initiative.decisions.all()
    )
    target = gate.get_object(request.user, entries, "record.view_record", pk=pk)
    gate.require(request.user, f"record.reverse_{entry}", target)
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reverse(actor=request.user, **{entry: target}, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The correction is recorded; the original stays visible."))
            return redirect("record:page", slug=slug)
    return render(
        request,
        "record/reverse_form.html",
        {"initiative": initiative, "form": form, "target": target, "entry": entry},
        status=_status(form),
    )


@login_required
def contribution_reverse(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _reverse_page(request, slug, "contribution", pk, services.contribution_reverse)


@login_required
def decision_reverse(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _reverse_page(request, slug, "decision", pk, services.decision_reverse)
