"""Events in a real browser, on a phone: a coordinator plans a Planning for Real workshop,
a resident registers with an access need, the coordinator sees it and takes attendance,
and the resident's time appears in the co-production record; axe checks every page."""

import re
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core.vocabulary import StageKind
from coproduce.events.models import Event, Registration
from coproduce.events.tests.conftest import hold
from coproduce.initiatives import services as initiatives
from coproduce.record.models import Contribution

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs")
    initiatives.stage_create(actor=cora, initiative=initiative, kind=StageKind.CO_PLANNING)
    add_member(initiative, make_user("val", display_name="Val Reid"))
    return initiative


def test_plan_register_with_an_access_need_and_take_attendance(
    open_page: Any, initiative: Any
) -> None:
    slug = initiative.slug
    cora = open_page()
    cora.sign_in("cora", PASSWORD)
    cora.visit(f"/initiatives/{slug}/")
    cora.page.get_by_role("link", name="Plan an event").click()
    cora.check()
    cora.page.get_by_label("Format").select_option(label="Planning for Real")
    cora.page.get_by_label("Title").fill("Planning for Real: the estate model")
    cora.page.get_by_label("Description").fill("Put flags on the model of the estate.")
    cora.page.get_by_label("Starts").fill("2027-06-01T10:00")
    cora.page.get_by_label("Ends").fill("2027-06-01T12:00")
    cora.page.get_by_label(re.compile(r"^Place:?$")).fill("Community hall")
    cora.page.get_by_label("Places").fill("20")
    cora.page.get_by_label("Hearing loop").check()
    cora.page.get_by_role("button", name="Save").click()
    cora.page.get_by_text("The event is published.").wait_for()
    cora.check()
    event = Event.objects.get()
    assert (event.format, event.stage.kind, event.support) == (
        "planning_for_real",
        "co_planning",
        ["hearing_loop"],
    )

    val = open_page()
    val.sign_in("val", PASSWORD)
    val.visit(f"/initiatives/{slug}/events/")
    val.page.get_by_role("link", name="Planning for Real: the estate model").click()
    val.check()
    val.page.get_by_role("link", name="Register").click()
    val.check()
    val.page.get_by_label("Wheelchair or step-free access").check()
    val.page.get_by_label("Anything else we should know").fill("I use a power chair.")
    val.page.get_by_role("button", name="Register").click()
    val.page.get_by_text("You are registered.", exact=False).first.wait_for()
    val.check()
    assert Registration.objects.get().access_needs == ["wheelchair"]
    assert "power chair" not in val.page.locator("main").inner_text()

    cora.visit(f"/initiatives/{slug}/events/{event.pk}/")
    cora.page.get_by_role("link", name="Registrations and access needs").click()
    cora.check()
    row = cora.page.get_by_role("row", name="Val Reid", exact=False)
    assert "Wheelchair or step-free access" in row.inner_text()
    assert "I use a power chair." in row.inner_text()

    hold(event)  # the workshop happens
    cora.visit(f"/initiatives/{slug}/events/{event.pk}/attendance/")
    cora.page.get_by_role("checkbox", name="Val Reid").check()
    cora.page.get_by_role("button", name="Save attendance").click()
    cora.page.get_by_text("Attendance is saved", exact=False).wait_for()
    cora.check()

    cora.visit(f"/initiatives/{slug}/record/")
    row = cora.page.get_by_role("row", name="Val Reid", exact=False).first
    assert "Co-planning" in row.inner_text() and "Time" in row.inner_text()
    contribution = Contribution.objects.get()
    assert (contribution.contributor.username, contribution.quantity, contribution.side) == (
        "val",
        120,
        "citizen",
    )

    cora.visit(f"/initiatives/{slug}/events/{event.pk}/outputs/")
    cora.page.get_by_label("Dots each attendee has").fill("2")
    cora.page.get_by_label("Options").fill("Damp\nLifts")
    cora.page.get_by_role("button", name="Save the options").click()
    cora.page.get_by_text("The dot-voting options are saved.").wait_for()
    cora.check()
    cora.page.get_by_label("Dots on Damp").fill("2")
    cora.page.get_by_role("button", name="Save their dots").click()
    cora.page.get_by_text("The dots are saved.").wait_for()
    cora.check()
    cora.visit(f"/initiatives/{slug}/events/{event.pk}/")
    assert cora.page.get_by_role("row", name="Damp 2").count() == 1
