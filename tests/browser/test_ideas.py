"""Ideas in a real browser, on a phone: a member posts an idea with a picture, another
supports it, and a coordinator answers "Taken into design"; axe checks every page."""

from pathlib import Path
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.ideas.models import Idea
from coproduce.record.models import Contribution, Decision
from tests.browser.conftest import a_photo

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs")
    for username, name in (("jo", "Jo Price"), ("sam", "Sam Ellis")):
        add_member(initiative, make_user(username, display_name=name))
    return initiative


def test_post_support_and_answer_an_idea(open_page: Any, initiative: Any, tmp_path: Path) -> None:
    jo = open_page()
    jo.sign_in("jo", PASSWORD)
    jo.visit(f"/initiatives/{initiative.slug}/")
    jo.page.get_by_role("link", name="Post an idea").first.click()
    jo.check()
    jo.page.get_by_label("Title").fill("Benches by the river")
    jo.page.get_by_label("Your idea").fill("Somewhere to sit on the walk to the shops.")
    jo.page.get_by_label("Category").select_option("places")
    jo.page.get_by_label("Picture (optional)").set_input_files(str(a_photo(tmp_path)))
    jo.page.get_by_role("button", name="Post the idea").click()
    jo.page.get_by_text("There is a problem").wait_for()  # the picture needs words
    jo.check()
    jo.page.get_by_label("Picture (optional)").set_input_files(str(a_photo(tmp_path)))
    jo.page.get_by_label("What the picture shows").fill("The river path")
    jo.page.get_by_role("button", name="Post the idea").click()
    jo.page.get_by_text("Your idea is posted.").wait_for()
    jo.check()
    idea = Idea.objects.get()
    assert (idea.title, idea.image_alt) == ("Benches by the river", "The river path")
    assert Contribution.objects.get(kind="idea").contributor.username == "jo"
    assert jo.page.get_by_role("button", name="Support this idea").count() == 0

    sam = open_page()
    sam.sign_in("sam", PASSWORD)
    sam.visit(f"/initiatives/{initiative.slug}/ideas/")
    sam.page.get_by_role("link", name="Benches by the river").click()
    sam.check()
    sam.page.get_by_role("button", name="Support this idea").click()
    sam.page.get_by_text("You support this idea.").first.wait_for()
    sam.check()
    assert sam.page.get_by_text("1 supporter").count() == 1

    cora = open_page()
    cora.sign_in("cora", PASSWORD)
    cora.visit(f"/initiatives/{initiative.slug}/ideas/{idea.pk}/")
    cora.page.get_by_role("link", name="Answer this idea").click()
    cora.check()
    cora.page.get_by_label("Taken into design").check()
    cora.page.get_by_role("button", name="Publish the answer").click()
    cora.page.get_by_text("Your answer is published").wait_for()
    cora.check()
    assert Idea.objects.get().status == "into_design"
    decision = Decision.objects.get()
    assert decision.initiated_by is not None and decision.initiated_by.username == "jo"
    cora.visit(f"/initiatives/{initiative.slug}/ideas/moderation-log/")
