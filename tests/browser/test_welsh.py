"""In Welsh in a real browser, on a phone and on a desktop: a resident switches to Cymraeg on
the home page, signs in and votes, every page checked by axe."""

import re
from typing import Any

import pytest

from conftest import PASSWORD, World
from coproduce.budgeting.tests.conftest import PB, make_pb, open_voting
from tests.browser.conftest import AccessiblePage

pytestmark = pytest.mark.browser

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture
def voting(transactional_db: Any, world: World) -> PB:
    pb = make_pb(world)
    open_voting(pb)
    return pb


@pytest.mark.parametrize("screen", SCREENS)
def test_a_resident_votes_in_welsh(browser: Any, live_server: Any, voting: PB, screen: str) -> None:
    context = browser.new_context(viewport=SCREENS[screen])
    context.set_default_timeout(20_000)
    try:
        visitor = AccessiblePage(context.new_page(), live_server.url)
        page = visitor.page
        visitor.visit("/")
        assert page.locator("html").get_attribute("lang") == "en-gb"
        page.get_by_role("button", name="Cymraeg").click()
        page.get_by_role("link", name="Mewngofnodi").wait_for()
        assert page.locator("html").get_attribute("lang") == "cy"
        assert page.get_by_role("button", name="Cymraeg").get_attribute("aria-current") == "true"
        assert page.get_by_role("button", name="English").get_attribute("lang") == "en-gb"
        visitor.check()

        page.get_by_role("link", name="Mewngofnodi").click()
        page.get_by_role("heading", name="Mewngofnodi").wait_for()
        visitor.check()
        page.get_by_label("Enw defnyddiwr").fill("member")
        page.get_by_label(re.compile(r"^Cyfrinair:?$")).fill(PASSWORD)
        page.get_by_role("main").get_by_role("button", name="Mewngofnodi").click()
        page.get_by_role("button", name="Allgofnodi").wait_for()
        visitor.check()

        visitor.visit(f"/pb/{voting.process.pk}/")
        page.get_by_role("link", name="Pleidleisio yn North").click()
        page.get_by_role("heading", name="Pleidleisio: North").wait_for()
        visitor.check()
        status = page.locator("#ballot-status")
        assert " ".join(status.inner_text().split()) == "£0.00 o £1,000.00: £1,000.00 ar ôl"
        page.get_by_label("Benches (£300.00)").check()
        assert " ".join(status.inner_text().split()) == "£300.00 o £1,000.00: £700.00 ar ôl"
        assert "Your ballot" not in page.content()
        page.get_by_role("button", name="Cadw fy mhleidlais").click()
        page.get_by_text("Mae eich pleidlais wedi'i chadw").wait_for()
        visitor.check()
        assert page.locator("html").get_attribute("lang") == "cy"
    finally:
        context.close()
