"""Community shares (an append-only ledger; one member one vote), grants with reporting
dates (received: a contribution of the organisation) and money spent."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import Side
from coproduce.financing import selectors, services
from coproduce.financing.models import Grant, ShareOffer, ShareTransaction, Spending
from coproduce.financing.tests.conftest import in_days
from coproduce.organisations.models import Organisation
from coproduce.record.models import Contribution


def offer(world: World, **changes: Any) -> ShareOffer:
    fields: dict[str, Any] = {
        "title": "Village shop shares",
        "share_price": 2_500,
        "min_shares": 2,
        "max_shares": 40,
        "opens_on": in_days(-1),
        "closes_on": in_days(60),
        "target": 5_000_000,
    }
    fields.update(changes)
    return services.share_offer_create(
        actor=world.coordinator, initiative=world.initiative, **fields
    )


def test_holdings_stay_within_the_offer_and_withdrawals_reverse(world: World) -> None:
    shop = offer(world)
    for bad in (1, 41, 0, -3):
        with pytest.raises(ValidationError) as refused:
            services.shares_buy(actor=world.member, offer=shop, shares=bad)
        assert "shares" in refused.value.message_dict
    assert ShareTransaction.objects.count() == 0
    services.shares_buy(actor=world.member, offer=shop, shares=10)
    with pytest.raises(ValidationError):
        services.shares_buy(actor=world.member, offer=shop, shares=31)
    with pytest.raises(ValidationError):
        services.shares_withdraw(actor=world.member, offer=shop, shares=9)  # would leave 1
    services.shares_withdraw(actor=world.member, offer=shop, shares=4)
    lines = list(ShareTransaction.objects.values_list("shares", "amount"))
    assert lines == [(10, 25_000), (-4, -10_000)]
    assert selectors.offer_totals(shop).capital == 15_000


def test_one_member_one_vote_whatever_the_holding(world: World) -> None:
    shop = offer(world)
    neighbour = make_user("neighbour")
    add_member(world.initiative, neighbour)
    services.shares_buy(actor=world.member, offer=shop, shares=40)
    services.shares_buy(actor=neighbour, offer=shop, shares=2)
    totals = selectors.offer_totals(shop)
    assert (totals.holders, totals.capital) == (2, 105_000)
    services.shares_withdraw(actor=neighbour, offer=shop, shares=2)
    assert selectors.offer_totals(shop).holders == 1


def test_only_members_buy_and_only_coordinators_withdraw_for_others(world: World) -> None:
    shop = offer(world)
    with pytest.raises(PermissionDenied):
        services.shares_buy(actor=world.outsider, offer=shop, shares=5)
    services.shares_buy(actor=world.member, offer=shop, shares=5)
    neighbour = make_user("neighbour")
    add_member(world.initiative, neighbour)
    with pytest.raises(PermissionDenied):
        services.shares_withdraw(actor=neighbour, offer=shop, shares=5, holder=world.member)
    services.shares_withdraw(actor=world.coordinator, offer=shop, shares=5, holder=world.member)
    assert selectors.holding_of(shop, world.member) == 0


def test_a_closed_offer_takes_no_applications(world: World) -> None:
    shop = offer(world, opens_on=in_days(5), closes_on=in_days(10))
    with pytest.raises(ValidationError) as refused:
        services.shares_buy(actor=world.member, offer=shop, shares=5)
    assert refused.value.message_dict == {"shares": ["The offer is not open today."]}


def test_share_ledger_lines_are_never_edited(world: World) -> None:
    shop = offer(world)
    line = services.shares_buy(actor=world.member, offer=shop, shares=5)
    with pytest.raises(PermissionError):
        line.save()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"min_shares": 5, "max_shares": 4}, "max_shares"),
        ({"share_price": 0}, "share_price"),
        ({"closes_on": in_days(-5)}, "closes_on"),
        ({"target": -1}, "target"),
    ],
)
def test_bad_offers_are_refused(world: World, changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        offer(world, **changes)
    assert field in refused.value.message_dict
    assert ShareOffer.objects.count() == 0


def test_a_grant_received_is_the_organisations_contribution(world: World) -> None:
    lottery = Organisation.objects.create(name="Lottery Fund", kind="funder")
    today = datetime.date.today()
    grant = services.grant_create(
        actor=world.coordinator,
        initiative=world.initiative,
        organisation=lottery,
        side=Side.REGULAR_PRODUCER,
        amount=5_000_000,
        conditions="Open six days a week",
        reporting_dates=[in_days(-10), in_days(90), in_days(-40)],
    )
    reports = list(grant.reports.all())
    services.grant_report_submit(actor=world.coordinator, report=reports[0], submitted_on=today)
    reports = list(grant.reports.all())
    assert [selectors.report_status(r) for r in reports] == ["submitted", "overdue", "due"]
    assert Contribution.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.grant_receive(actor=world.member, grant=grant, received_on=today)
    services.grant_receive(actor=world.coordinator, grant=grant, received_on=today)
    entry = Contribution.objects.get()
    assert (entry.organisation, entry.quantity, entry.side, entry.source) == (
        lottery,
        5_000_000,
        Side.REGULAR_PRODUCER,
        grant,
    )
    with pytest.raises(ValidationError):
        services.grant_receive(actor=world.coordinator, grant=grant, received_on=today)
    assert Grant.objects.get().status == "received"


def test_spending_and_the_money_summary(world: World) -> None:
    shop = offer(world)
    services.shares_buy(actor=world.member, offer=shop, shares=4)
    with pytest.raises(ValidationError):
        services.spending_record(
            actor=world.coordinator,
            initiative=world.initiative,
            amount=-5,
            purpose="Shelves",
            spent_on=datetime.date.today(),
        )
    with pytest.raises(PermissionDenied):
        services.spending_record(
            actor=world.member,
            initiative=world.initiative,
            amount=500,
            purpose="Shelves",
            spent_on=datetime.date.today(),
        )
    services.spending_record(
        actor=world.coordinator,
        initiative=world.initiative,
        amount=7_500,
        purpose="Shelves",
        spent_on=datetime.date.today(),
    )
    summary = selectors.money_summary(world.initiative)
    assert (summary.shares, summary.spent, summary.raised) == (10_000, 7_500, 10_000)
    assert Spending.objects.count() == 1
