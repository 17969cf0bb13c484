"""Panels' pages: the list, the public panel page (with the form to join the pool, the
published composition, evidence, recommendations and answers), and the coordinators' pages
to set it up, import the pool, draw it and record what it recommended."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.core.ratelimits import client_key
from coproduce.initiatives.views import visible
from coproduce.panels import selectors, services
from coproduce.panels.forms import (
    AnswerForm,
    EvidenceForm,
    FeatureForm,
    ImportForm,
    PanelForm,
    RecommendationForm,
    RegisterForm,
    SelectionForm,
    SessionForm,
)
from coproduce.panels.models import Panel, PoolMember, Recommendation, RunStatus

REGISTRATIONS_PER_HOUR = "30/h"


def _panel(request: HttpRequest, slug: str, pk: int) -> Panel:
    initiative = visible(request, slug)
    return gate.found(request.user, selectors.panel_in(initiative, pk), "panels.view")


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    form = context.get("form")
    return render(request, template, context, status=400 if form and form.errors else 200)


def _bound(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _saved(request: HttpRequest, form: Any, write: Callable[..., Any], done: str) -> bool:
    """Hand a valid form's data to ``write`` (one service call); show a refusal on the
    form, or ``done`` as the page's message."""
    if not (form.is_bound and form.is_valid()):
        return False
    try:
        write(**form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error, {"quota_min": "categories", "quota_max": "categories"})
        return False
    messages.success(request, done)
    return True


def _url(panel: Panel, name: str = "detail") -> str:
    return reverse(f"panels:{name}", args=[panel.initiative.slug, panel.pk])


def panel_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    context = {
        "initiative": initiative,
        "panels": selectors.panels_of(initiative),
        "can_manage": gate.allows(request.user, "panels.manage", initiative),
    }
    return render(request, "panels/list.html", context)


@login_required
def panel_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "panels.manage", initiative)
    initial = {"stage": services.default_stage(initiative), "households": True}
    form = PanelForm(_bound(request), initiative=initiative, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            panel = services.panel_create(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The panel is set up. Now give its features and quotas."))
            return redirect(_url(panel, "features"))
    return _page(
        request,
        "panels/form.html",
        {"initiative": initiative, "form": form, "heading": _("Set up a citizens' panel")},
    )


@never_cache  # the registration form and the draw's progress change
@ratelimit(key=client_key, rate=REGISTRATIONS_PER_HOUR, method="POST", block=True)
def panel_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(request, slug, pk)
    selected = selectors.is_selected(panel)
    features = selectors.features_with_categories(panel)
    can_manage = gate.allows(request.user, "panels.manage", panel)
    form = None
    if not selected and features:
        if request.method == "POST":
            gate.require(request.user, "panels.register", panel)
        form = RegisterForm(_bound(request), panel=panel, features=features)
        if form.is_bound and form.is_valid():
            try:
                services.pool_register(
                    actor=request.user,
                    panel=panel,
                    details=form.details(),
                    answers=form.answers(),
                    consent=form.cleaned_data["consent"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you: you are in the pool for this panel."))
                return redirect(_url(panel))
    elif request.method == "POST":
        return HttpResponse(_("The pool is closed."), status=405)
    shows_composition = panel.composition_published or can_manage
    context = {
        "initiative": panel.initiative,
        "panel": panel,
        "form": form,
        "features": features,
        "can_manage": can_manage,
        "can_answer": gate.allows(request.user, "panels.answer", panel),
        "run": selectors.latest_run(panel) if can_manage else None,
        "first_run": selectors.selected_run(panel),
        "composition": selectors.composition(panel) if shows_composition and selected else [],
        "pool_size": selectors.pool_size(panel),
        "serving": selectors.serving_count(panel),
        "recommendations": selectors.recommendations(panel),
        "overdue": selectors.answers_overdue(panel),
        "evidence": panel.evidence.all(),
        "sessions": selectors.sessions(panel),
    }
    return _page(request, "panels/detail.html", context)


@login_required
def features(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(request, slug, pk)
    gate.require(request.user, "panels.manage", panel)
    form = FeatureForm(_bound(request))
    write = partial(services.feature_define, actor=request.user, panel=panel)
    if _saved(request, form, write, _("The feature and its quotas are saved.")):
        return redirect(_url(panel, "features"))
    context = {
        "initiative": panel.initiative,
        "panel": panel,
        "form": form,
        "features": selectors.features_with_categories(panel),
    }
    return _page(request, "panels/features.html", context)


@login_required
@never_cache
def pool(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(request, slug, pk)
    gate.require(request.user, "panels.view_pool", panel)
    form = ImportForm(_bound(request), request.FILES or None)
    if form.is_bound and form.is_valid():
        try:
            added = services.pool_import(
                actor=request.user,
                panel=panel,
                csv_text=form.cleaned_data["file"],
                consent_confirmed=form.cleaned_data["consent_confirmed"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"categories": "file"})
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s person added to the pool.", "%(n)s people added to the pool.", added
                )
                % {"n": added},
            )
            return redirect(_url(panel, "pool"))
    context = {
        "initiative": panel.initiative,
        "panel": panel,
        "form": form,
        "members": selectors.pool_rows(panel),
        "features": selectors.features_with_categories(panel),
    }
    return _page(request, "panels/pool.html", context)


@login_required
def drop_out(request: HttpRequest, slug: str, pk: int, member: int) -> HttpResponse:
    panel = _panel(request, slug, pk)
    gate.require(request.user, "panels.manage", panel)
    if request.method != "POST":
        return HttpResponse(status=405)
    found = PoolMember.objects.filter(panel=panel, pk=member).first()
    if found is None:
        raise Http404("Not found.")
    try:
        services.member_drop_out(actor=request.user, member=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Recorded. Draw a replacement from the selection page."))
    return redirect(_url(panel, "pool"))


@login_required
@never_cache
def selection(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(request, slug, pk)
    gate.require(request.user, "panels.manage", panel)
    form = SelectionForm(_bound(request))
    write = partial(services.selection_request, actor=request.user, panel=panel)
    if _saved(request, form, write, _("The draw is queued.")):
        return redirect(_url(panel, "selection"))
    run = selectors.latest_run(panel)
    context = {
        "initiative": panel.initiative,
        "panel": panel,
        "form": form,
        "run": run,
        "busy": run is not None and run.status in (RunStatus.QUEUED, RunStatus.RUNNING),
        "selected": selectors.is_selected(panel),
        "serving": selectors.serving_count(panel),
    }
    return _page(request, "panels/selection.html", context)


@login_required
def publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(request, slug, pk)
    gate.require(request.user, "panels.manage", panel)
    if request.method != "POST":
        return HttpResponse(status=405)
    try:
        services.composition_publish(actor=request.user, panel=panel)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The composition and the chances of selection are public."))
    return redirect(_url(panel))


@login_required
def evidence(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(request, slug, pk)
    gate.require(request.user, "panels.manage", panel)
    form = EvidenceForm(_bound(request))
    write = partial(services.evidence_add, actor=request.user, panel=panel)
    if _saved(request, form, write, _("The evidence is listed on the panel page.")):
        return redirect(_url(panel))
    return _page(
        request,
        "panels/form.html",
        {
            "initiative": panel.initiative,
            "panel": panel,
            "form": form,
            "heading": _("Add evidence"),
        },
    )


@login_required
def sessions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(request, slug, pk)
    gate.require(request.user, "panels.manage", panel)
    form = SessionForm(_bound(request), events=selectors.events_to_add(panel))
    write = partial(services.session_add, actor=request.user, panel=panel)
    if _saved(request, form, write, _("The session is listed on the panel page.")):
        return redirect(_url(panel))
    return _page(
        request,
        "panels/sessions.html",
        {"initiative": panel.initiative, "panel": panel, "form": form},
    )


@login_required
def recommend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(request, slug, pk)
    gate.require(request.user, "panels.manage", panel)
    form = RecommendationForm(
        _bound(request),
        initial={"voted_on": timezone.localdate()},
    )
    write = partial(services.recommendation_add, actor=request.user, panel=panel)
    if _saved(request, form, write, _("The recommendation is recorded.")):
        return redirect(_url(panel))
    return _page(
        request,
        "panels/form.html",
        {
            "initiative": panel.initiative,
            "panel": panel,
            "form": form,
            "heading": _("Record a recommendation"),
        },
    )


@login_required
def answer(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    panel = _panel(request, slug, pk)
    recommendation = Recommendation.objects.filter(panel=panel, number=number).first()
    if recommendation is None:
        raise Http404("Not found.")
    gate.require(request.user, "panels.answer", panel)
    form = AnswerForm(
        _bound(request),
        initial={"answered_on": timezone.localdate()},
    )
    give = partial(
        services.recommendation_answer, actor=request.user, recommendation=recommendation
    )
    if _saved(request, form, give, _("The answer is published and recorded.")):
        return redirect(_url(panel))
    context = {
        "initiative": panel.initiative,
        "panel": panel,
        "form": form,
        "recommendation": recommendation,
        "heading": _("Answer recommendation %(n)s") % {"n": recommendation.number},
    }
    return _page(request, "panels/form.html", context)
