"""Co-financing pages: thin, through the same services, selectors and gate."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import gate
from coproduce.core.downloads import csv_response
from coproduce.core.forms import add_service_errors
from coproduce.financing import forms, selectors, services
from coproduce.financing.models import Campaign, GrantReport, Pledge, ShareOffer
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.views import visible

QUANTITY_IS_AMOUNT = {"quantity": "amount", "campaign": "amount", "unit": "amount"}


def _found(request: HttpRequest, queryset: Any, pk: int) -> Any:
    return gate.get_object(request.user, queryset, "financing.view", pk=pk)


def _campaign(request: HttpRequest, initiative: Initiative, pk: int) -> Campaign:
    return _found(request, selectors.campaigns_of(initiative), pk)


def _offer(request: HttpRequest, initiative: Initiative, pk: int) -> ShareOffer:
    return _found(request, selectors.offers_of(initiative), pk)


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    campaigns = [(c, selectors.progress(c)) for c in selectors.campaigns_of(initiative)]
    offers = [(o, selectors.offer_totals(o)) for o in selectors.offers_of(initiative)]
    context = {
        "initiative": initiative,
        "campaigns": campaigns,
        "offers": offers,
        "grants": selectors.grant_rows(initiative),
        "spending": selectors.spending_of(initiative),
        "summary": selectors.money_summary(initiative),
        "can_manage": gate.allows(request.user, "financing.manage", initiative),
    }
    return render(request, "financing/overview.html", context)


def _form_page(
    request: HttpRequest,
    initiative: Initiative,
    form_class: type[Any],
    save: Callable[[Any], Any],
    heading: str,
    done: str,
    fields: dict[str, str] | None = None,
) -> HttpResponse:
    """A coordinator's form: checked by the form, saved by ``save`` (a service call), or
    answered 400 with each problem on its field."""
    gate.require(request.user, "financing.manage", initiative)
    form = form_class(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error, fields)
        else:
            messages.success(request, done)
            return (
                redirect(saved)
                if isinstance(saved, str)
                else redirect("financing:overview", slug=initiative.slug)
            )
    context = {"initiative": initiative, "form": form, "heading": heading}
    return render(request, "financing/form.html", context, status=400 if form.errors else 200)


@login_required
def campaign_new(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    return _form_page(
        request,
        initiative,
        forms.CampaignForm,
        lambda data: services.campaign_create(actor=request.user, initiative=initiative, **data),
        _("Open a campaign"),
        _("The campaign is open."),
    )


def campaign_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    campaign = _campaign(request, initiative, pk)
    user = request.user
    form = None
    if request.method == "POST":
        gate.require(user, "financing.pledge", initiative)
        form = forms.PledgeForm(request.POST)
        if form.is_valid():
            try:
                services.pledge_make(actor=user, campaign=campaign, **form.service_fields())
            except ValidationError as error:
                add_service_errors(form, error, QUANTITY_IS_AMOUNT)
            else:
                messages.success(request, _("Thank you: your pledge is made."))
                return redirect("financing:campaign", slug=slug, pk=pk)
    is_coordinator = gate.allows(user, "financing.honour", campaign)
    pledges = selectors.pledges_of(campaign)
    if is_coordinator:
        listed = pledges
    elif user.is_authenticated:
        listed = pledges.filter(pledger=user.pk)
    else:  # pledger=None would list every organisation's pledge
        listed = pledges.none()
    context = {
        "initiative": initiative,
        "campaign": campaign,
        "progress": selectors.progress(campaign),
        "rules": selectors.rules_of(campaign),
        "pledges": [(p, selectors.pledge_giver(p), selectors.describe(p)) for p in listed],
        "counts": selectors.pledge_counts(campaign),
        "is_coordinator": is_coordinator,
        "form": (form or forms.PledgeForm())
        if gate.allows(user, "financing.pledge", initiative)
        else None,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "financing/campaign.html", context, status=status)


@login_required
def match_rule_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    campaign = _campaign(request, initiative, pk)

    def save(data: Any) -> str:
        services.match_rule_create(actor=request.user, campaign=campaign, **data)
        return campaign.get_absolute_url()

    return _form_page(
        request,
        initiative,
        forms.MatchRuleForm,
        save,
        _("Add match funding to %(campaign)s") % {"campaign": campaign},
        _("The match funding is added."),
    )


@login_required
def organisation_pledge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    campaign = _campaign(request, initiative, pk)

    def save(data: Any) -> str:
        form = forms.OrganisationPledgeForm()
        form.cleaned_data = data
        services.pledge_make(actor=request.user, campaign=campaign, **form.service_fields())
        return campaign.get_absolute_url()

    return _form_page(
        request,
        initiative,
        forms.OrganisationPledgeForm,
        save,
        _("Key in an organisation's pledge to %(campaign)s") % {"campaign": campaign},
        _("The organisation's pledge is recorded."),
        QUANTITY_IS_AMOUNT,
    )


def _pledge(request: HttpRequest, initiative: Initiative, pk: int) -> Pledge:
    pledges = Pledge.objects.filter(campaign__initiative=initiative).select_related("campaign")
    return _found(request, pledges, pk)


def _act(request: HttpRequest, done: str, act: Callable[[], Any], back: str) -> HttpResponse:
    try:
        act()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, done)
    return redirect(back)


def _on_pledge(
    request: HttpRequest, slug: str, pk: int, perm: str, act: Callable[..., Any], done: str
) -> HttpResponse:
    """A coordinator's or pledger's button on one pledge: honour it or withdraw it."""
    initiative = visible(request, slug)
    pledge = _pledge(request, initiative, pk)
    gate.require(request.user, perm, pledge)
    return _act(
        request,
        done,
        lambda: act(actor=request.user, pledge=pledge),
        pledge.campaign.get_absolute_url(),
    )


@require_POST
@login_required
def pledge_honour(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    done = _("The pledge is honoured and in the record.")
    return _on_pledge(request, slug, pk, "financing.honour", services.pledge_honour, done)


@require_POST
@login_required
def pledge_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    done = _("The pledge is withdrawn.")
    return _on_pledge(request, slug, pk, "financing.withdraw", services.pledge_withdraw, done)


@require_POST
@login_required
def campaign_lapse(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    campaign = _campaign(request, initiative, pk)
    gate.require(request.user, "financing.honour", campaign)
    return _act(
        request,
        _("The pledges not honoured by the deadline have lapsed."),
        lambda: services.campaign_lapse_overdue(actor=request.user, campaign=campaign),
        campaign.get_absolute_url(),
    )


@login_required
def offer_new(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    return _form_page(
        request,
        initiative,
        forms.ShareOfferForm,
        lambda data: services.share_offer_create(
            actor=request.user, initiative=initiative, **data
        ).get_absolute_url(),
        _("Offer community shares"),
        _("The share offer is made."),
    )


def offer_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    offer = _offer(request, initiative, pk)
    user = request.user
    form = None
    if request.method == "POST":
        gate.require(user, "financing.buy_shares", offer)
        form = forms.SharesForm(request.POST)
        withdrawing = request.POST.get("action") == "withdraw"
        if form.is_valid():
            shares = form.cleaned_data["shares"]
            try:
                if withdrawing:
                    services.shares_withdraw(actor=user, offer=offer, shares=shares)
                else:
                    services.shares_buy(actor=user, offer=offer, shares=shares)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your holding is changed."))
                return redirect(offer.get_absolute_url())
    can_see_holders = gate.allows(user, "financing.view_holders", offer)
    context = {
        "initiative": initiative,
        "offer": offer,
        "totals": selectors.offer_totals(offer),
        "vote_rule": selectors.ONE_MEMBER_ONE_VOTE,
        "holding": selectors.holding_of(offer, user),
        "register": selectors.register(offer) if can_see_holders else None,
        "form": (form or forms.SharesForm())
        if gate.allows(user, "financing.buy_shares", offer)
        else None,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "financing/offer.html", context, status=status)


@login_required
def offer_register_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    offer = _offer(request, initiative, pk)
    gate.require(request.user, "financing.view_holders", offer)
    rows: list[list[Any]] = [["holder", "username", "shares", "capital_pence"]]
    rows += [
        [str(h.holder), h.holder.username, h.shares, h.amount] for h in selectors.register(offer)
    ]
    return csv_response(f"share-register-{offer.pk}.csv", rows)


@login_required
def grant_new(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    return _form_page(
        request,
        initiative,
        forms.GrantForm,
        lambda data: services.grant_create(actor=request.user, initiative=initiative, **data),
        _("Record a grant"),
        _("The grant is recorded."),
    )


@require_POST
@login_required
def grant_receive(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    grant = _found(request, selectors.grants_of(initiative), pk)
    return _dated(
        request,
        slug,
        _("Grant received: it is in the record."),
        grant,
        "received_on",
        lambda day: services.grant_receive(actor=request.user, grant=grant, received_on=day),
    )


@require_POST
@login_required
def report_submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    report = _found(request, GrantReport.objects.filter(grant__initiative=initiative), pk)
    return _dated(
        request,
        slug,
        _("The report is marked submitted."),
        report,
        "submitted_on",
        lambda day: services.grant_report_submit(
            actor=request.user, report=report, submitted_on=day
        ),
    )


def _dated(
    request: HttpRequest, slug: str, done: str, target: Any, field: str, act: Callable[[Any], Any]
) -> HttpResponse:
    gate.require(request.user, "financing.manage", target)
    form = forms.DayForm(request.POST)
    back = redirect("financing:overview", slug=slug)
    if not form.is_valid():
        messages.error(request, _("Give the day as YYYY-MM-DD."))
        return back
    try:
        act(form.cleaned_data["day"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    messages.success(request, done)
    return back


@login_required
def spending_new(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    return _form_page(
        request,
        initiative,
        forms.SpendingForm,
        lambda data: services.spending_record(actor=request.user, initiative=initiative, **data),
        _("Record money spent"),
        _("The spending is recorded."),
    )
