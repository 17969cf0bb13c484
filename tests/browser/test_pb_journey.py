"""Participatory budgeting in a real browser, from setting it up to the results."""

from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.budgeting import ballots
from coproduce.budgeting.models import Ballot, Process, Proposal, Tally
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import JoinPolicy

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    amara = make_user("amara", display_name="Amara Okafor")
    initiative = make_initiative(amara, title="Riverside decides", join_policy=JoinPolicy.OPEN)
    add_member(initiative, make_user("nia"))
    initiatives.stage_create(actor=amara, initiative=initiative, kind=StageKind.CO_PRIORITISATION)
    return initiative


def advance(page: Any, to: str) -> None:
    """Move to the next phase as a coordinator does: the link names it, a second page
    confirms it."""
    page.page.get_by_role("link", name=f"Move to {to}…").click()
    page.page.get_by_role("heading", name=f"Move to {to}?").wait_for()
    page.check()
    page.page.get_by_role("button", name=f"Yes, move to {to}").click()
    page.page.get_by_text(f"The process is now in {to}").wait_for()
    page.check()


def test_from_set_up_to_results(open_page: Any, initiative: Any) -> None:
    amara, nia = open_page(), open_page()
    amara.sign_in("amara", PASSWORD)
    amara.visit(f"/initiatives/{initiative.slug}/")
    amara.page.get_by_role("link", name="Set up participatory budgeting").click()
    amara.check()
    amara.page.get_by_label("Title").fill("Riverside budget 2027")
    amara.page.get_by_label("Budget name").fill("North")
    amara.page.get_by_label("Amount (£)").fill("1000")
    amara.page.get_by_role("button", name="Set it up").click()
    amara.page.get_by_text("The process is set up").wait_for()
    amara.check()
    process = Process.objects.get()
    manage = f"/pb/{process.pk}/manage/"
    advance(amara, "Proposal collection")

    nia.sign_in("nia", PASSWORD)
    nia.visit(f"/pb/{process.pk}/")
    nia.page.get_by_role("link", name="Propose a project").click()
    nia.check()
    nia.page.get_by_label("Title").fill("Benches by the river")
    nia.page.get_by_label("Description").fill("Six benches along the towpath")
    nia.page.get_by_label("Estimated cost (£)").fill("800")
    nia.page.get_by_role("button", name="Send").click()
    nia.page.get_by_text("Your proposal is in").wait_for()
    nia.check()
    proposal = Proposal.objects.get()
    assert (proposal.title, proposal.estimated_cost) == ("Benches by the river", 80_000)
    # over the £1,000 budget: the page says so and nothing is saved
    nia.visit(f"/pb/{process.pk}/propose/")
    nia.page.get_by_label("Title").fill("Lights")
    nia.page.get_by_label("Description").fill("Lights on the towpath")
    nia.page.get_by_label("Estimated cost (£)").fill("1500")
    nia.page.get_by_role("button", name="Send").click()
    nia.page.get_by_role("heading", name="There is a problem").wait_for()
    nia.check()
    assert Proposal.objects.count() == 1

    amara.visit(manage)
    advance(amara, "Feasibility review")
    amara.visit(f"/pb/proposals/{proposal.pk}/")
    amara.page.get_by_label("Feasible", exact=True).check()
    amara.page.get_by_label("Reason").fill("Costed with the parks team: six benches, £900")
    amara.page.get_by_label("Reviewed cost (£)").fill("900")
    amara.page.get_by_role("button", name="Publish the review").click()
    amara.page.get_by_text("The review is published").wait_for()
    amara.check()
    amara.visit(manage)
    advance(amara, "Voting")
    amara.page.get_by_label("How many codes").fill("3")
    amara.page.get_by_role("button", name="Issue codes").click()
    amara.page.get_by_text("3 new codes").wait_for()
    amara.check()

    nia.visit(f"/pb/{process.pk}/")
    nia.page.get_by_role("link", name="Vote in North").click()
    nia.check()
    status = nia.page.locator("#ballot-status")
    assert " ".join(status.inner_text().split()) == "£0.00 of £1,000.00: £1,000.00 left"
    nia.page.get_by_label("Benches by the river (£900.00)").check()
    assert " ".join(status.inner_text().split()) == "£900.00 of £1,000.00: £100.00 left"
    nia.check()
    nia.page.get_by_role("button", name="Save my ballot").click()
    nia.page.get_by_text("Your ballot is saved").wait_for()
    nia.check()
    assert Ballot.objects.get().voter.username == "nia"
    # four neighbours join and choose the benches too: with five ballots the votes are
    # published (fewer would show how each person voted)
    for n in range(4):
        neighbour = make_user(f"neighbour{n}")
        add_member(initiative, neighbour)
        ballots.ballot_cast(
            actor=neighbour, budget=process.budgets.get(), choices=[ballots.Choice(proposal.pk)]
        )

    amara.visit(manage)
    advance(amara, "Counting")
    amara.page.get_by_role("button", name="Count North").click()
    amara.page.get_by_text("North is counted").wait_for()
    amara.check()
    advance(amara, "Results")
    assert Tally.objects.get().selected == [proposal.pk]

    nia.visit(f"/pb/{process.pk}/")
    nia.page.get_by_role("link", name="Results for North").click()
    nia.check()
    table = nia.page.get_by_role("table", name="Projects, votes and funding").inner_text()
    assert "Benches by the river" in table
    assert "£900" in table
    compared = nia.page.get_by_role("table", name="What each rule would fund with these ballots")
    assert "5 of 5" in compared.inner_text()
    chart = nia.page.get_by_role("figure", name="Votes per project, most first").inner_text()
    assert "Benches by the river 5 votes · funded" in " ".join(chart.split())
    nia.visit(f"/pb/{process.pk}/")
    audit = nia.page.get_by_role("region", name="Audit log: the counts as each phase closed")
    assert "Counting" in audit.inner_text()
    nia.visit(f"/initiatives/{initiative.slug}/")
    region = nia.page.get_by_role("region", name="Participatory budgeting").inner_text()
    assert "Riverside budget 2027 (Results)" in region
