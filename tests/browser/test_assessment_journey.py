"""Co-assessment end to end in a real browser: a coordinator defines an outcome indicator and
an inspection checklist, appoints an inspector and schedules a visit; the inspector completes
it on a phone with a picture; the provider answers; the report is published; a volunteer
rates the shift they worked; and the initiative's public accountability page shows it all.
axe checks every page on the way."""

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.inspections.models import Visit, VisitStatus
from coproduce.ratings.models import Rating
from coproduce.ratings.tests.conftest import _shift
from coproduce.record.models import Decision
from tests.browser.conftest import a_photo, fill

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    lead = make_user("lead", display_name="Housing officer")
    initiative = make_initiative(lead, title="Riverside housing office")
    add_member(initiative, make_user("jo", display_name="Jo Bright"))
    val = make_user("val", display_name="Val Reid")
    add_member(initiative, val)
    world = SimpleNamespace(initiative=initiative, stage=initiative.stages.get(), coordinator=lead)
    _shift(world, val)  # type: ignore[arg-type]
    return initiative


def test_co_assessment_from_the_first_indicator_to_the_accountability_page(
    open_page: Any, initiative: Any, tmp_path: Path
) -> None:
    slug = initiative.slug
    lead = open_page()
    lead.sign_in("lead", PASSWORD)

    # an outcome indicator with its baseline and target
    lead.visit(f"/initiatives/{slug}/")
    lead.page.get_by_role("link", name="Define an indicator").click()
    lead.check()
    fill(
        lead.page,
        {
            "Name": "Repairs right first time",
            "What it measures": "Share of repairs fixed at the first visit",
            "Unit": "%",
            "Baseline value": "60",
            "Baseline measured on": "2026-01-01",
            "Baseline source": "Repairs log",
            "Targets": "2026-11-01, 80",
        },
    )
    lead.page.get_by_label("Whom it serves").select_option("service_users")
    lead.page.get_by_role("button", name="Save").click()
    lead.page.get_by_text("The indicator is saved.").wait_for()
    lead.check()

    # a checklist with a question, an inspector, a visit
    lead.visit(f"/initiatives/{slug}/inspections/")
    fill(lead.page, {"Title": "Reception"})
    lead.page.get_by_label("Citizen inspection").check()
    lead.page.get_by_role("button", name="Create the checklist").click()
    lead.page.get_by_text("Saved.").wait_for()
    lead.check()
    lead.page.get_by_role("link", name="Reception").click()
    lead.check()
    fill(lead.page, {"Theme": "Getting in", "Question": "Is the entrance step-free?"})
    lead.page.get_by_label(re.compile(r"^Answer:?$")).select_option("yes_no")
    lead.page.get_by_role("button", name="Add the question").click()
    lead.page.get_by_text("Saved.").wait_for()
    lead.check()
    lead.visit(f"/initiatives/{slug}/inspections/")
    lead.page.get_by_label(re.compile(r"^Member:?$")).select_option(label="Jo Bright")
    fill(lead.page, {"Training completed": "Inspector course", "Trained on": "2026-01-05"})
    lead.page.get_by_role("button", name="Appoint").click()
    lead.page.get_by_text("Saved.").wait_for()
    lead.check()
    lead.page.get_by_label(re.compile(r"^Checklist:?$")).select_option(label="Reception")
    fill(
        lead.page, {"Place or service visited": "Housing office", "Day of the visit": "2026-03-01"}
    )
    lead.page.get_by_label("Provider").select_option(label="Housing officer")
    lead.page.get_by_label("Jo Bright").check()
    lead.page.get_by_role("button", name="Schedule the visit").click()
    lead.page.get_by_text("Saved.").wait_for()
    lead.check()
    visit = Visit.objects.get()

    # the inspector, on a phone, with a picture
    picture = a_photo(tmp_path)
    jo = open_page()
    jo.page.set_viewport_size({"width": 360, "height": 740})
    jo.sign_in("jo", PASSWORD)
    jo.visit(f"/initiatives/{slug}/inspections/visits/{visit.pk}/")
    jo.page.get_by_role("group", name="Is the entrance step-free?").get_by_label("No").check()
    jo.page.get_by_role("button", name="Save the draft").click()
    jo.page.get_by_text("Saved.").wait_for()
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
    jo.page.get_by_label("Minutes Jo Bright gave").fill("90")
    jo.page.get_by_role("button", name="Submit the visit").click()
    jo.page.get_by_text("Submitted, waiting for the provider").wait_for()
    jo.check()

    # the provider answers; the report is published
    lead.visit(f"/initiatives/{slug}/inspections/visits/{visit.pk}/")
    lead.page.get_by_role("group", name="Your answer").get_by_label("Accept").check()
    lead.page.get_by_label("Action (if you accept)").fill("A portable ramp")
    lead.page.get_by_label("Due by (if you accept)").fill("2027-01-31")
    lead.page.get_by_role("button", name="Send your answer").click()
    lead.page.get_by_role("button", name="Publish the report").click()
    lead.page.get_by_text("The report is published.").wait_for()
    lead.check()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PUBLISHED
    assert Decision.objects.get(source_id__isnull=False).carried is True

    # a volunteer rates the shift they worked
    val = open_page()
    val.sign_in("val", PASSWORD)
    val.visit(f"/initiatives/{slug}/")
    val.page.get_by_role("link", name="See the ratings and rate what you took part in").click()
    val.check()
    val.page.get_by_role("link", name="Garden helper, shift of", exact=False).click()
    val.page.get_by_label("4 stars").check()
    val.page.get_by_role("button", name="Save my rating").click()
    val.page.get_by_text("Your rating is saved.").wait_for()
    val.check()
    assert Rating.objects.get().stars == 4

    # anyone reads it all on the accountability page
    visitor = open_page()
    visitor.visit(f"/initiatives/{slug}/accountability/")
    text = visitor.page.locator("main").inner_text()
    assert "Repairs right first time" in text
    assert "Fit a ramp.: accepted, A portable ramp by 31 Jan 2027" in text
    assert "Garden helper" in text
    assert "Jo Bright" not in text and "Val Reid" not in text
