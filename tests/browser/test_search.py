"""Site-wide search in a real browser on a phone's viewport: the header's search box leads
to the results, grouped by kind, and on to a thing found; axe checks every page."""

from typing import Any

import pytest

from conftest import make_initiative, make_user
from coproduce.search.tests.conftest import make_budget, propose

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside orchard")
    budget = make_budget(type("W", (), {"initiative": initiative})())
    propose(budget, cora, "Orchard benches", "Benches under the apple trees.")
    return initiative


def test_search_from_the_header_to_a_proposal(open_page: Any, world: Any) -> None:
    visitor = open_page()
    visitor.visit("/")
    header = visitor.page.get_by_role("search")
    header.get_by_label("Search Coproduce").fill("orchard")
    header.get_by_role("button", name="Search").click()
    visitor.page.get_by_role("heading", name="Budget proposals (1)").wait_for()
    visitor.check()
    visitor.page.get_by_role("heading", name="Initiatives (1)").wait_for()
    visitor.page.get_by_role("link", name="Orchard benches").click()
    visitor.page.get_by_role("heading", name="Orchard benches").wait_for()

    visitor.visit("/search/?q=%22")  # nothing to search for: the message, axe-clean
    visitor.page.get_by_text("Type a word with letters or numbers to search for.").first.wait_for()
