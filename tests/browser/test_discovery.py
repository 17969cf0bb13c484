"""Home and discovery in a real browser, on a phone and on a desktop: a member finds the
open vote in two clicks from the home page, a visitor filters the initiatives list; axe
checks every page."""

from typing import Any

import pytest

from conftest import PASSWORD, World
from coproduce.budgeting.tests.conftest import make_pb, open_voting

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def voting(transactional_db: Any, world: World) -> World:
    open_voting(make_pb(world))
    return world


def test_a_member_finds_the_open_vote_in_two_clicks_from_home(
    open_page: Any, voting: World
) -> None:
    member = open_page()
    member.sign_in("member", PASSWORD)
    member.check()
    votes = member.page.get_by_role("region", name="Open votes")
    votes.get_by_role("link", name="Riverside decides").click()  # one
    member.page.get_by_role("heading", name="Riverside decides").wait_for()
    member.check()
    member.page.get_by_role("link", name="Vote in North").click()  # two
    member.page.wait_for_url("**/pb/budgets/*/vote/")
    member.check()


@pytest.mark.parametrize("viewport", [None, DESKTOP], ids=["phone", "desktop"])
def test_a_visitor_sees_what_is_live_and_filters_the_list(
    open_page: Any, voting: World, viewport: Any
) -> None:
    visitor = open_page()
    if viewport:
        visitor.page.set_viewport_size(viewport)
    visitor.visit("/")
    assert (
        visitor.page.get_by_role("region", name="Open votes")
        .get_by_role("link", name="Riverside decides")
        .is_visible()
    )
    visitor.page.get_by_role("link", name="See initiatives").click()
    visitor.page.get_by_role("heading", name="Initiatives", exact=True).wait_for()
    visitor.check()
    visitor.page.get_by_label("Something to take part in now").check()
    visitor.page.get_by_label("Sort by").select_option(label="Newest first")
    visitor.page.get_by_role("button", name="Show initiatives").click()
    visitor.page.get_by_text("1 initiative found.").wait_for()
    visitor.check()
    cards = visitor.page.locator("main .card-list h2")
    assert cards.all_inner_texts() == ["Riverside repairs"]


def test_the_demo_home_page_shows_its_open_vote_on_a_phone_and_a_desktop(
    page: Any, transactional_db: Any
) -> None:
    from coproduce.portal.demo import load_demo

    load_demo()
    for viewport in (None, DESKTOP):
        if viewport:
            page.page.set_viewport_size(viewport)
        page.visit("/")
        votes = page.page.get_by_role("region", name="Open votes")
        assert votes.get_by_role("link", name="Riverside neighbourhood fund 2027").is_visible()
    page.visit("/initiatives/")
    page.page.get_by_role("link", name="Riverside tenants' repairs panel").wait_for()
