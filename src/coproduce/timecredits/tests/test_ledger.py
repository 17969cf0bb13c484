"""The time-credit ledger: earning, gifts, limits, corrections, idempotency, the check."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from conftest import World, add_member, make_user
from coproduce.core.errors import Conflict
from coproduce.timecredits import selectors, services
from coproduce.timecredits.models import Account, Transfer


def balances(world: World) -> dict[str, int]:
    return {
        str(a.user or a.organisation or "initiative"): a.balance
        for a in Account.objects.filter(initiative=world.initiative)
    }


def test_earning_gifts_and_the_ledger_summing_to_zero(world: World) -> None:
    friend = make_user("friend")
    add_member(world.initiative, friend)
    services.policy_set(
        actor=world.coordinator,
        initiative=world.initiative,
        minutes_per_hour=60,
        floor=0,
        ceiling=None,
    )
    services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=150
    )
    services.credits_gift(actor=world.member, initiative=world.initiative, to=friend, minutes=30)
    assert balances(world) == {"initiative": -150, "Mo Member": 120, "friend": 30}
    result = selectors.ledger_check(world.initiative)
    assert (result.accounts, result.transfers, result.total, result.sound) == (3, 2, 0, True)


def test_the_rate_turns_time_given_into_credit(world: World) -> None:
    services.policy_set(
        actor=world.coordinator,
        initiative=world.initiative,
        minutes_per_hour=30,
        floor=0,
        ceiling=None,
    )
    transfer, made = services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=90
    )
    assert (transfer.minutes, made, transfer.description) == (45, True, "90 minutes given")


def test_no_balance_goes_below_its_floor_or_above_its_ceiling(world: World) -> None:
    friend = make_user("friend")
    add_member(world.initiative, friend)
    services.policy_set(
        actor=world.coordinator,
        initiative=world.initiative,
        minutes_per_hour=60,
        floor=-60,
        ceiling=120,
    )
    services.credits_gift(actor=world.member, initiative=world.initiative, to=friend, minutes=60)
    with pytest.raises(
        ValidationError, match="Not enough credit: Mo Member has -60 minutes and may go down to -60"
    ):
        services.credits_gift(actor=world.member, initiative=world.initiative, to=friend, minutes=1)
    with pytest.raises(ValidationError, match="can hold at most 120 minutes"):
        services.credits_earn(
            actor=world.coordinator, initiative=world.initiative, person=friend, minutes_given=61
        )
    assert balances(world) == {"Mo Member": -60, "friend": 60}
    assert Transfer.objects.count() == 1
    # the database refuses it too, whatever code tries
    with pytest.raises(DatabaseError), transaction.atomic():
        Account.objects.filter(user=world.member).update(balance=-61)


@pytest.mark.parametrize(
    ("minutes", "message"),
    [(0, "from 1 to"), (-5, "from 1 to"), (2.5, "whole number"), (True, "whole number")],
)
def test_amounts_must_be_positive_whole_minutes(world: World, minutes, message) -> None:
    services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=60
    )
    friend = make_user("friend")
    add_member(world.initiative, friend)
    with pytest.raises(ValidationError, match=message):
        services.credits_gift(
            actor=world.member, initiative=world.initiative, to=friend, minutes=minutes
        )
    assert Transfer.objects.count() == 1


def test_gifts_are_between_members_of_the_initiative(world: World) -> None:
    services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=60
    )
    with pytest.raises(ValidationError, match="No member of this initiative has that username"):
        services.credits_gift(
            actor=world.member, initiative=world.initiative, to=world.outsider, minutes=10
        )
    with pytest.raises(ValidationError, match="someone other than yourself"):
        services.credits_gift(
            actor=world.member, initiative=world.initiative, to=world.member, minutes=10
        )
    with pytest.raises(PermissionDenied):
        services.credits_gift(
            actor=world.outsider, initiative=world.initiative, to=world.member, minutes=10
        )
    with pytest.raises(PermissionDenied):
        services.credits_earn(
            actor=world.member, initiative=world.initiative, person=world.member, minutes_given=600
        )
    assert Transfer.objects.count() == 1
    assert balances(world) == {"initiative": -60, "Mo Member": 60}


def test_accounts_of_another_initiative_are_refused(world: World) -> None:
    add_member(world.other, world.member)
    mine = services.person_account(world.initiative, world.member)
    theirs = services.person_account(world.other, world.member)
    with pytest.raises(ValidationError, match="same initiative"):
        services._move(actor=world.coordinator, kind="gift", debit=mine, credit=theirs, minutes=1)
    assert Transfer.objects.count() == 0


def test_a_retried_request_moves_credits_once(world: World) -> None:
    earn: dict[str, Any] = {
        "actor": world.coordinator,
        "initiative": world.initiative,
        "person": world.member,
    }
    first, made = services.credits_earn(**earn, minutes_given=60, key="shift-41")
    again, made_again = services.credits_earn(**earn, minutes_given=60, key="shift-41")
    assert (made, made_again, again.pk) == (True, False, first.pk)
    with pytest.raises(Conflict, match="used for a different transfer"):
        services.credits_earn(**earn, minutes_given=90, key="shift-41")
    assert Transfer.objects.count() == 1
    assert balances(world) == {"initiative": -60, "Mo Member": 60}


def test_a_correction_moves_the_minutes_back_once_with_a_reason(world: World) -> None:
    transfer, _ = services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=60
    )
    with pytest.raises(ValidationError, match="Say why"):
        services.transfer_reverse(actor=world.coordinator, transfer=transfer, reason=" ")
    with pytest.raises(PermissionDenied):
        services.transfer_reverse(actor=world.member, transfer=transfer, reason="Mine")
    correction, _ = services.transfer_reverse(
        actor=world.coordinator, transfer=transfer, reason="Logged twice"
    )
    assert (correction.kind, correction.reverses_id, correction.reason) == (
        "correction",
        transfer.pk,
        "Logged twice",
    )
    with pytest.raises(ValidationError, match="corrected already"):
        services.transfer_reverse(actor=world.coordinator, transfer=transfer, reason="Again")
    assert balances(world) == {"initiative": 0, "Mo Member": 0}
    assert selectors.ledger_check().sound


def test_transfers_are_never_changed_or_deleted(world: World) -> None:
    transfer, _ = services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=60
    )
    with pytest.raises(PermissionError):
        transfer.save()
    with pytest.raises(PermissionError):
        transfer.delete()
    for statement in (
        "UPDATE timecredits_transfer SET minutes = 600",
        "DELETE FROM timecredits_transfer",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert Transfer.objects.get().minutes == 60


def test_ledger_check_command_finds_a_tampered_balance(world: World, capsys) -> None:
    services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=60
    )
    call_command("ledger", "check")
    assert capsys.readouterr().out.strip() == (
        "ledger sound: 2 accounts, 1 transfers, balances sum to 0"
    )
    account = Account.objects.get(user=world.member)
    Account.objects.filter(pk=account.pk).update(balance=75)
    with pytest.raises(
        CommandError,
        match="ledger NOT sound: 2 accounts, 1 transfers, balances sum to 15; 1 mismatched",
    ):
        call_command("ledger", "check")
    assert f"account {account.pk}: balance 75, transfers sum to 60" in capsys.readouterr().err


def test_limits_change_only_when_every_balance_fits(world: World) -> None:
    services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=120
    )
    with pytest.raises(ValidationError, match="1 people's balances are outside these limits now"):
        services.policy_set(
            actor=world.coordinator,
            initiative=world.initiative,
            minutes_per_hour=60,
            floor=0,
            ceiling=60,
        )
    assert Account.objects.get(user=world.member).ceiling is None
    with pytest.raises(PermissionDenied):
        services.policy_set(
            actor=world.member,
            initiative=world.initiative,
            minutes_per_hour=600,
            floor=-600,
            ceiling=None,
        )


def test_credits_spent_at_a_partner_give_a_voucher_redeemed_once(world: World) -> None:
    from coproduce.organisations.models import Organisation
    from coproduce.timecredits.models import Voucher

    desk = make_user("desk")
    leisure = Organisation.objects.create(name="Riverside Leisure Centre", kind="public_agency")
    partner = services.partner_add(
        actor=world.coordinator,
        initiative=world.initiative,
        organisation=leisure,
        representatives=[desk],
    )
    swim = services.offer_add(actor=world.coordinator, partner=partner, title="A swim", price=60)
    with pytest.raises(ValidationError, match="Not enough credit: Mo Member has 0 minutes"):
        services.offer_buy(actor=world.member, offer=swim)
    services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=90
    )
    voucher, made = services.offer_buy(actor=world.member, offer=swim, key="swim-1")
    replay, made_again = services.offer_buy(actor=world.member, offer=swim, key="swim-1")
    assert (made, made_again, replay.pk, len(voucher.code)) == (True, False, voucher.pk, 10)
    assert balances(world) == {"initiative": -90, "Mo Member": 30, "Riverside Leisure Centre": 60}
    with pytest.raises(PermissionDenied):
        services.voucher_redeem(actor=world.member, partner=partner, code=voucher.code)
    spaced = f"{voucher.code[:5].lower()} {voucher.code[5:]}"
    redeemed = services.voucher_redeem(actor=desk, partner=partner, code=spaced)
    assert redeemed.redeemed_by == desk
    with pytest.raises(ValidationError, match="That voucher was used on"):
        services.voucher_redeem(actor=desk, partner=partner, code=voucher.code)
    with pytest.raises(ValidationError, match="not a voucher for this partner"):
        services.voucher_redeem(actor=desk, partner=partner, code="ZZZZZZZZZZ")
    assert Voucher.objects.get().redeemed_at == redeemed.redeemed_at
    assert selectors.ledger_check().sound
