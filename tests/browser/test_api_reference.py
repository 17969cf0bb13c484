"""The API reference page, which replaces DRF's browsable pages, in a real browser on a
phone: reached from the footer of every page, and clean under axe."""

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_the_api_reference_is_one_click_from_the_footer(page: Any, transactional_db: Any) -> None:
    page.visit("/")
    page.page.get_by_role("contentinfo").get_by_role("link", name="API", exact=True).click()
    page.page.get_by_role("heading", name="API reference", level=1).wait_for()
    page.check()
    page.page.get_by_role("link", name="pb", exact=True).click()
    assert page.page.url.endswith("/api/#api-pb")
    assert (
        page.page.get_by_role("heading", name="POST /api/v1/pb/processes/", exact=True).count() == 1
    )
