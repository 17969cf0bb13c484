"""Reads for co-financing: a campaign's progress, the public totals of share offers and
grants, the register of holders (for coordinators only) and money spent."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.financing.models import (
    Campaign,
    Grant,
    GrantReport,
    Match,
    MatchRule,
    Pledge,
    PledgeKind,
    PledgeStatus,
    ShareOffer,
    ShareTransaction,
    Spending,
)
from coproduce.initiatives.models import Initiative

ONE_MEMBER_ONE_VOTE = gettext_lazy(
    "Each member who holds shares has one vote, however many shares they hold."
)


def pounds(pence: int) -> str:
    """Pence as pounds for reading: £1,234.50, or £1,234 when whole."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}" + (f".{part:02d}" if part else "")


def hours(minutes: int) -> str:
    """Minutes as hours for reading: 2 h, or 2 h 30 min."""
    whole, part = divmod(minutes, 60)
    if part:
        return _("%(hours)s h %(minutes)s min") % {"hours": f"{whole:,}", "minutes": part}
    return _("%(hours)s h") % {"hours": f"{whole:,}"}


@dataclass(frozen=True)
class Progress:
    """A campaign's money against its target, in pence: received (honoured pledges and
    the matches of them), promised (pledges still open), and matched (funders' promises,
    received or not)."""

    target: int
    honoured: int
    pledged: int
    matched: int
    time_minutes: int
    goods_pence: int
    goods_count: int

    @property
    def total(self) -> int:
        return self.honoured + self.pledged + self.matched

    @property
    def bar_value(self) -> int:
        return min(self.total, self.target)

    @property
    def percent(self) -> int:
        return self.total * 100 // self.target

    @property
    def sentence(self) -> str:
        return _(
            "%(total)s of %(target)s (%(percent)s%%): %(honoured)s received, %(pledged)s "
            "pledged and %(matched)s matched by funders."
        ) % {
            "total": pounds(self.total),
            "target": pounds(self.target),
            "percent": self.percent,
            "honoured": pounds(self.honoured),
            "pledged": pounds(self.pledged),
            "matched": pounds(self.matched),
        }


def progress(campaign: Campaign) -> Progress:
    standing = Q(status__in=(PledgeStatus.PLEDGED, PledgeStatus.HONOURED))
    money = Q(kind=PledgeKind.MONEY)
    sums = Pledge.objects.filter(campaign=campaign).aggregate(
        honoured=Sum("quantity", filter=money & Q(status=PledgeStatus.HONOURED), default=0),
        pledged=Sum("quantity", filter=money & Q(status=PledgeStatus.PLEDGED), default=0),
        time=Sum("quantity", filter=standing & Q(kind=PledgeKind.TIME), default=0),
        goods_pence=Sum(
            "quantity", filter=standing & Q(kind=PledgeKind.IN_KIND, unit="pence"), default=0
        ),
        goods_count=Sum(
            "quantity", filter=standing & Q(kind=PledgeKind.IN_KIND, unit="count"), default=0
        ),
    )
    matched = Match.objects.filter(rule__campaign=campaign, released=False).aggregate(
        n=Sum("amount", default=0)
    )["n"]
    return Progress(
        target=campaign.target,
        honoured=sums["honoured"],
        pledged=sums["pledged"],
        matched=matched,
        time_minutes=sums["time"],
        goods_pence=sums["goods_pence"],
        goods_count=sums["goods_count"],
    )


def campaigns_of(initiative: Initiative) -> QuerySet[Campaign]:
    return Campaign.objects.filter(initiative=initiative)


def rules_of(campaign: Campaign) -> QuerySet[MatchRule]:
    return MatchRule.objects.filter(campaign=campaign).select_related("funder")


def pledges_of(campaign: Campaign) -> QuerySet[Pledge]:
    return Pledge.objects.filter(campaign=campaign).select_related("pledger", "organisation")


def pledge_giver(pledge: Pledge) -> str:
    """Who a pledge is from, as listed to the initiative: an organisation by name, a member
    by display name."""
    if pledge.organisation is not None:
        return pledge.organisation.name
    return str(pledge.pledger)


def describe(pledge: Pledge) -> str:
    if pledge.unit == "pence":
        amount = pounds(pledge.quantity)
    elif pledge.unit == "minutes":
        amount = hours(pledge.quantity)
    else:
        amount = f"{pledge.quantity:,}"
    return f"{amount} {pledge.description}".strip() if pledge.kind == PledgeKind.IN_KIND else amount


@dataclass(frozen=True)
class OfferTotals:
    capital: int
    holders: int  # the voting register's size: one member, one vote

    @property
    def shown(self) -> str:
        return pounds(self.capital)


def offer_totals(offer: ShareOffer) -> OfferTotals:
    """The capital raised and the number of holders: what anyone may see."""
    holdings = (
        ShareTransaction.objects.filter(offer=offer)
        .values("holder")
        .annotate(shares=Sum("shares"))
        .filter(shares__gt=0)
    )
    capital = ShareTransaction.objects.filter(offer=offer).aggregate(n=Sum("amount", default=0))
    return OfferTotals(capital=capital["n"], holders=holdings.count())


@dataclass(frozen=True)
class Holding:
    holder: Any
    shares: int
    amount: int


def register(offer: ShareOffer) -> list[Holding]:
    """The register of holders, by name: for coordinators only (the views and API ask
    ``financing.view_holders`` before calling this)."""
    from coproduce.accounts.models import User

    rows = (
        ShareTransaction.objects.filter(offer=offer)
        .values("holder")
        .annotate(shares=Sum("shares"), amount=Sum("amount"))
        .filter(shares__gt=0)
        .order_by("holder")
    )
    people = User.objects.in_bulk([row["holder"] for row in rows])
    return [Holding(people[row["holder"]], row["shares"], row["amount"]) for row in rows]


def holding_of(offer: ShareOffer, person: Any) -> int:
    if not person.is_authenticated:
        return 0
    lines = ShareTransaction.objects.filter(offer=offer, holder=person)
    return int(lines.aggregate(n=Sum("shares", default=0))["n"])


def offers_of(initiative: Initiative) -> QuerySet[ShareOffer]:
    return ShareOffer.objects.filter(initiative=initiative)


def report_status(report: GrantReport, today: datetime.date | None = None) -> str:
    """submitted, overdue (its day has passed unsent) or due."""
    today = today or timezone.localdate()
    if report.submitted_on is not None:
        return "submitted"
    return "overdue" if report.due_on < today else "due"


def grants_of(initiative: Initiative) -> QuerySet[Grant]:
    return (
        Grant.objects.filter(initiative=initiative)
        .select_related("organisation")
        .prefetch_related("reports")
    )


def grant_rows(initiative: Initiative) -> list[tuple[Grant, list[tuple[GrantReport, str]]]]:
    """Each grant with each of its reports and that report's status."""
    return [
        (grant, [(r, report_status(r)) for r in grant.reports.all()])
        for grant in grants_of(initiative)
    ]


def spending_of(initiative: Initiative) -> QuerySet[Spending]:
    return Spending.objects.filter(initiative=initiative)


@dataclass(frozen=True)
class MoneySummary:
    """The initiative's money raised by route and spent, in pence, for the public page."""

    pledges: int
    matches: int
    grants: int
    shares: int
    spent: int

    @property
    def raised(self) -> int:
        return self.pledges + self.matches + self.grants + self.shares


def money_summary(initiative: Initiative) -> MoneySummary:
    honoured = Pledge.objects.filter(
        campaign__initiative=initiative, status=PledgeStatus.HONOURED, kind=PledgeKind.MONEY
    )
    matches = Match.objects.filter(
        rule__campaign__initiative=initiative,
        released=False,
        pledge__status=PledgeStatus.HONOURED,
    )
    grants = Grant.objects.filter(initiative=initiative, status="received")
    shares = ShareTransaction.objects.filter(offer__initiative=initiative)
    return MoneySummary(
        pledges=honoured.aggregate(n=Sum("quantity", default=0))["n"],
        matches=matches.aggregate(n=Sum("amount", default=0))["n"],
        grants=grants.aggregate(n=Sum("amount", default=0))["n"],
        shares=shares.aggregate(n=Sum("amount", default=0))["n"],
        spent=spending_of(initiative).aggregate(n=Sum("amount", default=0))["n"],
    )


def pledge_counts(campaign: Campaign) -> dict[str, int]:
    rows = Pledge.objects.filter(campaign=campaign).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows.order_by()}
