"""Equality monitoring in a real browser: a person answers and then withdraws (their answers
erased); a coordinator enters the locality's baseline. axe checks every page."""

import re
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.equality.models import EqualityProfile, LocalityBaseline
from coproduce.initiatives.models import JoinPolicy

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs", join_policy=JoinPolicy.OPEN)
    add_member(initiative, make_user("ann", display_name="Ann Reid"))
    return initiative


def test_a_person_answers_and_withdraws(open_page: Any, initiative: Any) -> None:
    ann = open_page()
    ann.sign_in("ann", PASSWORD)
    ann.visit("/accounts/profile/")
    ann.page.get_by_role("link", name="Equality monitoring").click()
    ann.page.get_by_role("heading", name="Who sees what").wait_for()
    ann.check()
    page = ann.page
    page.get_by_role("group", name="How old are you?").get_by_label("35 to 44").check()
    page.get_by_role("group", name="How do you describe your gender?").get_by_label(
        "Woman", exact=True
    ).check()
    page.get_by_role("group", name="Are you disabled?").get_by_label("Prefer not to say").check()
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    ann.check()
    assert not EqualityProfile.objects.exists()
    page.get_by_label(re.compile("^I agree that Coproduce keeps these answers")).check()
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_text("Your answers are saved. Only you can see them.").wait_for()
    ann.check()
    profile = EqualityProfile.objects.get(user__username="ann")
    assert (profile.age_band, profile.gender, profile.disability, profile.caring) == (
        "35_44",
        "woman",
        "prefer_not_to_say",
        "",
    )
    page.get_by_role("button", name="Withdraw and erase my answers").click()
    page.get_by_role("heading", name="Erase your equality answers?").wait_for()
    ann.check()
    assert EqualityProfile.objects.exists()
    page.get_by_role("button", name="Yes, erase my answers").click()
    page.get_by_text("Your answers are erased").wait_for()
    ann.check()
    assert not EqualityProfile.objects.exists()


def test_a_coordinator_enters_the_baseline(open_page: Any, initiative: Any) -> None:
    cora = open_page()
    cora.sign_in("cora", PASSWORD)
    cora.visit(f"/initiatives/{initiative.slug}/")
    cora.page.get_by_role("link", name="Equality baseline").click()
    cora.page.get_by_role("heading", name="Locality baseline").wait_for()
    cora.check()
    gender = cora.page.get_by_role("region", name="Gender", exact=True)
    shares = {"Woman": "50.5", "Man": "48.6", "Non-binary": "0.5", "In another way": "10.4"}
    for answer, percent in shares.items():
        gender.get_by_label(re.compile(rf"^{answer} \(%\)")).fill(percent)
    gender.get_by_label("Source").fill("Census 2021, Riverside ward")
    gender.get_by_label("Year").fill("2021")
    gender.get_by_role("button", name="Save the baseline for gender").click()
    cora.page.get_by_role("heading", name="There is a problem").wait_for()
    cora.check()
    assert not LocalityBaseline.objects.exists()
    gender = cora.page.get_by_role("region", name="Gender", exact=True)
    gender.get_by_label(re.compile(r"^In another way \(%\)")).fill("0.4")
    gender.get_by_role("button", name="Save the baseline for gender").click()
    cora.page.get_by_text("The locality baseline for gender is saved.").wait_for()
    cora.check()
    assert LocalityBaseline.objects.get().shares == {
        "woman": 505,
        "man": 486,
        "non_binary": 5,
        "another_way": 4,
    }
