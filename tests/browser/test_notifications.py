"""Notifications in a real browser, on a phone and on a desktop: the header's unread count,
the list (mark one read), the preferences form and the unsubscribe page an e-mail links to;
axe checks every page."""

from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.ideas import services as ideas
from coproduce.notifications.kinds import Delivery, Kind
from coproduce.notifications.models import Notification, Preference
from coproduce.notifications.services import unsubscribe_token
from tests.browser.conftest import AccessiblePage

pytestmark = pytest.mark.browser


@pytest.fixture
def jo(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs")
    jo = make_user("jo", display_name="Jo Price")
    add_member(initiative, jo)
    idea = ideas.idea_post(
        actor=jo, initiative=initiative, title="Benches", text="By the river.", category="places"
    )
    ideas.idea_comment(actor=cora, idea=idea, text="Where exactly?")
    return jo


def journey(page: AccessiblePage, jo: Any) -> None:
    page.sign_in("jo", PASSWORD)
    page.page.get_by_role("link", name="Notifications 2 unread").click()
    page.page.get_by_role("heading", name="Your notifications").wait_for()
    page.check()
    page.page.get_by_role("listitem").filter(has_text="Cora Hale commented").get_by_role(
        "button"
    ).click()
    page.page.get_by_text("You have 1 unread notification.").wait_for()
    page.check()
    assert Notification.objects.filter(recipient=jo, read_at=None).count() == 1
    page.page.get_by_role("link", name="Choose how you hear about things").click()
    page.page.get_by_role("heading", name="How you hear about things").wait_for()
    page.check()
    page.page.get_by_role("group", name="A reply to my proposal or idea").get_by_label(
        "E-mail me straight away"
    ).check()
    page.page.get_by_role("button", name="Save my choices").click()
    page.page.get_by_text("Your choices are saved.").wait_for()
    page.check()
    assert Preference.objects.get(person=jo, kind=Kind.REPLY).delivery == Delivery.IMMEDIATE
    page.visit(f"/notifications/unsubscribe/{unsubscribe_token(jo.pk, Kind.REPLY)}/")
    page.page.get_by_role("button", name="Stop these e-mails").click()
    page.page.get_by_text("we will no longer e-mail you").wait_for()
    page.check()
    assert Preference.objects.get(person=jo, kind=Kind.REPLY).delivery == Delivery.IN_APP
    page.visit("/notifications/unsubscribe/not-a-real-link/")  # a 400 page, axe-clean too


def test_notifications_on_a_phone(page: AccessiblePage, jo: Any) -> None:
    journey(page, jo)


def test_notifications_on_a_desktop(browser: Any, live_server: Any, jo: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(20_000)
    try:
        journey(AccessiblePage(context.new_page(), live_server.url), jo)
    finally:
        context.close()
