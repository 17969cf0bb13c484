"""The self-assessment in a real browser: a member rates the statements, and the results
stand side by side; axe checks every page."""

from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core.vocabulary import Side
from coproduce.selfassessment.models import SelfAssessmentAnswer
from coproduce.selfassessment.tests.people import members_rate

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    """Two citizens and three professionals have rated "Including the weakest" already."""
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs")
    members_rate(
        initiative,
        "include_the_weakest",
        [(cora, 4)],
        [
            ("ann", Side.CITIZEN, 2),
            ("bea", Side.CITIZEN, 1),
            ("raj", Side.REGULAR_PRODUCER, 4),
            ("sol", Side.REGULAR_PRODUCER, 5),
        ],
    )
    add_member(initiative, make_user("mo", display_name="Mo Reid"))
    return initiative


def test_a_member_answers_and_the_gap_appears(open_page: Any, initiative: Any) -> None:
    visitor = open_page()
    visitor.visit(f"/initiatives/{initiative.slug}/self-assessment/")
    weakest = visitor.page.get_by_role("row", name="Including the weakest")
    assert "Not shown (fewer than 3 answered)" in weakest.inner_text()  # two citizens
    assert visitor.page.get_by_role("button", name="Save my answers").count() == 0

    mo = open_page()
    mo.sign_in("mo", PASSWORD)
    mo.visit(f"/initiatives/{initiative.slug}/")
    mo.page.get_by_role("link", name="See the self-assessment and give your answers").click()
    mo.check()
    mo.page.get_by_role("group", name="Including the weakest").get_by_label("3: Neither").check()
    mo.page.get_by_role("group", name="People as assets").get_by_label("Don't know").check()
    mo.page.get_by_role("button", name="Save my answers").click()
    mo.page.get_by_text("Your answers are saved.").wait_for()
    mo.check()
    # citizens (2 + 1 + 3) / 3 = 2, professionals (4 + 4 + 5) / 3 = 13/3: a gap of -7/3
    row = mo.page.get_by_role("row", name="Including the weakest").inner_text()
    assert ("2.00" in row, "4.33" in row, "-2.33" in row) == (True, True, True)
    assert mo.page.get_by_text("Mean gap: 2.33").count() == 1
    assert (
        mo.page.get_by_role("group", name="Including the weakest")
        .get_by_label("3: Neither")
        .is_checked()
    )
    assert sorted(
        SelfAssessmentAnswer.objects.filter(person__username="mo").values_list(
            "statement", "rating"
        )
    ) == [("include_the_weakest", 3), ("people_as_assets", None)]
    visitor.visit(f"/initiatives/{initiative.slug}/")
    assert visitor.page.get_by_text("The mean gap between their ratings is 2.33").count() == 1
