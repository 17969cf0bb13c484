"""Equality monitoring pages: the person's own profile, and an initiative's baseline."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.diagnostics.definitions import definition
from coproduce.equality import selectors, services
from coproduce.equality.figures import SUPPRESSION
from coproduce.equality.forms import BaselineForm, ProfileForm
from coproduce.equality.models import LocalityBaseline
from coproduce.equality.vocabulary import CHARACTERISTICS
from coproduce.initiatives.views import visible


# The answers are the person's alone: no cache (shared or their browser's) keeps them, and an
# error report shows none of them.
@sensitive_post_parameters()
@never_cache
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    gate.require(request.user, "equality.keep_profile")
    current = selectors.profile_of(request.user)
    initial = {key: getattr(current, key) for key in CHARACTERISTICS} if current else {}
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            services.equality_profile_save(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your answers are saved. Only you can see them."))
            return redirect("equality:profile")
    context = {"form": form, "has_profile": current is not None, "suppression": SUPPRESSION}
    return render(request, "equality/profile.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def withdraw(request: HttpRequest) -> HttpResponse:
    """Asks first; erases on the confirming POST."""
    gate.require(request.user, "equality.keep_profile")
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        if services.equality_profile_withdraw(actor=request.user):
            messages.success(request, _("Your answers are erased; no figure counts you any more."))
        else:
            messages.info(request, _("You had no answers kept, so there was nothing to erase."))
        return redirect("equality:profile")
    context = {"has_profile": selectors.profile_of(request.user) is not None}
    return render(request, "equality/withdraw.html", context)


INCLUSION_DEFINITIONS = ("people", "representativeness", "suppression")


def _initial(baseline: LocalityBaseline | None) -> dict[str, Any]:
    if baseline is None:
        return {}
    shares = {c: Decimal(tenths) / 10 for c, tenths in baseline.shares.items()}
    return {**shares, "source": baseline.source, "year": baseline.year}


def baseline(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "equality.view_baseline", initiative)
    posted = request.POST.get("characteristic") if request.method == "POST" else None
    if request.method == "POST":
        gate.require(request.user, "equality.enter_baseline", initiative)
    saved = selectors.baselines_of(initiative)
    forms = {
        key: BaselineForm(
            request.POST if key == posted else None,
            characteristic=found,
            initial=_initial(saved.get(key)),
        )
        for key, found in CHARACTERISTICS.items()
    }
    status = 200
    if request.method == "POST" and posted not in forms:
        messages.error(request, _("Say which question's baseline you are saving."))
        status = 400
    elif posted is not None and forms[posted].is_valid():
        form = forms[posted]
        try:
            services.equality_baseline_save(
                actor=request.user,
                initiative=initiative,
                characteristic=posted,
                shares=form.shares(),
                source=form.cleaned_data["source"],
                year=form.cleaned_data["year"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            label = str(CHARACTERISTICS[posted].label).lower()
            messages.success(
                request, _("The locality baseline for %(label)s is saved.") % {"label": label}
            )
            return redirect("equality:baseline", slug=slug)
    if posted in forms and forms[posted].errors:
        status = 400
    can_enter = gate.allows(request.user, "equality.enter_baseline", initiative)
    sections = selectors.baseline_sections(initiative)
    for section in sections:
        section["form"] = forms[section["key"]] if can_enter else None
    # the diagnostics' own words for the figures, written once (diagnostics/definitions.md)
    definitions = [definition(f"inclusion.{key}") for key in INCLUSION_DEFINITIONS]
    context = {"initiative": initiative, "sections": sections, "definitions": definitions}
    return render(request, "equality/baseline.html", context, status=status)
