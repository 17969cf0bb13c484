"""Concurrent spending on PostgreSQL: exactly what an account can afford, never below its floor.

Threads each hold their own database connection, as the web server's workers do.
"""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from conftest import add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.timecredits import selectors, services
from coproduce.timecredits.models import Account, Transfer

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


@pytest.fixture
def circle(transactional_db: Any) -> dict[str, Any]:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    people = [make_user(f"p{i}") for i in range(5)]
    for person in people:
        add_member(initiative, person)
    return {"coordinator": coordinator, "initiative": initiative, "people": people}


@pytest.mark.parametrize("round_", range(3))
def test_fifty_concurrent_spends_of_what_buys_one(circle: dict[str, Any], round_: int) -> None:
    initiative, spender, friend = circle["initiative"], circle["people"][0], circle["people"][1]
    services.credits_earn(
        actor=circle["coordinator"], initiative=initiative, person=spender, minutes_given=60
    )
    results = hammer(
        50,
        lambda i: services.credits_gift(
            actor=spender, initiative=initiative, to=friend, minutes=60
        ),
    )
    made = [r for r in results if isinstance(r, tuple)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(made), len(refused)) == (1, 49)
    assert Account.objects.get(user=spender).balance == 0
    assert Account.objects.get(user=friend).balance == 60
    assert selectors.ledger_check().sound


@pytest.mark.parametrize("round_", range(3))
def test_a_storm_of_transfers_between_five_people_stays_sound(
    circle: dict[str, Any], round_: int
) -> None:
    initiative, people = circle["initiative"], circle["people"]
    for person in people:
        services.credits_earn(
            actor=circle["coordinator"], initiative=initiative, person=person, minutes_given=100
        )

    def gift(i: int) -> Any:
        giver, taker = people[i % 5], people[(i * 3 + 1) % 5]
        if giver == taker:
            taker = people[(i + 1) % 5]
        return services.credits_gift(actor=giver, initiative=initiative, to=taker, minutes=7)

    results = hammer(60, gift)
    assert not [r for r in results if not isinstance(r, (tuple, ValidationError))]
    made = sum(1 for r in results if isinstance(r, tuple))
    assert Transfer.objects.filter(kind="gift").count() == made
    assert min(Account.objects.filter(kind="person").values_list("balance", flat=True)) >= 0
    assert sum(Account.objects.filter(kind="person").values_list("balance", flat=True)) == 500
    assert selectors.ledger_check().sound


def test_one_idempotency_key_sent_twenty_times_at_once_moves_credits_once(
    circle: dict[str, Any],
) -> None:
    initiative, person = circle["initiative"], circle["people"][0]
    results = hammer(
        20,
        lambda i: services.credits_earn(
            actor=circle["coordinator"],
            initiative=initiative,
            person=person,
            minutes_given=60,
            key="shift-7",
        ),
    )
    assert all(isinstance(r, tuple) for r in results), results
    assert sum(1 for _, made in results if made) == 1
    assert len({transfer.pk for transfer, _ in results}) == 1
    assert Account.objects.get(user=person).balance == 60
    assert selectors.ledger_check().sound


def test_a_voucher_redeemed_twenty_times_at_once_works_once(circle: dict[str, Any]) -> None:
    from coproduce.organisations.models import Organisation

    initiative, person = circle["initiative"], circle["people"][0]
    desk = make_user("desk")
    theatre = Organisation.objects.create(name="Sherman Theatre", kind="third_sector")
    partner = services.partner_add(
        actor=circle["coordinator"],
        initiative=initiative,
        organisation=theatre,
        representatives=[desk],
    )
    offer = services.offer_add(
        actor=circle["coordinator"], partner=partner, title="A seat", price=120
    )
    services.credits_earn(
        actor=circle["coordinator"], initiative=initiative, person=person, minutes_given=120
    )
    voucher, _ = services.offer_buy(actor=person, offer=offer)
    results = hammer(
        20, lambda i: services.voucher_redeem(actor=desk, partner=partner, code=voucher.code)
    )
    assert sum(1 for r in results if not isinstance(r, Exception)) == 1
    assert sum(1 for r in results if isinstance(r, ValidationError)) == 19
    assert selectors.ledger_check().sound
