"""Outcome pages: thin, through the same services, selectors and gate."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.people import offer_members
from coproduce.initiatives.views import visible
from coproduce.outcomes import selectors, services
from coproduce.outcomes.chart import line_chart
from coproduce.outcomes.forms import (
    ImportForm,
    IndicatorForm,
    MeasurementForm,
    MeasurementForOthersForm,
)
from coproduce.outcomes.models import Indicator


def _indicator(request: HttpRequest, initiative: Initiative, pk: int) -> Indicator:
    return gate.get_object(
        request.user,
        Indicator.objects.filter(initiative=initiative),
        "outcomes.view_indicator",
        pk=pk,
    )


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    context = {
        "initiative": initiative,
        "summaries": selectors.summaries(initiative),
        "can_manage": gate.allows(request.user, "outcomes.manage", initiative),
        "rule": selectors.RULE,
    }
    return render(request, "outcomes/overview.html", context)


def _initial(indicator: Indicator) -> dict[str, Any]:
    initial = {name: getattr(indicator, name) for name in services.INDICATOR_FIELDS}
    initial["targets"] = "\n".join(
        f"{t.due_on.isoformat()}, {selectors.shown(t.value)}" for t in indicator.targets.all()
    )
    return initial


@login_required
def indicator_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    initiative = visible(request, slug)
    indicator = None if pk is None else _indicator(request, initiative, pk)
    gate.require(request.user, "outcomes.manage", initiative)
    form = IndicatorForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(indicator) if indicator else None,
    )
    if form.is_bound and form.is_valid():
        try:
            saved = services.indicator_save(
                actor=request.user, initiative=initiative, indicator=indicator, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator is saved."))
            return redirect("outcomes:indicator", slug=slug, pk=saved.pk)
    context = {
        "initiative": initiative,
        "indicator": indicator,
        "form": form,
        "heading": _("Change %(indicator)s") % {"indicator": indicator}
        if indicator
        else _("Define an indicator"),
    }
    return render(request, "outcomes/form.html", context, status=400 if form.errors else 200)


def indicator_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    indicator = _indicator(request, initiative, pk)
    user = request.user
    can_measure = gate.allows(user, "outcomes.measure", indicator)
    for_others = gate.allows(user, "outcomes.measure_for_others", indicator)
    form_class = MeasurementForOthersForm if for_others else MeasurementForm
    form = form_class(request.POST if request.method == "POST" else None)
    if for_others:
        offer_members(form.fields["measured_by"], initiative)
    if request.method == "POST":
        gate.require(user, "outcomes.measure", indicator)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if v is not None}
            try:
                services.measurement_record(actor=user, indicator=indicator, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The measurement is recorded."))
                return redirect("outcomes:indicator", slug=slug, pk=pk)
    targets = list(indicator.targets.all())
    monthly = selectors.months(indicator)
    recent = selectors.recent_measurements(indicator)
    latest = recent[0] if recent else None
    context = {
        "initiative": initiative,
        "indicator": indicator,
        "targets": targets,
        "months": monthly,
        "chart": line_chart(indicator, monthly, targets),
        "progress": selectors.progress(indicator, latest, targets),
        "rule": selectors.RULE,
        "recent": selectors.rows(recent),
        "count_shown": f"{selectors.measurement_count(monthly):,}",
        "can_manage": gate.allows(user, "outcomes.manage", initiative),
        "for_others": for_others,
        "form": form if can_measure else None,
    }
    status = 400 if form.errors else 200
    return render(request, "outcomes/indicator.html", context, status=status)


@login_required
def measurements_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    indicator = _indicator(request, initiative, pk)
    gate.require(request.user, "outcomes.measure_for_others", indicator)
    form = ImportForm(request.POST or None, request.FILES or None)
    if form.is_bound and form.is_valid():
        try:
            added = services.measurements_import_csv(
                actor=request.user, indicator=indicator, text=form.cleaned_data["measurements_file"]
            )
        except ValidationError as error:
            add_service_errors(form, error, {"file": "measurements_file"})
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s measurement imported.",
                    "%(count)s measurements imported.",
                    len(added),
                )
                % {"count": len(added)},
            )
            return redirect("outcomes:indicator", slug=slug, pk=pk)
    context = {"initiative": initiative, "indicator": indicator, "form": form}
    return render(request, "outcomes/import.html", context, status=400 if form.errors else 200)
