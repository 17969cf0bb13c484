"""Ratings in a real browser: a volunteer rates the shift they worked, anonymously, and a
coordinator answers the comment on the "You said, we did" list; axe checks every page."""

from types import SimpleNamespace
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.ratings.models import FeedbackAnswer, Rating
from coproduce.ratings.tests.conftest import _shift

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs")
    val = make_user("val", display_name="Val Reid")
    add_member(initiative, val)
    world = SimpleNamespace(initiative=initiative, stage=initiative.stages.get(), coordinator=cora)
    _shift(world, val)  # type: ignore[arg-type]
    return initiative


def test_a_volunteer_rates_a_shift_and_a_coordinator_answers(
    open_page: Any, initiative: Any
) -> None:
    val = open_page()
    val.sign_in("val", PASSWORD)
    val.visit(f"/initiatives/{initiative.slug}/")
    val.page.get_by_role("link", name="See the ratings and rate what you took part in").click()
    val.check()
    val.page.get_by_role("link", name="Garden helper, shift of", exact=False).click()
    val.check()
    val.page.get_by_label("4 stars").check()
    val.page.get_by_label("Comment (optional)").fill("Bring more gloves next time.")
    val.page.get_by_label("Do not show my name with this rating").check()
    val.page.get_by_role("button", name="Save my rating").click()
    val.page.get_by_text("Your rating is saved.").wait_for()
    val.check()
    assert val.page.get_by_text("1 rating.").count() == 1
    assert val.page.get_by_text("4 of 5 stars (yours)").count() == 1
    rating = Rating.objects.get()
    assert (rating.kind, rating.stars, rating.anonymous) == ("shift", 4, True)

    cora = open_page()
    cora.sign_in("cora", PASSWORD)
    cora.visit(rating_page(initiative, rating))
    assert cora.page.get_by_text("Anonymous ·").count() == 1
    assert cora.page.get_by_text("Val Reid").count() == 0
    cora.page.get_by_role("link", name="Answer this comment").click()
    cora.check()
    cora.page.get_by_label("What was done about it").fill("Gloves are in the shed now.")
    cora.page.get_by_role("button", name="Publish the answer").click()
    cora.page.get_by_text("Your answer is published.").wait_for()
    cora.check()
    assert FeedbackAnswer.objects.get().text == "Gloves are in the shed now."

    visitor = open_page()
    visitor.visit(f"/initiatives/{initiative.slug}/ratings/you-said-we-did/")
    text = visitor.page.locator("main").inner_text()
    assert "Bring more gloves next time." in text and "Gloves are in the shed now." in text
    assert "Val Reid" not in text
    visitor.visit(f"/initiatives/{initiative.slug}/accountability/")  # and on the public page
    text = visitor.page.locator("main").inner_text()
    assert "Gloves are in the shed now." in text and "Val Reid" not in text


def rating_page(initiative: Any, rating: Rating) -> str:
    return f"/initiatives/{initiative.slug}/ratings/{rating.kind}/{rating.thing_id}/"
