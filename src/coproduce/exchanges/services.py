"""Writes for exchanges of services. Paying for a service goes through the time-credit
ledger (``credits_pay_for_service``), so its limits and idempotency apply unchanged."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core import gate
from coproduce.core.dates import check_date
from coproduce.core.vocabulary import ContributionKind, StageKind, Unit
from coproduce.exchanges.models import (
    OPEN_STATUSES,
    Exchange,
    ExchangeStatus,
    Listing,
    ListingKind,
)
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.services import do_stage_for_record
from coproduce.notifications.kinds import Kind
from coproduce.notifications.services import notify
from coproduce.record import services as record
from coproduce.timecredits import services as credits

MAX_MINUTES = 24 * 60


def _check_minutes(minutes: int | None, field: str = "minutes") -> None:
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        raise ValidationError({field: _("Give between 1 minute and 24 hours (1,440 minutes).")})


@transaction.atomic
def listing_add(
    *,
    actor: Any,
    initiative: Initiative,
    kind: str,
    title: str,
    description: str = "",
    minutes: int | None = None,
) -> Listing:
    """A member posts a service they can offer, or one they need."""
    gate.require(actor, "exchanges.take_part", initiative)
    if kind not in ListingKind.values:
        raise ValidationError({"kind": _("Say whether you offer this or need it.")})
    _check_minutes(minutes)
    listing = Listing(
        initiative=initiative,
        person=actor,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        minutes=minutes,
    )
    listing.full_clean()
    listing.save()
    return listing


@transaction.atomic
def listing_close(*, actor: Any, listing: Listing) -> Listing:
    """Take a listing down (its author, or a coordinator); agreed exchanges carry on."""
    gate.require(actor, "exchanges.close_listing", listing)
    listing.is_open = False
    listing.save(update_fields=["is_open"])
    return listing


@transaction.atomic
def exchange_propose(*, actor: Any, listing: Listing, minutes: int, note: str = "") -> Exchange:
    """Take up a listing: receive the service offered, or give the service needed."""
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    gate.require(actor, "exchanges.take_part", listing.initiative)
    if listing.person_id == actor.pk:
        raise ValidationError({"listing": _("This is your own listing.")})
    if not listing.is_open:
        raise ValidationError({"listing": _("This listing is closed.")})
    _check_minutes(minutes)
    if listing.exchanges.filter(proposed_by=actor, status__in=OPEN_STATUSES).exists():
        raise ValidationError({"listing": _("You have already taken this up.")})
    offer = listing.kind == ListingKind.OFFER
    return Exchange.objects.create(
        listing=listing,
        provider=listing.person if offer else actor,
        receiver=actor if offer else listing.person,
        proposed_by=actor,
        minutes=minutes,
        note=note.strip()[:300],
    )


def _locked(exchange: Exchange) -> Exchange:
    return (
        Exchange.objects.select_for_update()
        .select_related("listing__initiative", "provider", "receiver")
        .get(pk=exchange.pk)
    )


@transaction.atomic
def exchange_answer(*, actor: Any, exchange: Exchange, agree: bool) -> Exchange:
    """The listing's author agrees to the exchange, or declines it."""
    exchange = _locked(exchange)
    gate.require(actor, "exchanges.answer", exchange)
    if exchange.status != ExchangeStatus.PROPOSED:
        raise ValidationError({"exchange": _("This exchange was answered already.")})
    exchange.status = ExchangeStatus.AGREED if agree else ExchangeStatus.DECLINED
    exchange.save(update_fields=["status"])
    notify(
        recipients=[exchange.proposed_by_id],
        kind=Kind.REQUEST_DECIDED,
        message="exchange_agreed" if agree else "exchange_declined",
        params={"person": actor.shown_name, "listing": exchange.listing.title},
        link=reverse("exchanges:overview", args=[exchange.listing.initiative.slug]),
    )
    return exchange


@transaction.atomic
def exchange_cancel(*, actor: Any, exchange: Exchange) -> Exchange:
    exchange = _locked(exchange)
    gate.require(actor, "exchanges.cancel", exchange)
    if exchange.status not in OPEN_STATUSES:
        raise ValidationError({"exchange": _("Only an exchange not yet done can be cancelled.")})
    exchange.status = ExchangeStatus.CANCELLED
    exchange.save(update_fields=["status"])
    return exchange


@transaction.atomic
def exchange_confirm(
    *,
    actor: Any,
    exchange: Exchange,
    done_on: datetime.date,
    minutes: int | None = None,
    key: str = "",
) -> tuple[Exchange, bool]:
    """The receiver confirms the service was given and pays the provider the time it took
    (as agreed, or the actual time), in credit. The provider's time enters the record as a
    contribution to co-performing, whose stage is added (planned) if the initiative has
    none. A retry with the same key returns the exchange already confirmed (False)."""
    exchange = _locked(exchange)
    gate.require(actor, "exchanges.confirm", exchange)
    paid_before = exchange.transfer
    if paid_before is not None and key and paid_before.idempotency_key == key:
        return exchange, False  # the same confirmation, retried (only the receiver pays)
    if exchange.status != ExchangeStatus.AGREED:
        raise ValidationError({"exchange": _("Only an agreed exchange can be confirmed as done.")})
    check_date("done_on", done_on, past_only=True)
    paid = exchange.minutes if minutes is None else minutes
    _check_minutes(paid)
    initiative = exchange.listing.initiative
    what = f"{exchange.listing.title} on {done_on:%d %b %Y}"
    exchange.transfer, _made = credits.credits_pay_for_service(
        actor=actor,
        initiative=initiative,
        to=exchange.provider,
        minutes=paid,
        description=what,
        key=key,
    )
    exchange.contribution = record.do_record_contribution(
        source=exchange,
        recorded_by=actor,
        initiative=initiative,
        stage=do_stage_for_record(initiative, StageKind.CO_PERFORMING),
        kind=ContributionKind.TIME,
        quantity=paid,
        unit=Unit.MINUTES,
        occurred_on=done_on,
        description=f"Exchange: {what}"[:500],
        contributor=exchange.provider,
        paid=False,  # a member's time given in a time bank, paid in credit, not wages
    )
    exchange.status, exchange.minutes, exchange.done_on = ExchangeStatus.DONE, paid, done_on
    exchange.save()
    return exchange, True
