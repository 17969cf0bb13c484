"""Exchange pages: thin, through the same services and gate as the API."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.core.views import one_button_action
from coproduce.exchanges import selectors, services
from coproduce.exchanges.forms import AnswerForm, ConfirmForm, ListingForm, ProposeForm
from coproduce.exchanges.models import Exchange, Listing
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.views import visible


def _act(request: HttpRequest, slug: str, work: Callable[[], Any], done: str) -> HttpResponse:
    return one_button_action(
        request,
        work,
        done,
        back_under=f"/initiatives/{slug}/exchanges/",
        fallback=reverse("exchanges:overview", kwargs={"slug": slug}),
    )


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """What members offer and need; your listings and exchanges; post a listing."""
    initiative = visible(request, slug)
    gate.require(request.user, "exchanges.take_part", initiative)
    form = ListingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_add(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your listing is up."))
            return redirect("exchanges:overview", slug=slug)
    listings = selectors.open_listings(initiative)
    blank_confirm = ConfirmForm()
    context = {
        "initiative": initiative,
        "form": form,
        "offers": [x for x in listings if x.kind == "offer" and x.person_id != request.user.pk],
        "needs": [x for x in listings if x.kind == "request" and x.person_id != request.user.pk],
        "mine": selectors.listings_of(initiative, request.user).filter(is_open=True),
        "exchanges": selectors.exchanges_seen_by(initiative, request.user, everyone=False),
        "confirm_key": blank_confirm.initial["key"],
        "today": blank_confirm.initial["done_on"],
    }
    return render(request, "exchanges/overview.html", context, status=400 if form.errors else 200)


def _listing(request: HttpRequest, initiative: Initiative, pk: int) -> Listing:
    listings = Listing.objects.filter(initiative=initiative)
    return gate.get_object(request.user, listings, "exchanges.view", pk=pk)


def _exchange(request: HttpRequest, initiative: Initiative, pk: int) -> Exchange:
    everyone = gate.allows(request.user, "exchanges.manage", initiative)
    seen = selectors.exchanges_seen_by(initiative, request.user, everyone=everyone)
    return gate.get_object(request.user, seen, "exchanges.view_exchange", pk=pk)


@login_required
@require_POST
def propose(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    listing = _listing(request, initiative, pk)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the time it takes, from 1 to 1,440 minutes."))
        return redirect("exchanges:overview", slug=slug)
    return _act(
        request,
        slug,
        lambda: services.exchange_propose(actor=request.user, listing=listing, **form.cleaned_data),
        _("You asked %(person)s about “%(title)s”; they will answer.")
        % {"person": listing.person, "title": listing.title},
    )


@login_required
@require_POST
def close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    listing = _listing(request, visible(request, slug), pk)
    gate.require(request.user, "exchanges.close_listing", listing)
    return _act(
        request,
        slug,
        lambda: services.listing_close(actor=request.user, listing=listing),
        _("“%(title)s” is taken down.") % {"title": listing.title},
    )


@login_required
@require_POST
def answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    exchange = _exchange(request, visible(request, slug), pk)
    gate.require(request.user, "exchanges.answer", exchange)
    form = AnswerForm(request.POST)
    agree = form.is_valid() and form.cleaned_data["agree"]
    return _act(
        request,
        slug,
        lambda: services.exchange_answer(actor=request.user, exchange=exchange, agree=agree),
        _("You agreed: arrange the details together.") if agree else _("You declined."),
    )


@login_required
@require_POST
def confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    exchange = _exchange(request, visible(request, slug), pk)
    gate.require(request.user, "exchanges.confirm", exchange)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the day it was done (not in the future) and the minutes."))
        return redirect("exchanges:overview", slug=slug)
    return _act(
        request,
        slug,
        lambda: services.exchange_confirm(
            actor=request.user, exchange=exchange, **form.cleaned_data
        ),
        _("Thank you: %(person)s is paid %(minutes)s minutes of credit.")
        % {"person": exchange.provider, "minutes": form.cleaned_data["minutes"]},
    )


@login_required
@require_POST
def cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    exchange = _exchange(request, visible(request, slug), pk)
    gate.require(request.user, "exchanges.cancel", exchange)
    return _act(
        request,
        slug,
        lambda: services.exchange_cancel(actor=request.user, exchange=exchange),
        _("The exchange is cancelled."),
    )
