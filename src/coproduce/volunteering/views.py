"""Volunteering pages: thin, through the same services and gate as the API."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import gate
from coproduce.core.charts import bars
from coproduce.core.downloads import csv_response
from coproduce.core.forms import add_service_errors
from coproduce.core.views import one_button_action, saved_form
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.people import offer_members
from coproduce.initiatives.selectors import coordinators_of
from coproduce.initiatives.views import visible
from coproduce.volunteering import selectors, services
from coproduce.volunteering.forms import (
    DecisionForm,
    HoursForm,
    OpportunityForm,
    PeriodForm,
    PolicyForm,
    ShiftForm,
)
from coproduce.volunteering.models import Opportunity, Shift, SignUp


def _opportunity(request: HttpRequest, initiative: Initiative, pk: int) -> Opportunity:
    mine = Opportunity.objects.filter(initiative=initiative)
    return gate.get_object(request.user, mine, "volunteering.view", pk=pk)


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "volunteering.view", initiative)
    can_manage = gate.allows(request.user, "volunteering.manage", initiative)
    context = {
        "initiative": initiative,
        "opportunities": selectors.opportunities_of(initiative),
        "my_sign_ups": selectors.sign_ups_of(initiative, request.user),
        "suggested": selectors.suggested_for(initiative, request.user),
        "can_take_part": gate.allows(request.user, "volunteering.take_part", initiative),
        "can_manage": can_manage,
        "waiting_hours": selectors.hours_waiting(initiative) if can_manage else [],
        "hours_to_confirm": []
        if can_manage or not request.user.is_authenticated
        else selectors.hours_to_confirm(initiative, request.user),
        "decision_form": DecisionForm(),
    }
    return render(request, "volunteering/overview.html", context)


@login_required
def opportunity_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "volunteering.manage", initiative)
    form = OpportunityForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_create(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The opportunity is published; now add its shifts."))
            return redirect("volunteering:opportunity", slug=slug, pk=opportunity.pk)
    context = {
        "initiative": initiative,
        "form": form,
        "heading": _("A new volunteering opportunity"),
    }
    return render(request, "volunteering/form.html", context, status=400 if form.errors else 200)


def opportunity_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    opportunity = _opportunity(request, initiative, pk)
    can_manage = gate.allows(request.user, "volunteering.manage", initiative)
    if request.method == "POST":
        gate.require(request.user, "volunteering.manage", initiative)
    form = ShiftForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.shift_add(actor=request.user, opportunity=opportunity, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The shift is added."))
            return redirect("volunteering:opportunity", slug=slug, pk=pk)
    mine = {s.shift_id: s for s in selectors.sign_ups_of(initiative, request.user)}
    context = {
        "initiative": initiative,
        "opportunity": opportunity,
        "shifts": [(shift, mine.get(shift.pk)) for shift in selectors.shifts_of(opportunity)],
        "now": timezone.now(),
        "can_take_part": gate.allows(request.user, "volunteering.take_part", initiative),
        "can_manage": can_manage,
        "shift_form": form if form.is_bound else ShiftForm(),
    }
    return render(
        request, "volunteering/opportunity.html", context, status=400 if form.errors else 200
    )


def _act(request: HttpRequest, slug: str, work: Callable[[], Any], done: str) -> HttpResponse:
    return one_button_action(
        request,
        work,
        done,
        back_under=f"/initiatives/{slug}/volunteering/",
        fallback=reverse("volunteering:overview", kwargs={"slug": slug}),
    )


@login_required
@require_POST
def sign_up(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    shift = gate.get_object(
        request.user,
        Shift.objects.filter(opportunity__initiative=initiative),
        "volunteering.view",
        pk=pk,
    )
    gate.require(request.user, "volunteering.take_part", initiative)
    result: dict[str, SignUp] = {}

    def work() -> None:
        result["sign_up"] = services.shift_sign_up(actor=request.user, shift=shift)

    response = _act(request, slug, work, _("You are signed up."))
    if result.get("sign_up") is not None and result["sign_up"].status == "waiting":
        messages.info(request, _("The shift is full: you are on its waiting list."))
    _warn_if_over_the_cap(request, initiative, request.user, shift.starts_at.date())
    return response


def _warn_if_over_the_cap(
    request: HttpRequest, initiative: Initiative, person: Any, day: Any
) -> None:
    """Burn-out is a known risk of co-production: say so when someone is giving a lot."""
    minutes = selectors.week_minutes(initiative, person, day)
    cap = selectors.policy_of(initiative).weekly_cap_minutes
    if minutes > cap:
        if person == request.user:
            warning = _(
                "You are giving %(hours)s h %(minutes)s min that week, above the %(cap)s h "
                "the initiative suggests. Please look after yourselves."
            )
        else:
            warning = _(
                "%(person)s is giving %(hours)s h %(minutes)s min that week, above the "
                "%(cap)s h the initiative suggests. Please look after yourselves."
            )
        given = {"person": person, "hours": minutes // 60, "minutes": minutes % 60}
        messages.warning(request, warning % {**given, "cap": cap // 60})


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    mine = SignUp.objects.filter(shift__opportunity__initiative=initiative)
    sign_up = gate.get_object(request.user, mine, "volunteering.view", pk=pk)
    if sign_up.person_id != request.user.pk:
        gate.require(request.user, "volunteering.manage", initiative)
    return _act(
        request,
        slug,
        lambda: services.sign_up_withdraw(actor=request.user, sign_up=sign_up),
        _("The place is given up."),
    )


@login_required
@require_POST
def attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "volunteering.manage", initiative)
    sign_up = gate.get_object(
        request.user,
        SignUp.objects.filter(shift__opportunity__initiative=initiative),
        "volunteering.manage",
        pk=pk,
    )
    attended = request.POST.get("attended") == "1"
    return _act(
        request,
        slug,
        lambda: services.attendance_record(actor=request.user, sign_up=sign_up, attended=attended),
        _("Attendance is recorded; their hours wait for approval.")
        if attended
        else _("Recorded as not attending."),
    )


@login_required
def hours_log(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "volunteering.take_part", initiative)
    if not selectors.opportunities_of(initiative).exists():
        # a dead end says what to do next: a coordinator adds an opportunity; others ask one
        context = {
            "initiative": initiative,
            "can_manage": gate.allows(request.user, "volunteering.manage", initiative),
            "coordinators": coordinators_of(initiative),
        }
        return render(request, "volunteering/nothing_to_log.html", context)
    form = HoursForm(request.POST or None, initiative=initiative, actor=request.user)
    offer_members(form.fields["served"], initiative, excluding=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_log(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            who = form.cleaned_data["served"] or _("a coordinator")
            messages.success(
                request, _("Your hours are logged; %(who)s will confirm them.") % {"who": who}
            )
            return redirect("volunteering:overview", slug=slug)
    context = {"initiative": initiative, "form": form, "heading": _("Log time you gave")}
    return render(request, "volunteering/form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def hours_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    everyone = gate.allows(request.user, "volunteering.manage", initiative)
    seen = selectors.hours_seen_by(initiative, request.user, everyone=everyone)
    log = gate.get_object(request.user, seen, "volunteering.view", pk=pk)
    gate.require(request.user, "volunteering.decide_hours", log)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve the hours."))
        return redirect("volunteering:overview", slug=slug)
    approve = form.cleaned_data["approve"]
    if approve:
        _warn_if_over_the_cap(request, initiative, log.person, log.worked_on)
    return _act(
        request,
        slug,
        lambda: services.hours_decide(
            actor=request.user, log=log, approve=approve, reason=form.cleaned_data["reason"]
        ),
        (
            _("%(person)s's hours are confirmed and their credits earned.")
            if log.served_id == request.user.pk
            else _("%(person)s's hours are approved and their credits earned.")
        )
        % {"person": log.person}
        if approve
        else _("The hours are not approved."),
    )


@login_required
def report(request: HttpRequest, slug: str) -> HttpResponse:
    """Time given and credits earned per person, opportunity and month, its value as a
    range, and how evenly it is spread; coordinators only (it names people)."""
    initiative = visible(request, slug)
    gate.require(request.user, "volunteering.manage", initiative)
    today = timezone.localdate()
    period = PeriodForm(request.GET or {"start": today.replace(month=1, day=1), "end": today})
    policy_form = PolicyForm(
        request.POST or None, instance=selectors.policy_of(initiative), prefix="policy"
    )
    saved = saved_form(
        request,
        policy_form,
        lambda data: services.policy_set(actor=request.user, initiative=initiative, **data),
        _("The cap and valuation are saved."),
        reverse("volunteering:report", kwargs={"slug": slug}),
    )
    if saved is not None:
        return saved
    if not period.is_valid():  # the report's form, saying what to fix (for a CSV too)
        context = {"initiative": initiative, "period": period, "policy_form": policy_form}
        return render(request, "volunteering/report.html", context, status=400)
    result = selectors.report(initiative, period.cleaned_data["start"], period.cleaned_data["end"])
    if period.cleaned_data["format"] == "csv":
        return _report_csv(initiative, result)
    context = {
        "initiative": initiative,
        "period": period,
        "policy_form": policy_form,
        "policy": selectors.policy_of(initiative),
        "report": result,
        "over_the_cap": selectors.over_the_cap(initiative, today),
        "chart": bars(
            (
                row["person__display_name"] or row["person__username"],
                row["minutes"],
                f"{row['minutes'] // 60} h {row['minutes'] % 60} min",
                False,
            )
            for row in result.by_person
        ),
        "month_chart": bars(
            (f"{row['month']:%B %Y}", row["minutes"], f"{row['minutes'] // 60} h", False)
            for row in result.by_month
        ),
    }
    status = 400 if policy_form.errors else 200
    return render(request, "volunteering/report.html", context, status=status)


def _report_csv(initiative: Initiative, result: selectors.Report) -> HttpResponse:
    """Every table of the report in one long table: which table, the row's name, the time
    and credits in minutes, and how many people (or entries, per person); written by the
    platform's one CSV writer, which neutralises names that would start a formula."""
    tables = (
        ("person", result.by_person, "person__username", "entries"),
        ("opportunity", result.by_opportunity, "opportunity__title", "people"),
        ("organisation", result.by_organisation, "opportunity__organisation__name", "people"),
        ("month", result.by_month, "month", "people"),
    )
    rows: list[list[Any]] = [["table", "name", "minutes", "credits_minutes", "people_or_entries"]]
    for table, found, name, count in tables:
        for row in found:
            label = row[name] if table != "month" else f"{row[name]:%Y-%m}"
            if table == "organisation" and label is None:
                label = initiative.title
            rows.append([table, label, row["minutes"], row["credits"] or 0, row[count]])
    return csv_response(f"volunteering-{initiative.slug}-{result.start}-{result.end}.csv", rows)
