"""Volunteering: places, waiting lists, attendance, hours approved into credits and record."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coproduce.record.models import Contribution
from coproduce.timecredits.models import Account
from coproduce.timecredits.selectors import ledger_check
from coproduce.volunteering import services
from coproduce.volunteering.models import HoursLog, SignUp
from coproduce.volunteering.tests.conftest import Rota, make_rota, start_shift


def statuses(rota: Rota) -> dict[str, str]:
    return dict(SignUp.objects.filter(shift=rota.shift).values_list("person__username", "status"))


def test_places_fill_then_a_waiting_list_moves_up(rota: Rota) -> None:
    first, second, third = rota.volunteers
    for person in rota.volunteers:
        services.shift_sign_up(actor=person, shift=rota.shift)
    assert statuses(rota) == {"v0": "confirmed", "v1": "confirmed", "v2": "waiting"}
    with pytest.raises(ValidationError, match="already signed up"):
        services.shift_sign_up(actor=first, shift=rota.shift)
    moved = services.sign_up_withdraw(actor=second, sign_up=SignUp.objects.get(person=second))
    assert moved is not None and moved.person == third
    assert statuses(rota) == {"v0": "confirmed", "v1": "withdrawn", "v2": "confirmed"}
    again = services.shift_sign_up(actor=second, shift=rota.shift)
    assert again.status == "waiting"
    with pytest.raises(PermissionDenied):
        services.sign_up_withdraw(actor=third, sign_up=SignUp.objects.get(person=first))


def test_only_members_sign_up_and_only_to_future_shifts(rota: Rota) -> None:
    with pytest.raises(PermissionDenied):
        services.shift_sign_up(actor=rota.world.outsider, shift=rota.shift)
    start_shift(rota.shift)
    with pytest.raises(ValidationError, match="already started"):
        services.shift_sign_up(actor=rota.volunteers[0], shift=rota.shift)
    assert SignUp.objects.count() == 0


def test_a_role_needing_a_check_takes_only_people_with_one(world) -> None:
    rota = make_rota(world, safeguarding="enhanced")
    person = rota.volunteers[0]
    with pytest.raises(ValidationError, match="needs an enhanced background check"):
        services.shift_sign_up(actor=person, shift=rota.shift)
    today = timezone.localdate()
    services.check_record(
        actor=world.coordinator,
        initiative=world.initiative,
        person=person,
        level="basic",
        checked_on=today,
        expires_on=today + datetime.timedelta(days=365),
    )
    with pytest.raises(ValidationError, match="needs an enhanced background check"):
        services.shift_sign_up(actor=person, shift=rota.shift)
    services.check_record(
        actor=world.coordinator,
        initiative=world.initiative,
        person=person,
        level="enhanced",
        checked_on=today,
        expires_on=today + datetime.timedelta(days=365),
    )
    assert services.shift_sign_up(actor=person, shift=rota.shift).status == "confirmed"


def test_attended_hours_approved_earn_credits_and_enter_the_record(rota: Rota) -> None:
    coordinator, person = rota.world.coordinator, rota.volunteers[0]
    sign_up = services.shift_sign_up(actor=person, shift=rota.shift)
    with pytest.raises(ValidationError, match="once the shift has started"):
        services.attendance_record(actor=coordinator, sign_up=sign_up, attended=True)
    start_shift(rota.shift)
    with pytest.raises(PermissionDenied):
        services.attendance_record(actor=person, sign_up=sign_up, attended=True)
    log = services.attendance_record(actor=coordinator, sign_up=sign_up, attended=True)
    assert log is not None and (log.minutes, log.status) == (180, "pending")
    approved = services.hours_decide(actor=coordinator, log=log, approve=True)
    assert approved.status == "approved"
    assert Account.objects.get(user=person).balance == 180
    contribution = approved.contribution
    assert contribution is not None
    assert (contribution.kind, contribution.quantity, contribution.unit, contribution.side) == (
        "time",
        180,
        "minutes",
        "citizen",
    )
    with pytest.raises(ValidationError, match="decided already"):
        services.hours_decide(actor=coordinator, log=log, approve=True)
    assert Account.objects.get(user=person).balance == 180
    assert ledger_check().sound


def test_no_one_approves_their_own_hours(rota: Rota) -> None:
    coordinator = rota.world.coordinator
    log = services.hours_log(
        actor=coordinator,
        opportunity=rota.opportunity,
        minutes=60,
        worked_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError, match="Someone else must approve your own hours"):
        services.hours_decide(actor=coordinator, log=log, approve=True)
    assert HoursLog.objects.get().status == "pending"
    assert not Account.objects.filter(user=coordinator).exists()
    with pytest.raises(PermissionDenied):
        services.hours_decide(actor=rota.volunteers[0], log=log, approve=True)
    services.hours_decide(actor=rota.world.staff, log=log, approve=True)
    assert Contribution.objects.get(kind="time").side == "regular_producer"  # staff's time


def test_turning_hours_down_needs_a_reason_and_moves_nothing(rota: Rota) -> None:
    log = services.hours_log(
        actor=rota.volunteers[0],
        opportunity=rota.opportunity,
        minutes=30,
        worked_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError, match="Say why"):
        services.hours_decide(actor=rota.world.coordinator, log=log, approve=False)
    rejected = services.hours_decide(
        actor=rota.world.coordinator, log=log, approve=False, reason="Not this initiative's work"
    )
    assert (rejected.status, rejected.transfer_id, rejected.contribution_id) == (
        "rejected",
        None,
        None,
    )
    assert not Account.objects.exists()


def test_hours_must_fit_in_a_day_and_not_be_in_the_future(rota: Rota) -> None:
    person = rota.volunteers[0]
    with pytest.raises(ValidationError, match="between 1 minute and 24 hours"):
        services.hours_log(
            actor=person, opportunity=rota.opportunity, minutes=0, worked_on=timezone.localdate()
        )
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.hours_log(
            actor=person,
            opportunity=rota.opportunity,
            minutes=60,
            worked_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert HoursLog.objects.count() == 0
