"""Tackley's arc in a real browser (seed 002, issue 20): a coordinator builds the Tackley Top
Ten survey, three residents answer it (one on a phone, two at a desk), everyone sees the
ranked results, the coordinator adopts the top five as goals, runs a workshop with
registration and attendance, and a resident pledges to a campaign the council matches;
axe checks every page."""

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core.vocabulary import Side, StageKind
from coproduce.events.models import Event, Registration
from coproduce.events.tests.conftest import hold
from coproduce.financing import services as financing
from coproduce.financing.models import Pledge
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Goal
from coproduce.organisations.models import Organisation
from coproduce.record.models import Contribution, Decision
from coproduce.surveys.models import Answer, Response
from tests.browser.conftest import AccessiblePage

pytestmark = pytest.mark.browser

# the services seed 002 lists in the Tackley Top Ten
SERVICES = [
    "Post Office",
    "Basic groceries",
    "Newspapers and magazines",
    "Fresh and home-made produce",
    "Pharmacy",
    "Lottery tickets",
    "Dry cleaning",
    "Off licence",
]
# each resident's top three, best first
BALLOTS = {
    "ann": ["Post Office", "Basic groceries", "Pharmacy"],
    "ben": ["Basic groceries", "Post Office", "Fresh and home-made produce"],
    "cat": ["Post Office", "Pharmacy", "Newspapers and magazines"],
}
# Borda, three ranked a ballot: 3, 2 and 1 points. Post Office 3+2+3, groceries 2+3,
# pharmacy 1+2, fresh produce 1, newspapers 1, the rest 0.
BORDA = [
    "Post Office",
    "Basic groceries",
    "Pharmacy",
    "Newspapers and magazines = Fresh and home-made produce",
    "Lottery tickets = Dry cleaning = Off licence",
]
TOP_FIVE = [
    "Post Office",
    "Basic groceries",
    "Pharmacy",
    "Newspapers and magazines",
    "Fresh and home-made produce",
]


@pytest.fixture
def village(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Tackley village shop")
    initiatives.stage_create(actor=cora, initiative=initiative, kind=StageKind.CO_PLANNING)
    for username, name in (("ann", "Ann Ash"), ("ben", "Ben Birch"), ("cat", "Cat Cole")):
        add_member(initiative, make_user(username, display_name=name))
    return initiative


def at_a_desk(browser: Any, live_server: Any, contexts: list[Any]) -> AccessiblePage:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    contexts.append(context)
    return AccessiblePage(context.new_page(), live_server.url)


def answer(person: AccessiblePage, slug: str, title: str, ballot: list[str]) -> None:
    person.visit(f"/initiatives/{slug}/")
    person.page.get_by_role("link", name=title).click()
    person.check()
    for place, label in zip(("1st", "2nd", "3rd"), ballot, strict=True):
        person.page.get_by_label(f"{place} choice").select_option(label)
    person.page.get_by_role("button", name="Send my answers").click()
    person.page.get_by_text("Thank you: your response is saved.").wait_for()
    person.check()


def test_the_tackley_top_ten_to_goals_a_workshop_and_a_matched_pledge(
    open_page: Any, browser: Any, live_server: Any, village: Any
) -> None:
    slug, title = village.slug, "Tackley Top Ten"
    desks: list[Any] = []
    try:
        cora = at_a_desk(browser, live_server, desks)
        cora.sign_in("cora", PASSWORD)
        cora.visit(f"/initiatives/{slug}/surveys/")
        cora.page.get_by_label("Title").fill(title)
        cora.page.get_by_label("Needs: what is missing or most needed").check()
        cora.page.get_by_label("Members of the initiative").check()
        cora.page.get_by_role("button", name="Start the survey").click()
        cora.page.get_by_role("heading", name=f"Build: {title}").wait_for()
        cora.check()
        cora.page.get_by_label("Kind of question").select_option("ranking")
        cora.page.get_by_label(re.compile(r"^Question:?$")).fill(
            "Which missing services does the village need most? Put your top three in order."
        )
        cora.page.get_by_label("Options, one a line").fill("\n".join(SERVICES))
        cora.page.get_by_label("Most options (optional)").fill("3")
        cora.page.get_by_role("button", name="Add the question").click()
        cora.page.get_by_text("The question is added.").wait_for()
        cora.check()
        cora.page.get_by_role("button", name="Open the survey for responses").click()
        cora.page.get_by_role("button", name="Close the survey").wait_for()
        cora.check()

        ann = open_page()  # on a phone
        ann.sign_in("ann", PASSWORD)
        answer(ann, slug, title, BALLOTS["ann"])
        for username in ("ben", "cat"):
            resident = at_a_desk(browser, live_server, desks)
            resident.sign_in(username, PASSWORD)
            answer(resident, slug, title, BALLOTS[username])
        assert Response.objects.count() == 3
        assert Answer.objects.count() == 9

        # the ranked results, as the phone shows them
        ann.page.reload()
        ann.check()
        assert "3 responses." in ann.page.locator("main").inner_text()
        borda, schulze = ann.page.locator("ol.ranked").all()
        assert borda.locator("li").all_inner_texts() == BORDA
        points = ann.page.get_by_role("table", name="Borda points")
        assert points.get_by_role("row", name="Post Office").inner_text().split() == [
            "Post",
            "Office",
            "8",
        ]
        assert schulze.locator("li").first.inner_text() == "Post Office"

        # the top five become goals, each adoption a decision
        cora.visit(f"/initiatives/{slug}/")
        survey_url = f"/initiatives/{slug}/surveys/{Response.objects.first().survey_id}/"  # type: ignore[union-attr]
        cora.visit(survey_url + "results/")
        cora.page.get_by_role("link", name="Adopt answers as goals").click()
        cora.check()
        for label in TOP_FIVE:
            cora.page.get_by_label(label, exact=True).check()
        cora.page.get_by_role("button", name="Adopt as goals").click()
        cora.page.get_by_text("5 goals adopted.").wait_for()
        cora.check()
        assert sorted(Goal.objects.values_list("text", flat=True)) == sorted(TOP_FIVE)
        adopted = Decision.objects.filter(title__startswith="Goal adopted from the survey")
        assert adopted.count() == 5

        # a Planning for Real workshop: registration, then attendance
        cora.visit(f"/initiatives/{slug}/")
        cora.page.get_by_role("link", name="Plan an event").click()
        cora.check()
        cora.page.get_by_label("Format").select_option(label="Planning for Real")
        cora.page.get_by_label("Title").fill("Planning for Real: the village hall")
        cora.page.get_by_label("Description").fill("Where the shop and post office could go.")
        cora.page.get_by_label("Starts").fill("2027-06-01T10:00")
        cora.page.get_by_label("Ends").fill("2027-06-01T12:00")
        cora.page.get_by_label(re.compile(r"^Place:?$")).fill("Village hall")
        cora.page.get_by_label("Places").fill("30")
        cora.page.get_by_role("button", name="Save").click()
        cora.page.get_by_text("The event is published.").wait_for()
        cora.check()
        event = Event.objects.get()

        ann.visit(f"/initiatives/{slug}/events/{event.pk}/")
        ann.page.get_by_role("link", name="Register").click()
        ann.check()
        ann.page.get_by_role("button", name="Register").click()
        ann.page.get_by_text("You are registered.", exact=False).first.wait_for()
        ann.check()
        assert list(Registration.objects.values_list("person__username", flat=True)) == ["ann"]

        hold(event)  # the workshop happens
        cora.visit(f"/initiatives/{slug}/events/{event.pk}/attendance/")
        cora.page.get_by_role("checkbox", name="Ann Ash").check()
        cora.page.get_by_role("button", name="Save attendance").click()
        cora.page.get_by_text("Attendance is saved", exact=False).wait_for()
        cora.check()
        time = Contribution.objects.exclude(kind="idea").get()
        assert (time.contributor.username, time.quantity, time.stage.kind) == (  # type: ignore[union-attr]
            "ann",
            120,
            "co_planning",
        )

        # a campaign the council matches £1 for £1 up to £200
        campaign = financing.campaign_create(
            actor=village.memberships.get(user__username="cora").user,
            initiative=village,
            title="Fit out the shop",
            purpose="Shelves, tills and the post office counter",
            target=100_000,
            deadline=timezone.localdate() + datetime.timedelta(days=30),
        )
        council = Organisation.objects.create(name="District Council", kind="public_agency")
        financing.match_rule_create(
            actor=campaign.created_by,
            campaign=campaign,
            funder=council,
            funder_side=Side.REGULAR_PRODUCER,
            numerator=1,
            denominator=1,
            cap=20_000,
            counts="people",
        )
        ann.visit(campaign.get_absolute_url())
        ann.page.get_by_label("Money").check()
        ann.page.get_by_label("How much").fill("40")
        ann.page.get_by_role("button", name="Pledge").click()
        ann.page.get_by_text("Thank you: your pledge is made.").wait_for()
        ann.check()
        assert ann.page.locator(f"#progress-text-{campaign.pk}").inner_text() == (
            "£80 of £1,000 (8%): £0 received, £40 pledged and £40 matched by funders."
        )
        assert list(Pledge.objects.values_list("quantity", flat=True)) == [4_000]
    finally:
        for context in desks:
            context.close()
