"""Time-credit pages: thin, through the same services and gate as the API."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.core.views import saved_form
from coproduce.initiatives.people import offer_members
from coproduce.initiatives.views import visible
from coproduce.timecredits import selectors, services
from coproduce.timecredits.forms import (
    BuyForm,
    CorrectionForm,
    EarnForm,
    GiftForm,
    PolicyForm,
    RedeemForm,
)
from coproduce.timecredits.models import Partner


@login_required
def credits_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Your balance and statement; give credit; coordinators also credit time given."""
    initiative = visible(request, slug)
    gate.require(request.user, "timecredits.use_credits", initiative)
    can_manage = gate.allows(request.user, "timecredits.manage_credits", initiative)
    buy = BuyForm(request.POST if "buy" in request.POST else None)
    gift = GiftForm(request.POST if "gift" in request.POST else None)
    earn = EarnForm(request.POST if "earn" in request.POST and can_manage else None)
    offer_members(gift.fields["to"], initiative, excluding=request.user)
    offer_members(earn.fields["person"], initiative)
    try:
        if buy.is_bound and buy.is_valid():
            offer = gate.get_object(
                request.user,
                selectors.offers_of(initiative),
                "timecredits.use_credits",
                pk=buy.cleaned_data["offer"],
            )
            voucher, _created = services.offer_buy(
                actor=request.user, offer=offer, key=buy.cleaned_data["key"]
            )
            messages.success(
                request,
                _("Spent %(minutes)s minutes: your voucher code is %(code)s.")
                % {"minutes": offer.price, "code": voucher.code},
            )
            return redirect("timecredits:page", slug=slug)
        if gift.is_bound and gift.is_valid():
            data = gift.cleaned_data
            services.credits_gift(
                actor=request.user,
                initiative=initiative,
                to=data["to"],
                minutes=data["minutes"],
                message=data["message"],
                key=data["key"],
            )
            messages.success(
                request,
                _("You gave %(minutes)s minutes to %(name)s.")
                % {"minutes": data["minutes"], "name": data["to"]},
            )
            return redirect("timecredits:page", slug=slug)
        if earn.is_bound and earn.is_valid():
            data = earn.cleaned_data
            transfer, _created = services.credits_earn(
                actor=request.user,
                initiative=initiative,
                person=data["person"],
                minutes_given=data["minutes_given"],
                description=data["description"],
                key=data["key"],
            )
            messages.success(
                request,
                _("%(name)s earned %(minutes)s minutes.")
                % {"name": data["person"], "minutes": transfer.minutes},
            )
            return redirect("timecredits:page", slug=slug)
    except ValidationError as error:
        if buy.is_bound:
            messages.error(request, " ".join(error.messages))
            return redirect("timecredits:page", slug=slug)
        add_service_errors(gift if gift.is_bound else earn, error, {"person": "person", "to": "to"})
    account = services.person_account(initiative, request.user)
    page = Paginator(selectors.statement(account), 25).get_page(request.GET.get("page"))
    context = {
        "initiative": initiative,
        "account": account,
        "policy": services.policy_of(initiative),
        "page": page,
        "gift_form": gift,
        "earn_form": earn if can_manage else None,
        "can_manage": can_manage,
        "offers": selectors.offers_of(initiative),
        "vouchers": selectors.vouchers_of(initiative, request.user),
        "partners": selectors.partners_redeemable_by(initiative, request.user),
        "buy_key": BuyForm().initial["key"],
    }
    status = 400 if gift.errors or earn.errors else 200
    return render(request, "timecredits/page.html", context, status=status)


@login_required
def ledger_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Every account and transfer of the initiative (coordinators), and its limits."""
    initiative = visible(request, slug)
    gate.require(request.user, "timecredits.view_ledger", initiative)
    policy_form = PolicyForm(
        request.POST or None, instance=services.policy_of(initiative), prefix="policy"
    )
    saved = saved_form(
        request,
        policy_form,
        lambda data: services.policy_set(actor=request.user, initiative=initiative, **data),
        _("The limits are saved."),
        reverse("timecredits:ledger", kwargs={"slug": slug}),
    )
    if saved is not None:
        return saved
    page = Paginator(selectors.ledger_of(initiative), 50).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "initiative": initiative,
        "accounts": selectors.accounts_of(initiative),
        "check": selectors.ledger_check(initiative),
        "page": page,
        "policy_form": policy_form,
        "correction_form": CorrectionForm(),
    }
    return render(
        request, "timecredits/ledger.html", context, status=400 if policy_form.errors else 200
    )


@login_required
@require_POST
def transfer_correct(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "timecredits.manage_credits", initiative)
    transfer = gate.get_object(
        request.user,
        selectors.ledger_of(initiative),
        "timecredits.view_ledger",
        pk=pk,
    )
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the transfer is corrected."))
        return redirect("timecredits:ledger", slug=slug)
    try:
        services.transfer_reverse(
            actor=request.user,
            transfer=transfer,
            reason=form.cleaned_data["reason"],
            key=form.cleaned_data["key"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Transfer %(number)s is corrected.") % {"number": transfer.pk})
    return redirect("timecredits:ledger", slug=slug)


@login_required
def redeem(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Where a partner's people take vouchers: type the code, see what it is for."""
    initiative = visible(request, slug)
    partner = gate.get_object(
        request.user,
        Partner.objects.filter(initiative=initiative).select_related("organisation"),
        "timecredits.redeem_vouchers",
        pk=pk,
    )
    form = RedeemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            voucher = services.voucher_redeem(
                actor=request.user, partner=partner, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Voucher accepted: %(what)s for %(who)s.")
                % {"what": voucher.offer.title, "who": voucher.holder},
            )
            return redirect("timecredits:redeem", slug=slug, pk=pk)
    context = {"initiative": initiative, "partner": partner, "form": form}
    return render(request, "timecredits/redeem.html", context, status=400 if form.errors else 200)
