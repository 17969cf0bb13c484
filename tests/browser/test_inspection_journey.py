"""A citizen inspection in a real browser, on a phone (360 × 740): the inspector saves a
draft, adds a finding with a picture and a recommendation, and submits; the provider
answers; a coordinator publishes; anyone reads the report. axe checks every page."""

import datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.inspections import services
from coproduce.inspections.models import Visit, VisitStatus
from coproduce.record.models import Contribution, Decision
from tests.browser.conftest import a_photo

pytestmark = pytest.mark.browser


@pytest.fixture
def visit(transactional_db: Any) -> Visit:
    lead = make_user("lead", display_name="Housing officer")
    initiative = make_initiative(lead, title="Riverside inspections")
    jo = make_user("jo", display_name="Jo Bright")
    add_member(initiative, jo)
    checklist = services.checklist_create(
        actor=lead, initiative=initiative, title="Reception", purpose="inspection"
    )
    services.question_add(
        actor=lead,
        checklist=checklist,
        theme="Getting in",
        text="Is the entrance step-free?",
        kind="yes_no",
    )
    services.question_add(
        actor=lead,
        checklist=checklist,
        theme="Being served",
        text="How well were you listened to?",
        guidance="1 not at all, 5 very well",
        kind="rating",
    )
    services.inspector_appoint(
        actor=lead,
        initiative=initiative,
        person=jo,
        training="Inspector course",
        trained_on=datetime.date(2026, 1, 5),
    )
    return services.visit_schedule(
        actor=lead,
        initiative=initiative,
        checklist=checklist,
        place="Housing office",
        visit_on=datetime.date(2026, 3, 1),
        provider=lead,
        inspectors=[jo],
    )


def test_an_inspector_completes_a_visit_on_a_phone(
    open_page: Any, visit: Visit, tmp_path: Path
) -> None:
    picture = a_photo(tmp_path)
    slug = visit.initiative.slug
    url = f"/initiatives/{slug}/inspections/visits/{visit.pk}/"

    jo = open_page()
    jo.page.set_viewport_size({"width": 360, "height": 740})
    jo.sign_in("jo", PASSWORD)
    jo.visit(url)
    jo.page.get_by_role("group", name="Is the entrance step-free?").get_by_label("No").check()
    jo.page.get_by_role("button", name="Save the draft").click()
    jo.page.get_by_text("Saved.").wait_for()
    jo.check()
    jo.page.get_by_label("What you found").fill("Two steps and no ramp at the door.")
    jo.page.get_by_role("group", name="Severity").get_by_label("High").check()
    jo.page.get_by_label("Evidence picture (optional)").set_input_files(str(picture))
    jo.page.get_by_label("What the picture shows (with a picture)").fill("The front steps")
    jo.page.get_by_role("button", name="Add the finding").click()
    jo.page.get_by_role("img", name="The front steps").wait_for()
    jo.check()
    jo.page.get_by_label("Recommendation").fill("Fit a ramp.")
    jo.page.get_by_role("button", name="Add the recommendation").click()
    jo.page.get_by_text("Saved.").wait_for()
    listened = jo.page.get_by_role("group", name="How well were you listened to?")
    listened.get_by_label("4").check()
    jo.page.reload()  # as if the connection dropped before sending: the phone kept it
    jo.page.get_by_text("Answers not yet sent were restored from this device").wait_for()
    assert listened.get_by_label("4").is_checked()
    jo.check()
    jo.page.get_by_label("Minutes Jo Bright gave").fill("90")
    jo.page.get_by_role("button", name="Submit the visit").click()
    jo.page.get_by_text("Submitted, waiting for the provider").wait_for()
    jo.check()
    assert Contribution.objects.get().quantity == 90

    lead = open_page()
    lead.sign_in("lead", PASSWORD)
    lead.visit(url)
    lead.page.get_by_role("group", name="Your answer").get_by_label("Accept").check()
    lead.page.get_by_label("Action (if you accept)").fill("A portable ramp")
    lead.page.get_by_label("Due by (if you accept)").fill("2027-01-31")
    lead.page.get_by_role("button", name="Send your answer").click()
    lead.page.get_by_role("button", name="Publish the report").click()
    lead.page.get_by_text("The report is published.").wait_for()
    lead.check()
    assert Decision.objects.get().carried is True

    anyone = open_page()
    anyone.visit(f"/initiatives/{slug}/inspections/reports/{visit.pk}/")
    anyone.page.get_by_text("1 inspector who chose not to be named").wait_for()
    anyone.page.get_by_role("cell", name="A portable ramp").wait_for()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PUBLISHED
    anyone.visit(f"/initiatives/{slug}/accountability/")  # the report on the public page too
    assert "A portable ramp" in anyone.page.locator("main").inner_text()
