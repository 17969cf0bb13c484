"""Co-management in a real browser: a board, a meeting, a vote written to the record."""

import re
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core.vocabulary import Role, Side, StageKind
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import JoinPolicy
from coproduce.record.models import Decision

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Caterham trust", join_policy=JoinPolicy.OPEN)
    initiatives.stage_create(actor=cora, initiative=initiative, kind=StageKind.CO_MANAGEMENT)
    add_member(initiative, make_user("ann", display_name="Ann Reid"))
    add_member(
        initiative,
        make_user("raj", display_name="Raj Patel"),
        side=Side.REGULAR_PRODUCER,
        role=Role.MANAGER,
    )
    return initiative


def test_a_board_votes_and_the_record_shows_it(open_page: Any, initiative: Any) -> None:
    cora = open_page()
    cora.sign_in("cora", PASSWORD)
    cora.visit(f"/initiatives/{initiative.slug}/")
    cora.page.get_by_role("link", name="Boards").click()
    cora.check()
    cora.page.get_by_label("Name").fill("Valley community trust")
    cora.page.get_by_role("button", name="Set up the board").click()
    cora.page.get_by_text("The board is set up").wait_for()
    cora.check()
    for name, role in (("Ann Reid", "Chair"), ("Raj Patel", "Member")):
        cora.page.get_by_label(re.compile(r"^Member:?$")).select_option(label=name)
        cora.page.get_by_label("Role").select_option(label=role)
        cora.page.get_by_role("button", name="Add to the board").click()
        cora.page.get_by_text("The seat is added").wait_for()
    cora.check()
    cora.page.get_by_label("When").fill("2026-11-20T19:00")
    cora.page.get_by_label("Agenda").fill("1. Sunday opening of the hall")
    cora.page.get_by_role("button", name="Schedule").click()
    cora.page.get_by_text("The meeting is scheduled").wait_for()
    cora.check()
    cora.page.get_by_label("Ann Reid").check()
    cora.page.get_by_label("Raj Patel").check()
    cora.page.get_by_role("button", name="Save attendance").click()
    cora.page.get_by_text("Attendance is saved").wait_for()
    cora.check()
    cora.page.get_by_label("Minutes").fill("The hall will open on Sundays from January.")
    cora.page.get_by_role("button", name="Save the minutes").click()
    cora.page.get_by_text("The minutes are saved").wait_for()
    cora.check()
    cora.page.get_by_label("What is decided").fill("Open the hall on Sundays")
    cora.page.get_by_label("Proposed by").select_option(label="Ann Reid")
    cora.page.get_by_label("Ann Reid's vote").select_option(label="For")
    cora.page.get_by_label("Raj Patel's vote").select_option(label="Against")
    cora.page.get_by_role("button", name="Record the decision").click()
    cora.page.get_by_text("The decision is recorded").wait_for()
    cora.check()
    decision = Decision.objects.get(title__startswith="Valley community trust: ")
    assert (decision.rule, decision.decided_by, decision.outcome) == (
        "vote",
        "joint",
        "Not carried by 1 for, 1 against, 0 abstaining.",
    )
    assert (decision.participants_citizen, decision.participants_professional) == (1, 1)
