"""The diagnostics in a real browser, axe checking every page: an initiative's figures, the
entries behind one of them, a period refused on its field, the printable report, and the
portfolio sorted by a column."""

import re
from typing import Any

import pytest

from conftest import World
from coproduce.diagnostics.tests.conftest import hand  # noqa: F401  (the hand record)

pytestmark = pytest.mark.browser


@pytest.mark.usefixtures("hand")
def test_the_diagnostics_read_well_and_lead_to_their_entries(page: Any, world: World) -> None:
    slug = world.initiative.slug
    page.visit(f"/initiatives/{slug}/")
    page.page.get_by_role("link", name="See the diagnostics of Riverside repairs").click()
    page.page.get_by_role("heading", name="Diagnostics of Riverside repairs").wait_for()
    page.check()
    matrix = page.page.get_by_role("table", name=re.compile("^Who plans and who delivers"))
    assert (
        matrix.locator("td.here")
        .inner_text()
        .startswith("Community delivery of co-planned services")
    )

    page.page.get_by_role(
        "link", name="Entries behind Planning and design: citizens' minutes"
    ).click()
    page.page.get_by_role("heading", name="Latest contributions").wait_for()
    page.check()
    assert page.page.get_by_role("checkbox", name="Co-design").is_checked()
    rows = page.page.get_by_role("table", name="Latest contributions").locator("tbody tr")
    assert rows.count() == 2

    page.visit(f"/initiatives/{slug}/diagnostics/")
    page.page.get_by_label(re.compile(r"^From:?$")).fill("2026-03-08")
    page.page.get_by_label(re.compile(r"^To:?$")).fill("2026-03-01")
    page.page.get_by_role("button", name="Show").click()
    page.page.get_by_role("heading", name="There is a problem").wait_for()
    page.check()
    page.page.get_by_label(re.compile(r"^To:?$")).fill("2026-03-31")
    page.page.get_by_role("button", name="Show").click()
    page.page.get_by_text("Entries from 8 March 2026 to 31 March 2026.").wait_for()
    page.check()

    page.page.get_by_role("link", name="Printable report").click()
    page.page.get_by_role("heading", name="Diagnostics report: Riverside repairs").wait_for()
    page.check()
    page.page.emulate_media(media="print")
    assert not page.page.get_by_role("navigation", name="Main").is_visible()
    page.page.emulate_media(media="screen")

    page.visit("/diagnostics/")
    page.page.get_by_role("link", name="Citizens' time (sort by this column)").click()
    page.page.wait_for_url(re.compile(r"sort=citizen_minutes"))
    page.check()
    header = page.page.get_by_role("columnheader", name="Citizens' time (sorted lowest first")
    assert header.get_attribute("aria-sort") == "ascending"
