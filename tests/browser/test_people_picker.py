"""Giving credit by picking a name, in a real browser on a phone and a desktop: from a list
when the initiative is small, from suggestions typed for when it is large, and with a clear
answer for a name two people share."""

import re
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core import people
from coproduce.initiatives.models import JoinPolicy
from coproduce.timecredits import services as credits
from coproduce.timecredits.models import Account

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    rhian = make_user("rhian", display_name="Rhian Evans")
    initiative = make_initiative(rhian, title="Taff tenants", join_policy=JoinPolicy.OPEN)
    tom = make_user("tom", display_name="Tom Price")
    add_member(initiative, tom)
    add_member(initiative, make_user("kerry", display_name="Kerry Jones"))
    credits.credits_earn(actor=rhian, initiative=initiative, person=tom, minutes_given=120)
    return initiative


def test_credit_given_by_picking_a_name_from_the_list_on_a_phone(
    open_page: Any, initiative: Any
) -> None:
    tom = open_page()
    tom.sign_in("tom", PASSWORD)
    tom.visit(f"/initiatives/{initiative.slug}/credits/")
    to = tom.page.get_by_label(re.compile(r"^To:?$"))
    options = to.locator("option").all_inner_texts()
    assert options == ["Choose a person", "Kerry Jones", "Rhian Evans"]  # never tom himself
    to.select_option(label="Kerry Jones")
    tom.page.get_by_label("Minutes of credit").fill("30")
    tom.page.get_by_role("button", name="Give").click()
    tom.page.get_by_text("You gave 30 minutes to Kerry Jones.").wait_for()
    tom.check()
    balances = dict(Account.objects.exclude(user=None).values_list("user__username", "balance"))
    assert balances == {"tom": 90, "kerry": 30}


def test_credit_given_by_typing_a_name_with_suggestions_on_a_desktop(
    open_page: Any, initiative: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people, "FEW", 2)  # as for a large initiative: a search field
    for username, place in (("sam1", "Cardiff"), ("sam2", "Newport")):
        add_member(initiative, make_user(username, display_name="Sam Jones", locality=place))
    tom = open_page()
    tom.page.set_viewport_size({"width": 1280, "height": 900})
    tom.sign_in("tom", PASSWORD)
    tom.visit(f"/initiatives/{initiative.slug}/credits/")
    to = tom.page.get_by_label(re.compile(r"^To:?$"))
    assert to.get_attribute("list") == "id_to-people"
    # typing asks the members-only search, which fills the suggestions
    to.press_sequentially("sam")
    from playwright.sync_api import expect

    options = tom.page.locator("#id_to-people option")
    expect(options).to_have_count(2)
    suggested = [option.get_attribute("value") for option in options.all()]
    assert suggested == ["Sam Jones (1)", "Sam Jones (2)"]
    # a name two people share is refused with the choice to make
    to.fill("Sam Jones")
    tom.page.get_by_label("Minutes of credit").fill("20")
    tom.page.get_by_role("button", name="Give").click()
    tom.page.get_by_text(
        "2 people are called Sam Jones: pick one of Sam Jones (1), Sam Jones (2)."
    ).first.wait_for()
    tom.check()
    assert not Account.objects.filter(user__username__in=["sam1", "sam2"]).exists()
    tom.page.get_by_label(re.compile(r"^To:?$")).fill("Sam Jones (2)")
    tom.page.get_by_label("Minutes of credit").fill("20")
    tom.page.get_by_role("button", name="Give").click()
    tom.page.get_by_text("You gave 20 minutes to Sam Jones.").wait_for()
    tom.check()
    balances = dict(Account.objects.exclude(user=None).values_list("user__username", "balance"))
    assert balances == {"tom": 100, "sam2": 20}
