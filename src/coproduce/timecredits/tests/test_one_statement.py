"""Gifts and exchanges in one statement on PostgreSQL (``ledger.move_at_once``), checked
against the transaction that every other movement takes (``services._move``): the same
answer, the same balances, in every case at and around the limits."""

import itertools
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from conftest import add_member, make_initiative, make_user, postgresql_only
from coproduce.core.memo import request_scope
from coproduce.timecredits import ledger, selectors, services
from coproduce.timecredits.models import Account, Transfer

pytestmark = postgresql_only(
    "the one-statement movement is PostgreSQL's; SQLite always takes the transaction"
)


@pytest.fixture
def pair(transactional_db: Any) -> dict[str, Any]:
    """Two members with open accounts, 100 minutes each, outside any test transaction."""
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    giver, receiver = make_user("giver"), make_user("receiver")
    for person in (giver, receiver):
        add_member(initiative, person)
        services.credits_earn(
            actor=coordinator, initiative=initiative, person=person, minutes_given=100
        )
    return {"initiative": initiative, "giver": giver, "receiver": receiver}


def gift(pair: dict[str, Any], minutes: int, key: str = "") -> tuple[Transfer, bool]:
    return services.credits_gift(
        actor=pair["giver"], initiative=pair["initiative"], to=pair["receiver"], minutes=minutes,
        key=key,
    )  # fmt: skip


def balance(user: Any) -> int:
    return Account.objects.get(user=user).balance


def test_a_gift_between_open_accounts_is_two_statements_and_no_transaction(
    pair: dict[str, Any],
) -> None:
    assert connection.get_autocommit()
    with request_scope(), CaptureQueriesContext(connection) as queries:  # as in a request
        transfer, made = gift(pair, 30, key="k1")
    statements = [q["sql"].split()[0] for q in queries.captured_queries]
    assert statements == ["SELECT", "WITH"]  # the two standings; the movement
    assert made is True
    assert (transfer.debit.user, transfer.debit.balance) == (pair["giver"], 70)
    assert (transfer.credit.user, transfer.credit.balance) == (pair["receiver"], 130)
    assert Transfer.objects.get(pk=transfer.pk).idempotency_key == "k1"
    assert (balance(pair["giver"]), balance(pair["receiver"])) == (70, 130)
    assert selectors.ledger_check().sound


def test_a_retry_is_answered_with_the_first_transfer_and_moves_nothing(
    pair: dict[str, Any],
) -> None:
    first, made_first = gift(pair, 30, key="same")
    again, made_again = gift(pair, 30, key="same")
    assert (made_first, made_again, again.pk) == (True, False, first.pk)
    assert (balance(pair["giver"]), balance(pair["receiver"])) == (70, 130)
    assert Transfer.objects.filter(kind="gift").count() == 1


def test_a_refusal_inside_a_callers_transaction_leaves_it_usable(pair: dict[str, Any]) -> None:
    with transaction.atomic():
        with pytest.raises(ValidationError, match="Not enough credit: giver has 100 minutes"):
            gift(pair, 101)
        transfer, made = gift(pair, 40)  # the transaction goes on
    assert (made, transfer.minutes) == (True, 40)
    assert (balance(pair["giver"]), balance(pair["receiver"])) == (60, 140)
    assert Transfer.objects.filter(kind="gift").count() == 1


def outcome(pair: dict[str, Any], state: tuple[Any, ...], minutes: int) -> tuple[Any, ...]:
    """Set both accounts to ``state``, give ``minutes``, and say what happened: the message
    or the amount moved, and both balances after."""
    floor, ceiling, giver_balance, receiver_balance = state
    Account.objects.filter(user=pair["giver"]).update(floor=floor, balance=giver_balance)
    Account.objects.filter(user=pair["receiver"]).update(ceiling=ceiling, balance=receiver_balance)
    try:
        transfer, _ = gift(pair, minutes)
        answer: Any = transfer.minutes
    except ValidationError as error:
        answer = error.message_dict
    return answer, balance(pair["giver"]), balance(pair["receiver"])


def test_one_statement_and_the_transaction_agree_at_every_limit(
    pair: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Floors (none, 0, -30), ceilings (none, 100, 130) and amounts that land exactly on a
    limit, one under and one over: 135 cases, each given both ways from the same state."""
    states = [
        (floor, ceiling, giver, receiver)
        for floor, ceiling in itertools.product([None, 0, -30], [None, 100, 130])
        for giver, receiver in [(0, 0), (30, 100), (31, 99)]
        if (floor is None or giver >= floor) and (ceiling is None or receiver <= ceiling)
    ]
    cases = list(itertools.product(states, [1, 30, 31, 60, 61]))
    fast = [outcome(pair, state, minutes) for state, minutes in cases]
    monkeypatch.setattr(ledger, "move_at_once", lambda *args: False)
    careful = [outcome(pair, state, minutes) for state, minutes in cases]
    assert len(cases) == 135
    assert fast == careful
    room = [
        (floor is None or giver - minutes >= floor)
        and (ceiling is None or receiver + minutes <= ceiling)
        for (floor, ceiling, giver, receiver), minutes in cases
    ]
    assert [isinstance(answer, int) for answer, _, _ in fast] == room
    assert (sum(room), len(room) - sum(room)) == (63, 72)
