"""My Coproduce in a real browser, on a phone and a desktop: a coordinator sees a request to
join in their task list, approves it through the task's link, and the count drops to 0; axe
checks every page."""

import re
from typing import Any

import pytest

from conftest import PASSWORD, make_initiative, make_user
from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Membership, MembershipStatus

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs")
    initiatives.membership_request(
        actor=make_user("rita", display_name="Rita Shah"),
        initiative=initiative,
        side=Side.CITIZEN,
        role=Role.RESIDENT,
    )
    return initiative


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_a_coordinator_clears_their_task_list(
    open_page: Any, initiative: Any, viewport: tuple[int, int]
) -> None:
    cora = open_page()
    cora.page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    cora.sign_in("cora", PASSWORD)
    cora.page.get_by_role("link", name="My Coproduce").click()
    cora.page.get_by_role("heading", name="My Coproduce", level=1).wait_for()
    cora.check()
    assert cora.page.locator("#task-count").inner_text() == "1 thing waiting for your decision"
    cora.page.get_by_role("link", name="Requests to join to approve").click()
    cora.page.get_by_text("Rita Shah").first.wait_for()
    cora.check()
    cora.page.get_by_role("button", name=re.compile(r"^Approve\s+Rita Shah")).click()
    cora.page.get_by_text("Membership updated.").wait_for()
    cora.check()
    membership = Membership.objects.get(user__username="rita")
    assert membership.status == MembershipStatus.ACTIVE

    cora.page.get_by_role("link", name="My Coproduce").click()
    cora.page.get_by_role("heading", name="My Coproduce", level=1).wait_for()
    cora.check()
    assert cora.page.locator("#task-count").inner_text() == "0 things waiting for your decision"
    assert cora.page.get_by_role("link", name="Requests to join to approve").count() == 0
