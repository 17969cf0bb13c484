"""Co-delivery in a real browser: a shift signed up for, attended, hours approved, credits
earned and spent at a partner, the balance shown, the voucher taken at the door."""

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.initiatives.models import JoinPolicy
from coproduce.organisations.models import Organisation
from coproduce.timecredits import services as credits
from coproduce.timecredits.models import Account, Voucher
from coproduce.timecredits.selectors import ledger_check
from coproduce.volunteering.models import Shift

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    from coproduce.core.vocabulary import StageKind
    from coproduce.initiatives import services as initiatives

    rhian = make_user("rhian", display_name="Rhian Evans")
    initiative = make_initiative(rhian, title="Taff tenants", join_policy=JoinPolicy.OPEN)
    initiatives.stage_create(actor=rhian, initiative=initiative, kind=StageKind.CO_PERFORMING)
    add_member(initiative, make_user("tom", display_name="Tom Price"))
    leisure = Organisation.objects.create(name="Cardiff Leisure Centre", kind="public_agency")
    partner = credits.partner_add(
        actor=rhian,
        initiative=initiative,
        organisation=leisure,
        representatives=[make_user("desk")],
    )
    credits.offer_add(actor=rhian, partner=partner, title="A swim", price=60)
    return initiative


def test_from_a_shift_to_a_swim(open_page: Any, initiative: Any) -> None:
    rhian, tom, desk = open_page(), open_page(), open_page()
    rhian.sign_in("rhian", PASSWORD)
    rhian.visit(f"/initiatives/{initiative.slug}/")
    rhian.page.get_by_role("link", name="Volunteering").click()
    rhian.check()
    rhian.page.get_by_role("link", name="New opportunity").click()
    rhian.check()
    rhian.page.get_by_label("Title").fill("Community garden")
    rhian.page.get_by_label("Role").fill("Weed and water the beds")
    rhian.page.get_by_label("Description").fill("Saturday mornings in the estate's garden.")
    rhian.page.get_by_label("Accessibility notes").fill("Raised beds; step-free path")
    rhian.page.get_by_role("button", name="Save").click()
    rhian.page.get_by_text("The opportunity is published").wait_for()
    rhian.check()
    start = timezone.localtime() + datetime.timedelta(days=3)
    rhian.page.get_by_label("Starts").fill(start.strftime("%Y-%m-%dT10:00"))
    rhian.page.get_by_label("Ends").fill(start.strftime("%Y-%m-%dT13:00"))
    rhian.page.get_by_label("People needed").fill("4")
    rhian.page.get_by_role("button", name="Add the shift").click()
    rhian.page.get_by_text("The shift is added").wait_for()
    rhian.check()
    garden = rhian.page.url

    tom.sign_in("tom", PASSWORD)
    tom.page.goto(garden)
    tom.check()
    tom.page.get_by_role("button", name=re.compile("^Sign up for")).click()
    tom.page.get_by_text("You are signed up").wait_for()
    tom.check()

    # three days pass: the shift has happened
    shift = Shift.objects.get()
    began = timezone.now() - datetime.timedelta(hours=4)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=began, ends_at=began + datetime.timedelta(hours=3)
    )
    rhian.page.goto(garden)
    rhian.check()
    rhian.page.get_by_role("button", name="Attended: Tom Price").click()
    rhian.page.get_by_text("Attendance is recorded").wait_for()
    rhian.check()
    rhian.visit(f"/initiatives/{initiative.slug}/volunteering/")
    rhian.page.get_by_role("button", name="Approve Tom Price's 180 minutes").click()
    rhian.page.get_by_text("Tom Price's hours are approved").wait_for()
    rhian.check()
    rhian.page.get_by_role("link", name="Report, weekly cap and valuation").click()
    rhian.check()
    spread = rhian.page.get_by_role("figure", name="Time given per person, most first").inner_text()
    assert "Tom Price 3 h 0 min" in " ".join(spread.split())

    tom.visit(f"/initiatives/{initiative.slug}/credits/")
    assert "Your balance: 3 h (180 minutes)" in " ".join(tom.page.inner_text("main").split())
    tom.page.get_by_role("button", name="Spend 60 minutes on A swim").click()
    tom.page.get_by_text("Spent 60 minutes: your voucher code is").wait_for()
    tom.check()
    assert "Your balance: 2 h (120 minutes)" in " ".join(tom.page.inner_text("main").split())
    code = Voucher.objects.get().code
    assert code in tom.page.get_by_role("table", name="Your vouchers").inner_text()

    desk.sign_in("desk", PASSWORD)
    desk.visit(
        f"/initiatives/{initiative.slug}/credits/partners/{Voucher.objects.get().offer.partner_id}/redeem/"
    )
    desk.page.get_by_label("Voucher code").fill(code.lower())
    desk.page.get_by_role("button", name="Take the voucher").click()
    desk.page.get_by_text("Voucher accepted: A swim for Tom Price").wait_for()
    desk.check()
    desk.page.get_by_label("Voucher code").fill(code)
    desk.page.get_by_role("button", name="Take the voucher").click()
    desk.page.get_by_text("That voucher was used on").first.wait_for()
    desk.check()

    balances = dict(Account.objects.values_list("kind", "balance").order_by("kind"))
    assert balances == {"initiative": -180, "organisation": 60, "person": 120}
    assert ledger_check().sound
