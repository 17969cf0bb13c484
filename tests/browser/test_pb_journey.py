"""Participatory budgeting in a real browser, from a proposal to the results."""

from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.budgeting import services
from coproduce.budgeting.models import Ballot, Proposal, Tally
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import JoinPolicy

pytestmark = pytest.mark.browser


@pytest.fixture
def process(transactional_db: Any) -> Any:
    amara = make_user("amara", display_name="Amara Okafor")
    initiative = make_initiative(amara, title="Riverside decides", join_policy=JoinPolicy.OPEN)
    for name in ("nia", "sam"):
        add_member(initiative, make_user(name))
    stage = initiatives.stage_create(
        actor=amara, initiative=initiative, kind=StageKind.CO_PRIORITISATION
    )
    process = services.process_create(
        actor=amara,
        initiative=initiative,
        stage=stage,
        title="Riverside budget 2027",
        budgets=[("North", 100_000, "")],
    )
    services.phase_advance(actor=amara, process=process)
    return process


def test_from_proposal_to_results(open_page: Any, process: Any) -> None:
    nia, amara = open_page(), open_page()
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

    services.phase_advance(actor=process.initiative.created_by, process=process)  # review
    amara.sign_in("amara", PASSWORD)
    amara.visit(f"/pb/proposals/{proposal.pk}/")
    amara.page.get_by_label("Feasible", exact=True).check()
    amara.page.get_by_label("Reason").fill("Costed with the parks team: six benches, £900")
    amara.page.get_by_label("Reviewed cost (£)").fill("900")
    amara.page.get_by_role("button", name="Publish the review").click()
    amara.page.get_by_text("The review is published").wait_for()
    amara.check()

    services.phase_advance(actor=process.initiative.created_by, process=process)  # voting
    nia.visit(f"/pb/{process.pk}/")
    nia.page.get_by_role("link", name="Vote in North").click()
    nia.check()
    nia.page.get_by_label("Benches by the river (£900.00)").check()
    nia.page.get_by_role("button", name="Save my ballot").click()
    nia.page.get_by_text("Your ballot is saved").wait_for()
    nia.check()
    assert Ballot.objects.get().voter.username == "nia"

    services.phase_advance(actor=process.initiative.created_by, process=process)  # counting
    services.budget_count(actor=process.initiative.created_by, budget=process.budgets.get())
    services.phase_advance(actor=process.initiative.created_by, process=process)  # results
    assert Tally.objects.get().selected == [proposal.pk]
    nia.visit(f"/pb/{process.pk}/")
    nia.page.get_by_role("link", name="Results for North").click()
    nia.check()
    table = nia.page.get_by_role("table", name="Projects, votes and funding").inner_text()
    assert "Benches by the river" in table
    assert "£900" in table
    compared = nia.page.get_by_role("table", name="What each rule would fund with these ballots")
    assert "1 of 1" in compared.inner_text()
    nia.visit(f"/initiatives/{process.initiative.slug}/")
    assert (
        "Riverside budget 2027"
        in nia.page.get_by_role("region", name="Participatory budgeting").inner_text()
    )
