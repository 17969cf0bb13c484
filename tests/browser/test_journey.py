"""A newcomer's first visit, in a real browser: sign up, join, contribute, decide."""

import datetime
import re
from typing import Any

import pytest
from knox.models import AuthToken

from conftest import make_initiative, make_user
from coproduce.accounts.models import User
from coproduce.accounts.services import token_create
from coproduce.initiatives.models import JoinPolicy
from coproduce.portal.demo import load_demo
from coproduce.record.models import Contribution, Decision
from tests.browser.conftest import AccessiblePage

pytestmark = pytest.mark.browser


@pytest.fixture
def open_initiative(transactional_db: Any) -> Any:
    coordinator = make_user("amara", display_name="Amara Okafor")
    return make_initiative(
        coordinator, title="Riverside tenants' repairs panel", join_policy=JoinPolicy.OPEN
    )


def test_newcomer_signs_up_joins_contributes_and_decides(
    page: AccessiblePage, open_initiative: Any
) -> None:
    p = page.page
    page.visit("/")
    p.get_by_role("link", name="Create an account").first.click()
    page.check()
    p.get_by_label("Username").fill("newcomer")
    p.get_by_label("Display name").fill("Nia Newcomer")
    p.get_by_label("Email").fill("nia@example.org")
    p.get_by_label(re.compile(r"^Password:?$")).fill("a-good-long-passphrase")
    p.get_by_label("Password again").fill("a-good-long-passphrase")
    p.get_by_role("button", name="Create my account").click()
    p.get_by_text("Your account is ready").wait_for()
    page.check()

    p.get_by_role("link", name="Initiatives", exact=True).click()
    page.check()
    p.get_by_role("link", name="Riverside tenants' repairs panel").click()
    page.check()
    p.get_by_role("link", name="Join this initiative").click()
    page.check()
    p.get_by_label("Resident or service user").check()
    p.get_by_label("Role").select_option("resident")
    p.get_by_role("button", name="Join").click()
    p.get_by_text("You are now a member of Riverside tenants' repairs panel").wait_for()
    page.check()

    p.get_by_role("link", name="Record a contribution").click()
    page.check()
    p.get_by_label("Amount").fill("two hours")
    p.get_by_role("button", name="Record it").click()
    p.get_by_role("heading", name="There is a problem").wait_for()
    page.check()
    assert Contribution.objects.count() == 0
    p.get_by_label("What did you contribute?").select_option("time")
    p.get_by_label("Amount").fill("2.5")
    p.get_by_label("Measured in").select_option("hours")
    p.get_by_label("When").fill(datetime.date.today().isoformat())
    p.get_by_label("Description").fill("Walked the estate checking repairs")
    p.get_by_role("button", name="Record it").click()
    p.get_by_text("Your contribution is recorded").wait_for()
    page.check()
    side_totals = p.get_by_role("table", name="Totals per side")
    assert "Citizen co-producer" in side_totals.inner_text()
    assert "2 h 30 min" in side_totals.inner_text()
    assert p.get_by_text("Walked the estate checking repairs").count() == 1

    p.get_by_role("link", name="Record a decision").click()
    page.check()
    p.get_by_label("What was decided?").fill("Inspect every void flat before letting")
    p.get_by_label("Which side proposed it?").select_option("citizen")
    p.get_by_label("Who took the decision?").select_option("joint")
    p.get_by_label("How was it decided?").select_option("consensus")
    p.get_by_label("Citizens taking part").fill("9")
    p.get_by_label("Professionals taking part").fill("3")
    p.get_by_role("button", name="Record it").click()
    p.get_by_text("The decision is recorded").wait_for()
    page.check()
    assert p.get_by_text("Inspect every void flat before letting").count() == 1

    contribution = Contribution.objects.get()
    assert (contribution.contributor.username, contribution.side, contribution.quantity) == (
        "newcomer",
        "citizen",
        150,
    )
    decision = Decision.objects.get()
    assert (decision.initiated_by_side, decision.rule, decision.participants_citizen) == (
        "citizen",
        "consensus",
        9,
    )

    p.get_by_role("link", name="See the whole record").click()
    page.check()
    newcomer = User.objects.get(username="newcomer")
    _, token = token_create(actor=newcomer)
    page.visit("/accounts/profile/")
    p.get_by_text(f"{token[:8]}…").wait_for()
    assert token not in p.content()
    p.get_by_role("button", name=f"Revoke token {token[:8]}").click()
    p.get_by_text(f"The token {token[:8]}… is revoked.").wait_for()
    page.check()
    assert not AuthToken.objects.filter(user=newcomer).exists()


def test_case_library_and_demo_pages_are_accessible(
    page: AccessiblePage, transactional_db: Any
) -> None:
    load_demo()
    page.visit("/cases/")
    p = page.page
    p.get_by_label("Service area").select_option("health")
    p.get_by_role("button", name="Show cases").click()
    p.get_by_text("6 cases found.").wait_for()
    page.check()
    p.get_by_role("main").get_by_label("Search").fill("village shop")
    p.get_by_label("Service area").select_option("")
    p.get_by_role("button", name="Show cases").click()
    p.get_by_text("1 case found.").wait_for()
    page.check()
    p.get_by_role("link", name="Tackley Village Shop").click()
    page.check()
    assert "£83,000.00" in p.get_by_role("table", name="Totals per side").inner_text()
    for path in [
        "/initiatives/tackley-village-shop/record/",
        "/accounts/sign-in/",
        "/accounts/password-reset/",
        "/initiatives/",
        "/cases/?page=2",
    ]:
        page.visit(path)
    p.get_by_role("link", name="Sign in").first.click()
    p.get_by_label("Username").fill("amara")
    p.get_by_label(re.compile(r"^Password:?$")).fill("coproduce-demo")
    p.get_by_role("button", name="Sign in").click()
    p.get_by_role("heading", name="Co-producing public services, together").wait_for()
    page.check()
    page.visit("/initiatives/riverside-repairs-panel/")
    page.visit("/initiatives/riverside-repairs-panel/edit/")
    page.visit("/initiatives/riverside-repairs-panel/members/")
    page.visit("/initiatives/riverside-repairs-panel/side/")
    page.visit("/initiatives/riverside-repairs-panel/stages/new/")
    page.visit("/initiatives/riverside-repairs-panel/goals/new/")
    page.visit("/initiatives/new/")
    assert len(page.checked) == 17
