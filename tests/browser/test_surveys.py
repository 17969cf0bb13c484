"""Surveys in a real browser: a coordinator builds a small needs survey with a ranking
question and opens it; a resident answers it on a phone, putting their top two in order,
and sees the ranked results; axe checks every page."""

import re
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.surveys.models import Answer, Response

pytestmark = pytest.mark.browser

OPTIONS = ["Post Office", "Basic groceries", "Pharmacy"]


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Village hall")
    add_member(initiative, make_user("res", display_name="Rae Resident"))
    return initiative


def test_a_coordinator_builds_a_ranking_survey_and_a_resident_answers_it(
    open_page: Any, initiative: Any
) -> None:
    cora = open_page()
    cora.sign_in("cora", PASSWORD)
    cora.visit(f"/initiatives/{initiative.slug}/surveys/")
    cora.page.get_by_label("Title").fill("What the village misses")
    cora.page.get_by_label("Needs: what is missing or most needed").check()
    cora.page.get_by_label("Members of the initiative").check()
    cora.page.get_by_role("button", name="Start the survey").click()
    cora.page.get_by_role("heading", name="Build: What the village misses").wait_for()
    cora.check()
    cora.page.get_by_label("Kind of question").select_option("ranking")
    cora.page.get_by_label(re.compile(r"^Question:?$")).fill("Which services matter most?")
    cora.page.get_by_label("Options, one a line").fill("\n".join(OPTIONS))
    cora.page.get_by_label("Most options (optional)").fill("2")
    cora.page.get_by_role("button", name="Add the question").click()
    cora.page.get_by_text("The question is added.").wait_for()
    cora.check()
    cora.page.get_by_role("button", name="Open the survey for responses").click()
    cora.page.get_by_role("button", name="Close the survey").wait_for()
    cora.check()

    rae = open_page()
    rae.sign_in("res", PASSWORD)
    rae.visit(f"/initiatives/{initiative.slug}/")
    rae.page.get_by_role("link", name="What the village misses").click()
    rae.check()
    rae.page.get_by_label("1st choice").select_option("Pharmacy")
    rae.page.get_by_label("2nd choice").select_option("Pharmacy")
    rae.page.get_by_role("button", name="Send my answers").click()
    rae.page.get_by_text("There is a problem").wait_for()
    rae.check()
    assert Response.objects.count() == 0
    rae.page.get_by_label("2nd choice").select_option("Post Office")
    rae.page.get_by_role("button", name="Send my answers").click()
    rae.page.get_by_text("Thank you: your response is saved.").wait_for()
    rae.check()
    text = rae.page.locator("main").inner_text()
    assert "1 response." in text
    assert "Borda count" in text and "Schulze method" in text
    assert rae.page.locator("ol.ranked li").first.inner_text() == "Pharmacy"
    ranked = Answer.objects.order_by("number").values_list("option", "number")
    assert list(ranked) == [(2, 1), (0, 2)]


def test_a_conditional_question_shows_only_once_its_answer_is_given(
    open_page: Any, initiative: Any
) -> None:
    """The page hides a question asked only on an earlier answer (its own small script);
    the server skips it anyway when that answer is not given."""
    from coproduce.surveys import services

    cora = initiative.memberships.get(user__username="cora").user
    survey = services.survey_create(
        actor=cora, initiative=initiative, title="Getting about", purpose="needs"
    )
    how = services.question_add(
        actor=cora, survey=survey, kind="single", text="How do you travel?", options=["Car", "Bus"]
    )
    services.question_add(
        actor=cora,
        survey=survey,
        kind="short_text",
        text="Which bus do you take?",
        shown_if=how,
        shown_if_option=1,
    )
    services.survey_set_status(actor=cora, survey=survey, status="open")
    rae = open_page()
    rae.sign_in("res", PASSWORD)
    rae.visit(f"/initiatives/{initiative.slug}/surveys/{survey.pk}/")
    follow_up = rae.page.get_by_label("Which bus do you take? (optional)")
    assert not follow_up.is_visible()
    rae.page.get_by_label("Car", exact=True).check()
    assert not follow_up.is_visible()
    rae.page.get_by_label("Bus", exact=True).check()
    follow_up.wait_for(state="visible")
    rae.check()
    follow_up.fill("The 25")
    rae.page.get_by_label("Car", exact=True).check()
    follow_up.wait_for(state="hidden")
    rae.page.get_by_role("button", name="Send my answers").click()
    rae.page.get_by_text("Thank you: your response is saved.").wait_for()
    # the hidden answer was sent by the browser, and the server did not keep it
    assert list(Answer.objects.values_list("text", flat=True)) == [""]


def test_a_coordinator_puts_the_top_answer_to_a_pb_budget(open_page: Any, initiative: Any) -> None:
    """From a needs survey's results: the top option by Borda is ticked; with a cost it
    becomes a proposal of the PB budget taking proposals."""
    from coproduce.budgeting import services as budgeting
    from coproduce.budgeting.models import Proposal
    from coproduce.core.vocabulary import StageKind
    from coproduce.initiatives import services as initiatives
    from coproduce.surveys import services

    cora = initiative.memberships.get(user__username="cora").user
    rae = initiative.memberships.get(user__username="res").user
    survey = services.survey_create(
        actor=cora,
        initiative=initiative,
        title="What the village misses",
        purpose="needs",
        audience="members",
    )
    ranking = services.question_add(
        actor=cora,
        survey=survey,
        kind="ranking",
        text="Which matter most?",
        options=OPTIONS,
        most=2,
    )
    survey = services.survey_set_status(actor=cora, survey=survey, status="open")
    services.response_submit(
        actor=rae, survey=survey, answers={f"q{ranking.pk}": ["Pharmacy", "Post Office"]}
    )
    stage = initiatives.stage_create(
        actor=cora, initiative=initiative, kind=StageKind.CO_PRIORITISATION
    )
    process = budgeting.process_create(
        actor=cora,
        initiative=initiative,
        stage=stage,
        title="Village budget",
        budgets=[("Whole village", 500_000, "")],
    )
    budgeting.phase_advance(actor=cora, process=process)  # proposals
    page = open_page()
    page.sign_in("cora", PASSWORD)
    page.visit(f"/initiatives/{initiative.slug}/surveys/{survey.pk}/results/")
    page.page.get_by_role("link", name="Adopt answers as PB proposals").click()
    page.page.get_by_role("heading", name="Adopt answers as PB proposals").wait_for()
    page.check()
    page.page.get_by_label("How many of the top options to tick").fill("1")
    page.page.get_by_role("button", name="Show").click()
    assert page.page.get_by_label("1. Pharmacy").is_checked()
    assert not page.page.get_by_label("2. Post Office").is_checked()
    page.page.get_by_role("button", name="Adopt as proposals").click()
    page.page.get_by_text("There is a problem").wait_for()
    page.check()
    assert Proposal.objects.count() == 0
    page.page.get_by_label("Estimated cost of “Pharmacy”").fill("1200.50")
    page.page.get_by_role("button", name="Adopt as proposals").click()
    page.page.get_by_text("1 proposal is put to the budget Whole village.").wait_for()
    page.check()
    assert list(Proposal.objects.values_list("title", "estimated_cost")) == [("Pharmacy", 120_050)]
