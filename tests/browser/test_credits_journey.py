"""Time credits in a real browser: time credited, balance shown, credit given on."""

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.initiatives.models import JoinPolicy
from coproduce.timecredits import services as credits
from coproduce.timecredits.models import Account
from coproduce.timecredits.selectors import ledger_check

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    rhian = make_user("rhian", display_name="Rhian Evans")
    initiative = make_initiative(rhian, title="Taff tenants", join_policy=JoinPolicy.OPEN)
    add_member(initiative, make_user("tom", display_name="Tom Price"))
    add_member(initiative, make_user("kerry", display_name="Kerry Jones"))
    return initiative


def test_time_credited_then_given_on(open_page: Any, initiative: Any) -> None:
    rhian, tom = open_page(), open_page()
    rhian.sign_in("rhian", PASSWORD)
    rhian.visit(f"/initiatives/{initiative.slug}/")
    rhian.page.get_by_role("link", name="Time credits").click()
    rhian.check()
    rhian.page.get_by_label("Who gave their time").select_option(label="Tom Price")
    rhian.page.get_by_label("Minutes given").fill("150")
    rhian.page.get_by_label("What they did").fill("Ran the Tuesday lunch club")
    rhian.page.get_by_role("button", name="Credit their time").click()
    rhian.page.get_by_text("Tom Price earned 150 minutes").wait_for()
    rhian.check()

    tom.sign_in("tom", PASSWORD)
    tom.visit(f"/initiatives/{initiative.slug}/credits/")
    assert "Your balance: 2 h 30 min (150 minutes)" in " ".join(tom.page.inner_text("main").split())
    tom.page.get_by_label(re.compile(r"^To:?$")).select_option(label="Kerry Jones")
    tom.page.get_by_label("Minutes of credit").fill("200")
    tom.page.get_by_role("button", name="Give").click()
    tom.page.get_by_text("Not enough credit: Tom Price has 150 minutes").first.wait_for()
    tom.check()
    tom.page.get_by_label("Minutes of credit").fill("60")
    tom.page.get_by_role("button", name="Give").click()
    tom.page.get_by_text("You gave 60 minutes to Kerry Jones").wait_for()
    tom.check()
    statement = tom.page.get_by_role("table", name="Your transfers, newest first").inner_text()
    assert "Gift" in statement and "Ran the Tuesday lunch club" in statement

    rhian.visit(f"/initiatives/{initiative.slug}/credits/ledger/")
    rhian.page.get_by_text("The ledger is sound: 4 accounts and 2 transfers").wait_for()
    balances = dict(Account.objects.values_list("user__username", "balance"))
    assert balances == {None: -150, "rhian": 0, "tom": 90, "kerry": 60}  # rhian opened hers
    assert ledger_check().sound


def test_a_service_offered_taken_up_and_paid_in_time(open_page: Any, initiative: Any) -> None:
    kerry, tom = open_page(), open_page()
    credits.credits_earn(
        actor=initiative.created_by,
        initiative=initiative,
        person=get_user_model().objects.get(username="kerry"),
        minutes_given=120,
    )
    tom.sign_in("tom", PASSWORD)
    tom.visit(f"/initiatives/{initiative.slug}/")
    tom.page.get_by_role("link", name="Exchange services").click()
    tom.check()
    tom.page.get_by_label("I can offer").check()
    tom.page.get_by_label("Title").fill("Lifts to the surgery")
    tom.page.get_by_label("About how many minutes (optional)").fill("60")
    tom.page.get_by_role("button", name="Post it").click()
    tom.page.get_by_text("Your listing is up.").wait_for()
    tom.check()

    kerry.sign_in("kerry", PASSWORD)
    kerry.visit(f"/initiatives/{initiative.slug}/exchanges/")
    kerry.check()
    kerry.page.get_by_label("Message (optional)").fill("Thursday at ten?")
    kerry.page.get_by_role("button", name="Ask for this (Lifts to the surgery)").click()
    kerry.page.get_by_text("You asked Tom Price about").wait_for()
    kerry.check()

    tom.visit(f"/initiatives/{initiative.slug}/exchanges/")
    tom.page.get_by_role("button", name="Agree to Lifts to the surgery with Kerry Jones").click()
    tom.page.get_by_text("You agreed").wait_for()
    tom.check()

    kerry.visit(f"/initiatives/{initiative.slug}/exchanges/")
    kerry.page.get_by_label("Minutes it took").fill("45")
    kerry.page.get_by_role("button", name="It was done: pay Tom Price").click()
    kerry.page.get_by_text("Tom Price is paid 45 minutes of credit").wait_for()
    kerry.check()
    assert "Done and paid" in kerry.page.inner_text("main")
    balances = dict(Account.objects.values_list("user__username", "balance"))
    assert balances == {None: -120, "kerry": 75, "tom": 45}
    assert ledger_check().sound
