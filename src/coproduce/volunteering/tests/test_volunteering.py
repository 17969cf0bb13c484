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


def test_report_spread_value_and_csv(client, rota: Rota) -> None:
    from coproduce.volunteering.models import VolunteeringPolicy

    coordinator = rota.world.coordinator
    today = timezone.localdate()
    minutes = {"v0": 300, "v1": 60, "v2": 60}
    for person in rota.volunteers:
        log = services.hours_log(
            actor=person,
            opportunity=rota.opportunity,
            minutes=minutes[person.username],
            worked_on=today,
        )
        services.hours_decide(actor=coordinator, log=log, approve=True)
    services.policy_set(
        actor=coordinator,
        initiative=rota.world.initiative,
        weekly_cap_minutes=240,
        value_low_pence=1_200,
        value_high_pence=1_800,
        value_source="Regional median hourly pay",
        value_year=2025,
    )
    with pytest.raises(ValidationError, match="where the hourly values come from"):
        services.policy_set(actor=coordinator, initiative=rota.world.initiative, value_source=" ")
    assert VolunteeringPolicy.objects.get().value_source == "Regional median hourly pay"
    from coproduce.volunteering import selectors

    result = selectors.report(rota.world.initiative, today.replace(day=1), today)
    assert [(r["person__username"], r["minutes"], r["credits"]) for r in result.by_person] == [
        ("v0", 300, 300),
        ("v1", 60, 60),
        ("v2", 60, 60),
    ]
    assert (result.total_minutes, result.people, round(result.top_tenth_share, 4)) == (
        420,
        3,
        0.7143,
    )
    assert (result.value_low_pence, result.value_high_pence) == (8_400, 12_600)  # 7 h × £12–£18
    assert [(p.username, m) for p, m in selectors.over_the_cap(rota.world.initiative, today)] == [
        ("v0", 300)
    ]
    client.force_login(coordinator)
    page = client.get(
        f"/initiatives/{rota.world.initiative.slug}/volunteering/report/"
    ).content.decode()
    assert "£84.00 to £126.00" in page
    assert "Volunteer 0: 5 h" in page
    csv_text = client.get(
        f"/initiatives/{rota.world.initiative.slug}/volunteering/report/",
        {"start": today.replace(day=1).isoformat(), "end": today.isoformat(), "format": "csv"},
    ).content.decode()
    assert csv_text.splitlines() == [
        "table,name,minutes,credits_minutes,people_or_entries",
        "person,v0,300,300,1",
        "person,v1,60,60,1",
        "person,v2,60,60,1",
        "opportunity,Community shop counter,420,420,3",
        f"organisation,{rota.world.initiative.title},420,420,3",
        f"month,{today:%Y-%m},420,420,3",
    ]
    client.force_login(rota.volunteers[0])
    assert (
        client.get(f"/initiatives/{rota.world.initiative.slug}/volunteering/report/").status_code
        == 403
    )


def test_signing_up_past_the_weekly_cap_warns(client, rota: Rota) -> None:
    services.policy_set(
        actor=rota.world.coordinator, initiative=rota.world.initiative, weekly_cap_minutes=120
    )
    client.force_login(rota.volunteers[0])
    response = client.post(
        f"/initiatives/{rota.world.initiative.slug}/volunteering/shifts/{rota.shift.pk}/sign-up/",
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [
        "You are signed up.",
        "You are giving 3 h 0 min that week, above the 2 h the initiative suggests. Please look "
        "after yourselves.",
    ]
    assert SignUp.objects.get().status == "confirmed"  # a warning, not a refusal


def test_opportunities_are_suggested_from_skills_and_free_times(rota: Rota) -> None:
    from coproduce.volunteering import selectors

    person = rota.volunteers[0]
    assert selectors.suggested_for(rota.world.initiative, person) == []
    rota.opportunity.skills = "Cash handling, Customer service"
    rota.opportunity.save()
    person.skills = "customer service, gardening"
    person.save()
    suggested = selectors.suggested_for(rota.world.initiative, person)
    assert [(o.title, reasons) for o, reasons in suggested] == [
        ("Community shop counter", ["uses your customer service"])
    ]
    start = timezone.localtime(rota.shift.starts_at)
    part = "mornings" if start.hour < 12 else "afternoons" if start.hour < 17 else "evenings"
    person.skills, person.availability = "", part
    person.save()
    assert [r for _, r in selectors.suggested_for(rota.world.initiative, person)] == [
        ["1 upcoming shift when you are free"]
    ]
    person.availability = "mornings" if part != "mornings" else "evenings"
    person.save()
    assert selectors.suggested_for(rota.world.initiative, person) == []


def test_the_person_served_confirms_the_time_given_to_them(rota: Rota) -> None:
    helper, helped, bystander = rota.volunteers
    with pytest.raises(ValidationError, match="someone other than yourself"):
        services.hours_log(
            actor=helper,
            opportunity=rota.opportunity,
            minutes=45,
            worked_on=timezone.localdate(),
            served=helper,
        )
    with pytest.raises(ValidationError, match="No member of this initiative has that username"):
        services.hours_log(
            actor=helper,
            opportunity=rota.opportunity,
            minutes=45,
            worked_on=timezone.localdate(),
            served=rota.world.outsider,
        )
    log = services.hours_log(
        actor=helper,
        opportunity=rota.opportunity,
        minutes=45,
        worked_on=timezone.localdate(),
        note="Fetched the shopping",
        served=helped,
    )
    with pytest.raises(PermissionDenied):
        services.hours_decide(actor=bystander, log=log, approve=True)
    assert HoursLog.objects.get().status == "pending"
    assert not Account.objects.exists()
    confirmed = services.hours_decide(actor=helped, log=log, approve=True)
    assert (confirmed.status, confirmed.decided_by, Account.objects.get(user=helper).balance) == (
        "approved",
        helped,
        45,
    )
    entry = Contribution.objects.get(kind="time")
    assert (entry.contributor, entry.recorded_by, entry.quantity, entry.side) == (
        helper,
        helped,
        45,
        "citizen",
    )
    assert ledger_check().sound


def test_the_person_served_confirms_on_the_page(client, rota: Rota) -> None:
    helper, helped, bystander = rota.volunteers
    slug = rota.world.initiative.slug
    client.force_login(helper)
    logged = client.post(
        f"/initiatives/{slug}/volunteering/hours/",
        {
            "opportunity": rota.opportunity.pk,
            "minutes": "30",
            "worked_on": timezone.localdate().isoformat(),
            "served": helped.pk,
        },
        follow=True,
    )
    assert "Volunteer 1 will confirm them" in logged.content.decode()
    log = HoursLog.objects.get()
    client.force_login(bystander)
    assert (
        client.post(
            f"/initiatives/{slug}/volunteering/hours/{log.pk}/decide/", {"approve": "yes"}
        ).status_code
        == 404
    )
    assert (
        "Time given to you" not in client.get(f"/initiatives/{slug}/volunteering/").content.decode()
    )
    client.force_login(helped)
    page = client.get(f"/initiatives/{slug}/volunteering/").content.decode()
    assert "Time given to you" in page and "Confirm<span" in page
    done = client.post(
        f"/initiatives/{slug}/volunteering/hours/{log.pk}/decide/", {"approve": "yes"}, follow=True
    )
    assert "Volunteer 0&#x27;s hours are confirmed" in done.content.decode()
    assert Account.objects.get(user=helper).balance == 30


def test_time_and_credits_per_organisation(client, rota: Rota) -> None:
    from coproduce.organisations.models import Organisation
    from coproduce.volunteering import selectors

    world, today = rota.world, timezone.localdate()
    shop = Organisation.objects.create(name="Village Shop Ltd", kind="community_group")
    stranger = Organisation.objects.create(name="Elsewhere Trust", kind="third_sector")
    world.initiative.partner_organisations.add(shop)
    with pytest.raises(ValidationError, match="lead organisation or one of its partners"):
        services.opportunity_create(
            actor=world.coordinator,
            initiative=world.initiative,
            stage=rota.opportunity.stage,
            title="Elsewhere",
            role="Help",
            description="Not ours",
            organisation=stranger,
        )
    stocking = services.opportunity_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=rota.opportunity.stage,
        title="Stocking shelves",
        role="Stock",
        description="Fill the shelves",
        organisation=shop,
    )
    for opportunity, person, minutes in (
        (stocking, rota.volunteers[0], 90),
        (stocking, rota.volunteers[1], 30),
        (rota.opportunity, rota.volunteers[1], 60),
    ):
        log = services.hours_log(
            actor=person, opportunity=opportunity, minutes=minutes, worked_on=today
        )
        services.hours_decide(actor=world.coordinator, log=log, approve=True)
    result = selectors.report(world.initiative, today.replace(day=1), today)
    rows = [
        (r["opportunity__organisation__name"], r["minutes"], r["credits"], r["people"])
        for r in result.by_organisation
    ]
    assert rows == [("Village Shop Ltd", 120, 120, 2), (None, 60, 60, 1)]
    client.force_login(world.coordinator)
    page = client.get(f"/initiatives/{world.initiative.slug}/volunteering/report/").content.decode()
    assert "<td>Village Shop Ltd</td><td>2 h</td><td>120</td><td>2</td>" in page
