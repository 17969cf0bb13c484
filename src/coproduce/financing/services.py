"""Writes for co-financing. Each checks its permission through the gate, refuses bad input
naming the field, and writes in one transaction; honoured pledges, their matches and grants
received go to the record through its door, in the co-financing stage.

Match funding is computed on the running total (ADR 0039): a rule's promise is always
``min(cap, floor(eligible × numerator / denominator))`` of the money it has counted so
far, and each new pledge is matched by the difference that total moves by. Flooring each
pledge on its own would lose up to a penny per pledge to the funder; flooring the total
loses at most one penny in all. The rule's row is locked while its totals change, so
pledges made at once cannot push the promise over the cap."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.core import gate
from coproduce.core.dates import check_date
from coproduce.core.queries import storable_text
from coproduce.core.vocabulary import ContributionKind, Side, StageKind, Unit
from coproduce.financing.models import (
    MAX_COUNT,
    MAX_MINUTES,
    MAX_PENCE,
    MAX_RATIO_TERM,
    Campaign,
    Grant,
    GrantReport,
    GrantStatus,
    Match,
    MatchCounts,
    MatchRule,
    Pledge,
    PledgeKind,
    PledgeStatus,
    ShareOffer,
    ShareTransaction,
    Spending,
)
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import standing
from coproduce.initiatives.services import do_stage_for_record
from coproduce.organisations.models import Organisation
from coproduce.record import services as record

MAX_REPORTS = 20
# The units each kind of pledge may be given in, with the largest quantity of each.
PLEDGE_UNITS: dict[str, tuple[str, ...]] = {
    PledgeKind.MONEY: (Unit.PENCE,),
    PledgeKind.TIME: (Unit.MINUTES,),
    PledgeKind.IN_KIND: (Unit.PENCE, Unit.COUNT),
}
LARGEST: dict[str, int] = {Unit.PENCE: MAX_PENCE, Unit.MINUTES: MAX_MINUTES, Unit.COUNT: MAX_COUNT}
# Why a pledge that is no longer open cannot be honoured or withdrawn, by its status.
ALREADY: dict[str, Any] = {
    PledgeStatus.HONOURED: gettext_lazy("This pledge is already honoured (received)."),
    PledgeStatus.WITHDRAWN: gettext_lazy("This pledge is already withdrawn."),
    PledgeStatus.LAPSED: gettext_lazy("This pledge is already lapsed after the deadline."),
}


# What a whole number counts, as the refusal of one out of range names it.
WHOLE_NUMBER = {
    "": gettext_lazy("Give a whole number from %(low)s to %(high)s."),
    "money": gettext_lazy("Give a whole number from %(low)s to %(high)s pence (£10m at most)."),
    Unit.PENCE: gettext_lazy("Give a whole number from %(low)s to %(high)s pence."),
    Unit.MINUTES: gettext_lazy("Give a whole number from %(low)s to %(high)s minutes."),
    Unit.COUNT: gettext_lazy("Give a whole number from %(low)s to %(high)s count."),
}


def check_whole(field: str, value: Any, low: int, high: int, what: str = "") -> int:
    """A whole number from ``low`` to ``high`` (not a bool, a float, NaN or text); ``what``
    (a key of ``WHOLE_NUMBER``) says what it counts."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        message = str(WHOLE_NUMBER[what]) % {"low": f"{low:,}", "high": f"{high:,}"}
        raise ValidationError({field: message})
    return value


def check_pence(field: str, value: Any) -> int:
    return check_whole(field, value, 1, MAX_PENCE, "money")


def check_text(field: str, value: str, limit: int, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This cannot be empty.")})
    if len(text) > limit:
        raise ValidationError(
            {field: _("Keep it to %(limit)s characters.") % {"limit": f"{limit:,}"}}
        )
    if not storable_text(text):
        raise ValidationError({field: _("Write it without null characters.")})
    return text


def check_side(field: str, side: Any) -> str:
    if side not in Side.values:
        raise ValidationError({field: _("Say which side the organisation gives on.")})
    return str(side)


def _stage(initiative: Initiative) -> Any:
    return do_stage_for_record(initiative, StageKind.CO_FINANCING)


# --- campaigns and pledges ---------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    initiative: Initiative,
    title: str,
    purpose: str,
    target: int,
    deadline: datetime.date,
) -> Campaign:
    """Open a campaign towards a target in pence, by a deadline that has not passed."""
    gate.require(actor, "financing.manage", initiative)
    title = check_text("title", title, 200)
    purpose = check_text("purpose", purpose, 1000)
    check_pence("target", target)
    check_date("deadline", deadline)
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
    return Campaign.objects.create(
        initiative=initiative,
        title=title,
        purpose=purpose,
        target=target,
        deadline=deadline,
        created_by=actor,
    )


@transaction.atomic
def match_rule_create(
    *,
    actor: Any,
    campaign: Campaign,
    funder: Organisation,
    funder_side: str,
    numerator: int,
    denominator: int,
    cap: int,
    counts: str,
) -> MatchRule:
    """A funder's promise to add ``numerator`` for every ``denominator`` pence of the money
    pledged from now on that the rule counts, up to ``cap`` pence."""
    gate.require(actor, "financing.manage", campaign.initiative)
    check_side("funder_side", funder_side)
    check_whole("numerator", numerator, 1, MAX_RATIO_TERM)
    check_whole("denominator", denominator, 1, MAX_RATIO_TERM)
    check_pence("cap", cap)
    if counts not in MatchCounts.values:
        raise ValidationError({"counts": _("Say which pledges the rule matches.")})
    return MatchRule.objects.create(
        campaign=campaign,
        funder=funder,
        funder_side=funder_side,
        numerator=numerator,
        denominator=denominator,
        cap=cap,
        counts=counts,
        created_by=actor,
    )


def _counted_by(rule: MatchRule, pledge: Pledge) -> bool:
    if pledge.kind != PledgeKind.MONEY:
        return False
    if rule.counts == MatchCounts.PEOPLE:
        return pledge.pledger_id is not None
    return pledge.organisation_id != rule.funder_id


def match_of(rule: MatchRule, eligible: int) -> int:
    """What a rule promises for ``eligible`` pence counted: the running total, floored,
    never above the cap."""
    return min(rule.cap, eligible * rule.numerator // rule.denominator)


def _match(pledge: Pledge) -> None:
    """Add a new money pledge to each rule that counts it, each rule's row locked (in one
    order, so two pledges never wait on each other) while its totals move."""
    rules = MatchRule.objects.select_for_update().filter(campaign_id=pledge.campaign_id)
    for rule in rules.order_by("pk"):
        if not _counted_by(rule, pledge):
            continue
        eligible = rule.eligible + pledge.quantity
        amount = max(0, match_of(rule, eligible) - rule.matched)
        rule.eligible = eligible
        rule.matched += amount
        rule.save(update_fields=["eligible", "matched"])
        Match.objects.create(rule=rule, pledge=pledge, amount=amount)


def _top_up(rule: MatchRule) -> None:
    """What the rule promises beyond what it has matched goes to the pledges still open
    that the cap left short, the earliest first, each up to its own ratio's worth: a large
    pledge withdrawn does not leave the pledges made meanwhile unmatched. Honoured pledges
    keep their match (it is in the record); pennies left over go to the next pledge."""
    short = match_of(rule, rule.eligible) - rule.matched
    # Pledges are locked before rules everywhere else (withdraw, lapse, honour): one another
    # transaction holds is skipped here, never waited for (which could deadlock); what it
    # would have had stays for the next pledge.
    waiting = (
        Match.objects.select_for_update(skip_locked=True)
        .filter(rule=rule, released=False, pledge__status=PledgeStatus.PLEDGED)
        .select_related("pledge")
        .order_by("pledge_id")
    )
    for match in waiting:
        if short <= 0:
            break
        worth = match.pledge.quantity * rule.numerator // rule.denominator
        extra = min(short, worth - match.amount)
        if extra > 0:
            match.amount += extra
            match.save(update_fields=["amount"])
            rule.matched += extra
            short -= extra
    rule.save(update_fields=["matched"])


def _release(pledge: Pledge) -> None:
    """A pledge withdrawn or lapsed gives back what it was counted for and matched, and
    what that frees goes to the pledges still waiting for a match."""
    matches = Match.objects.filter(pledge=pledge, released=False).order_by("rule_id")
    for match in matches:
        rule = MatchRule.objects.select_for_update().get(pk=match.rule_id)
        rule.eligible -= pledge.quantity
        rule.matched -= match.amount
        rule.save(update_fields=["eligible", "matched"])
        match.released = True
        match.save(update_fields=["released"])
        _top_up(rule)


@transaction.atomic
def pledge_make(
    *,
    actor: Any,
    campaign: Campaign,
    kind: str,
    quantity: int,
    unit: str = "",
    description: str = "",
    organisation: Organisation | None = None,
    side: str | None = None,
) -> Pledge:
    """Promise money (pence), time (minutes) or goods (estimated pence, or a count) to an
    open campaign: as oneself (on the side of one's membership), or, for a coordinator, on
    behalf of an organisation on the side the coordinator gives it."""
    initiative = campaign.initiative
    if organisation is None:
        gate.require(actor, "financing.pledge", initiative)
        pledge_side = str(standing(actor, initiative).side)
    else:
        gate.require(actor, "financing.pledge_for_organisation", initiative)
        pledge_side = check_side("side", side)
    if kind not in PLEDGE_UNITS:
        raise ValidationError({"kind": _("Pledge money, time or goods in kind.")})
    unit = unit or PLEDGE_UNITS[kind][0]
    if unit not in PLEDGE_UNITS[kind]:
        units = " or ".join(PLEDGE_UNITS[kind])
        message = _("A pledge of %(kind)s is given in %(units)s.") % {"kind": kind, "units": units}
        raise ValidationError({"unit": message})
    check_whole("quantity", quantity, 1, LARGEST[unit], unit)
    description = check_text("description", description, 300, required=kind == PledgeKind.IN_KIND)
    if timezone.localdate() > campaign.deadline:
        raise ValidationError({"campaign": _("The campaign's deadline has passed.")})
    pledge = Pledge.objects.create(
        campaign=campaign,
        pledger=None if organisation else actor,
        organisation=organisation,
        side=pledge_side,
        kind=kind,
        quantity=quantity,
        unit=unit,
        description=description,
        keyed_by=actor,
    )
    _match(pledge)
    return pledge


def _locked(pledge: Pledge) -> Pledge:
    locked = Pledge.objects.select_for_update().select_related("campaign").get(pk=pledge.pk)
    if locked.status != PledgeStatus.PLEDGED:
        raise ValidationError(str(ALREADY[locked.status]))
    return locked


@transaction.atomic
def pledge_honour(*, actor: Any, pledge: Pledge) -> Pledge:
    """A coordinator marks a pledge received: then, and only then, it is a contribution in
    the co-financing stage, and each funder's match of it a contribution of the funder."""
    gate.require(actor, "financing.honour", pledge)
    pledge = _locked(pledge)
    today = timezone.localdate()
    pledge.status = PledgeStatus.HONOURED
    pledge.settled_on = today
    pledge.save(update_fields=["status", "settled_on"])
    initiative = pledge.campaign.initiative
    stage = _stage(initiative)
    giver: dict[str, Any] = (
        {"contributor": pledge.pledger}
        if pledge.pledger_id
        else {"organisation": pledge.organisation, "side": pledge.side}
    )
    record.do_record_contribution(
        source=pledge,
        recorded_by=actor,
        initiative=initiative,
        stage=stage,
        kind=ContributionKind(pledge.kind),
        quantity=pledge.quantity,
        unit=pledge.unit,
        occurred_on=today,
        description=(_("Pledge to %(title)s") % {"title": pledge.campaign.title})[:500],
        **giver,
    )
    for match in pledge.matches.select_related("rule__funder").filter(amount__gt=0):
        record.do_record_contribution(
            source=match,
            recorded_by=actor,
            initiative=initiative,
            stage=stage,
            kind=ContributionKind.MONEY,
            quantity=match.amount,
            unit=Unit.PENCE,
            occurred_on=today,
            description=(_("Match funding for %(title)s") % {"title": pledge.campaign.title})[:500],
            organisation=match.rule.funder,
            side=match.rule.funder_side,
        )
    return pledge


@transaction.atomic
def pledge_withdraw(*, actor: Any, pledge: Pledge) -> Pledge:
    """The member who pledged (or a coordinator) withdraws a pledge not yet honoured; its
    match is released for other pledges."""
    gate.require(actor, "financing.withdraw", pledge)
    pledge = _locked(pledge)
    pledge.status = PledgeStatus.WITHDRAWN
    pledge.settled_on = timezone.localdate()
    pledge.save(update_fields=["status", "settled_on"])
    _release(pledge)
    return pledge


@transaction.atomic
def campaign_lapse_overdue(*, actor: Any, campaign: Campaign) -> int:
    """After the deadline, a coordinator lapses the pledges still not honoured; their
    matches are released. Returns how many lapsed."""
    gate.require(actor, "financing.honour", campaign)
    today = timezone.localdate()
    if today <= campaign.deadline:
        raise ValidationError({"campaign": _("Pledges lapse only after the deadline.")})
    lapsed = 0
    open_pledges = Pledge.objects.filter(campaign=campaign, status=PledgeStatus.PLEDGED)
    for pledge in open_pledges.select_for_update().order_by("pk"):
        pledge.status = PledgeStatus.LAPSED
        pledge.settled_on = today
        pledge.save(update_fields=["status", "settled_on"])
        _release(pledge)
        lapsed += 1
    return lapsed


# --- community shares --------------------------------------------------------------------


@transaction.atomic
def share_offer_create(
    *,
    actor: Any,
    initiative: Initiative,
    title: str,
    share_price: int,
    min_shares: int,
    max_shares: int,
    opens_on: datetime.date,
    closes_on: datetime.date,
    target: int,
) -> ShareOffer:
    """Offer community shares to members: a price, the least and most one member may hold,
    the days it is open and the capital it seeks."""
    gate.require(actor, "financing.manage", initiative)
    title = check_text("title", title, 200)
    check_pence("share_price", share_price)
    check_whole("min_shares", min_shares, 1, MAX_COUNT)
    check_whole("max_shares", max_shares, 1, MAX_COUNT)
    if max_shares < min_shares:
        raise ValidationError(
            {"max_shares": _("The most a member may hold is at least the least.")}
        )
    if max_shares * share_price > MAX_PENCE:
        raise ValidationError({"max_shares": _("One holding may be worth £10m at most.")})
    check_pence("target", target)
    check_date("opens_on", opens_on)
    check_date("closes_on", closes_on)
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The offer closes on or after the day it opens.")})
    return ShareOffer.objects.create(
        initiative=initiative,
        title=title,
        share_price=share_price,
        min_shares=min_shares,
        max_shares=max_shares,
        opens_on=opens_on,
        closes_on=closes_on,
        target=target,
        created_by=actor,
    )


def _holding(offer: ShareOffer, holder: Any) -> int:
    lines = ShareTransaction.objects.filter(offer=offer, holder=holder)
    return int(lines.aggregate(n=Sum("shares", default=0))["n"])


@transaction.atomic
def shares_buy(*, actor: Any, offer: ShareOffer, shares: int) -> ShareTransaction:
    """A member applies for shares while the offer is open; the holding afterwards is within
    the offer's least and most. The offer's row is locked so two applications at once
    cannot take one member past the most."""
    gate.require(actor, "financing.buy_shares", offer)
    offer = ShareOffer.objects.select_for_update().get(pk=offer.pk)
    today = timezone.localdate()
    if not offer.opens_on <= today <= offer.closes_on:
        raise ValidationError({"shares": _("The offer is not open today.")})
    check_whole("shares", shares, 1, offer.max_shares)
    holding = _holding(offer, actor) + shares
    if not offer.min_shares <= holding <= offer.max_shares:
        raise ValidationError(
            {
                "shares": _(
                    "A member holds from %(least)s to %(most)s shares; this would make %(holding)s."
                )
                % {
                    "least": f"{offer.min_shares:,}",
                    "most": f"{offer.max_shares:,}",
                    "holding": f"{holding:,}",
                }
            }
        )
    return ShareTransaction.objects.create(
        offer=offer,
        holder=actor,
        shares=shares,
        amount=shares * offer.share_price,
        recorded_by=actor,
    )


@transaction.atomic
def shares_withdraw(
    *, actor: Any, offer: ShareOffer, shares: int, holder: Any = None
) -> ShareTransaction:
    """Withdraw shares (the holder's own, or any holder's by a coordinator) as a reversing
    line of the ledger; what is left is none, or at least the offer's least holding."""
    holder = holder or actor
    if holder.pk != actor.pk:
        gate.require(actor, "financing.view_holders", offer)
    else:
        gate.require(actor, "financing.buy_shares", offer)
    offer = ShareOffer.objects.select_for_update().get(pk=offer.pk)
    holding = _holding(offer, holder)
    if holding == 0:
        raise ValidationError({"shares": _("There are no shares to withdraw.")})
    check_whole("shares", shares, 1, holding)
    left = holding - shares
    if 0 < left < offer.min_shares:
        raise ValidationError(
            {
                "shares": _("Leave none, or at least %(least)s shares.")
                % {"least": f"{offer.min_shares:,}"}
            }
        )
    return ShareTransaction.objects.create(
        offer=offer,
        holder=holder,
        shares=-shares,
        amount=-shares * offer.share_price,
        recorded_by=actor,
    )


# --- grants and spending -----------------------------------------------------------------


def _report_days(days: Iterable[datetime.date]) -> list[datetime.date]:
    wanted = sorted(days)
    if len(wanted) > MAX_REPORTS:
        raise ValidationError(
            {"reporting_dates": _("Give at most %(most)s reporting dates.") % {"most": MAX_REPORTS}}
        )
    if len(set(wanted)) != len(wanted):
        raise ValidationError({"reporting_dates": _("Give each reporting date once.")})
    for day in wanted:
        check_date("reporting_dates", day)
    return wanted


@transaction.atomic
def grant_create(
    *,
    actor: Any,
    initiative: Initiative,
    organisation: Organisation,
    side: str,
    amount: int,
    conditions: str = "",
    reporting_dates: Iterable[datetime.date] = (),
) -> Grant:
    """A grant an organisation awarded, on conditions, with the days its reports are due."""
    gate.require(actor, "financing.manage", initiative)
    check_side("side", side)
    check_pence("amount", amount)
    conditions = check_text("conditions", conditions, 2000, required=False)
    days = _report_days(reporting_dates)
    grant = Grant.objects.create(
        initiative=initiative,
        organisation=organisation,
        side=side,
        amount=amount,
        conditions=conditions,
        created_by=actor,
    )
    GrantReport.objects.bulk_create(GrantReport(grant=grant, due_on=day) for day in days)
    return grant


@transaction.atomic
def grant_receive(*, actor: Any, grant: Grant, received_on: datetime.date) -> Grant:
    """The grant's money arrived: a money contribution attributed to the organisation."""
    gate.require(actor, "financing.manage", grant)
    check_date("received_on", received_on, past_only=True)
    grant = Grant.objects.select_for_update().select_related("initiative").get(pk=grant.pk)
    if grant.status == GrantStatus.RECEIVED:
        raise ValidationError(_("This grant is already received."))
    grant.status = GrantStatus.RECEIVED
    grant.received_on = received_on
    grant.save(update_fields=["status", "received_on"])
    record.do_record_contribution(
        source=grant,
        recorded_by=actor,
        initiative=grant.initiative,
        stage=_stage(grant.initiative),
        kind=ContributionKind.MONEY,
        quantity=grant.amount,
        unit=Unit.PENCE,
        occurred_on=received_on,
        description=(_("Grant from %(organisation)s") % {"organisation": grant.organisation})[:500],
        organisation=grant.organisation,
        side=grant.side,
    )
    return grant


@transaction.atomic
def grant_report_submit(
    *, actor: Any, report: GrantReport, submitted_on: datetime.date
) -> GrantReport:
    """A report the grant asks for was sent to the funder on a day."""
    gate.require(actor, "financing.manage", report)
    check_date("submitted_on", submitted_on, past_only=True)
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    if report.submitted_on is not None:
        raise ValidationError(_("This report is already submitted."))
    report.submitted_on = submitted_on
    report.save(update_fields=["submitted_on"])
    return report


@transaction.atomic
def spending_record(
    *, actor: Any, initiative: Initiative, amount: int, purpose: str, spent_on: datetime.date
) -> Spending:
    """Money the initiative spent, for its accountability page."""
    gate.require(actor, "financing.manage", initiative)
    check_pence("amount", amount)
    purpose = check_text("purpose", purpose, 300)
    check_date("spent_on", spent_on, past_only=True)
    return Spending.objects.create(
        initiative=initiative, amount=amount, purpose=purpose, spent_on=spent_on, recorded_by=actor
    )
