"""Journey maps in a real browser, on a phone: a resident adds a pain point and a feeling to
a stage, a member of staff adds a feeling to the same stage, and the grid shows both sides
and that they see the stage differently; on a wide screen the stages stand as columns. Axe
checks every page."""

import re
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core.vocabulary import Role, Side
from coproduce.journeymaps import services
from coproduce.journeymaps.models import JourneyNote

pytestmark = pytest.mark.browser


@pytest.fixture
def journey(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs")
    journey_map = services.journey_map_save(
        actor=cora, initiative=initiative, title="Getting a repair done"
    )
    stages = [
        services.journey_stage_add(actor=cora, journey_map=journey_map, name=name)
        for name in ("Reporting the repair", "Waiting for the visit")
    ]
    val = make_user("val", display_name="Val Reid")
    add_member(initiative, val)
    sid = make_user("sid", display_name="Sid Patel")
    add_member(initiative, sid, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL)
    # two more on each side have said how the tenant feels while waiting
    waiting = (
        ("ann", Side.CITIZEN, -2),
        ("bob", Side.CITIZEN, -1),
        ("cy", Side.REGULAR_PRODUCER, 1),
        ("di", Side.REGULAR_PRODUCER, 0),
    )
    for name, side, feeling in waiting:
        person = make_user(name)
        role = Role.RESIDENT if side == Side.CITIZEN else Role.FRONTLINE_PROFESSIONAL
        add_member(initiative, person, side=side, role=role)
        services.journey_note_add(
            actor=person,
            journey_map=journey_map,
            stage=stages[1],
            kind="feels",
            text=f"{name} feels {feeling}",
            feeling=feeling,
        )
    return journey_map


def add_note(person: Any, stage: str, kind: str, text: str, feeling: str = "") -> None:
    person.page.get_by_role("link", name=f"Add a note to {stage}").click()
    person.check()
    person.page.get_by_label(kind).check()
    if feeling:
        person.page.get_by_label(feeling).check()
    person.page.get_by_label("Your note").fill(text)
    person.page.get_by_role("button", name="Add the note").click()
    person.page.get_by_text("Your note is on the map.").wait_for()
    person.check()


def test_both_sides_write_on_a_stage_and_the_grid_shows_the_difference(
    open_page: Any, journey: Any
) -> None:
    slug = journey.initiative.slug
    val = open_page()
    val.sign_in("val", PASSWORD)
    val.visit(f"/initiatives/{slug}/")
    val.page.get_by_role("link", name="Getting a repair done").click()
    val.check()
    add_note(val, "Waiting for the visit", "Pain points", "Waited in all day; nobody came.")
    add_note(val, "Waiting for the visit", "How the person feels", "Fed up.", "-2: Very bad")
    assert val.page.locator(".journey-marker").count() == 0  # two staff feelings so far

    sid = open_page()
    sid.sign_in("sid", PASSWORD)
    sid.visit(journey.get_absolute_url())
    add_note(sid, "Waiting for the visit", "How the person feels", "Booked on time.", "+1: Good")

    stage = sid.page.locator("section.journey-differs")
    assert stage.get_by_role("heading", name="2. Waiting for the visit").count() == 1
    figures = stage.locator(".journey-figures").inner_text()
    assert "Citizens: feel -1.7 (very bad); 1 pain point" in figures
    assert "Staff: feel +0.7 (good); 0 pain points" in figures
    notes = stage.inner_text()
    assert "Waited in all day; nobody came." in notes and "Booked on time." in notes
    assert "Val Reid" in notes and "Sid Patel" in notes  # members see who wrote what
    sides = [n.side for n in JourneyNote.objects.order_by("pk")]
    assert sides[-3:] == ["citizen", "citizen", "regular_producer"]

    visitor = open_page()
    visitor.visit(journey.get_absolute_url())
    text = visitor.page.locator("main").inner_text()
    assert "Waited in all day; nobody came." in text and "Seen differently" in text
    assert "Val Reid" not in text and "Sid Patel" not in text
    visitor.page.set_viewport_size({"width": 1280, "height": 900})
    visitor.check()
    grid = visitor.page.locator(".journey-grid")
    assert grid.evaluate("e => getComputedStyle(e).display") == "grid"
    first, second = visitor.page.locator("section.journey-stage").all()
    assert first.bounding_box()["y"] == second.bounding_box()["y"]  # side by side
    assert first.bounding_box()["x"] < second.bounding_box()["x"]


def test_a_coordinator_makes_a_map_orders_its_stages_and_takes_up_a_pain_point(
    open_page: Any, journey: Any
) -> None:
    pain = services.journey_note_add(
        actor=journey.initiative.memberships.get(user__username="val").user,
        journey_map=journey,
        stage=journey.stages.get(position=2),
        kind="pain_point",
        text="Waited in all day.",
    )
    cora = open_page()
    cora.sign_in("cora", PASSWORD)
    cora.visit(f"/initiatives/{journey.initiative.slug}/journey-maps/")
    cora.page.get_by_role("link", name="Make a journey map").click()
    cora.check()
    cora.page.get_by_label("Title").fill("Moving in")
    cora.page.get_by_role("button", name="Save").click()
    for name in ("Signing the tenancy", "Getting the keys"):
        cora.page.get_by_text("Add a stage").wait_for()
        cora.check()
        cora.page.get_by_label("Stage name").fill(name)
        cora.page.get_by_role("button", name="Add the stage").click()
        cora.page.get_by_text("The stage is added").wait_for()
    cora.page.get_by_role("button", name=re.compile("^Move earlier.*Getting the keys$")).click()
    cora.page.get_by_text("Getting the keys is now stage 1.").wait_for()
    cora.check()
    names = cora.page.locator(".journey-stage-name").all_inner_texts()
    assert names == ["Getting the keys", "Signing the tenancy"]

    cora.visit(f"{journey.get_absolute_url()}notes/{pain.pk}/")
    cora.page.get_by_label("Status of this pain point").select_option("taken_up")
    cora.page.get_by_role("button", name="Save the status").click()
    cora.page.get_by_text("The pain point is marked taken up.").wait_for()
    cora.check()
    pain.refresh_from_db()
    assert pain.status == "taken_up"
