"""Money out on the accountability page: the projects each published count funded."""

from typing import Any

from coproduce.budgeting import ballots, services
from coproduce.budgeting.models import ImplementationStatus, Phase
from coproduce.budgeting.tests.conftest import PB
from coproduce.budgeting.tests.test_services import ids


def test_funded_projects_show_once_results_are_published(client: Any, voting: PB) -> None:
    coord = voting.world.coordinator
    voting.proposals["benches"].category = "Parks"
    voting.proposals["benches"].save(update_fields=["category"])
    ballots.ballot_cast(
        actor=voting.world.member, budget=voting.north, choices=ids(voting, "benches", "murals")
    )
    url = f"/initiatives/{voting.world.initiative.slug}/accountability/"
    services.phase_advance(actor=coord, process=voting.process)  # counting
    assert voting.process.budgets.count() == 2
    for budget in voting.process.budgets.all():
        services.budget_count(actor=coord, budget=budget)
    assert "Money out" not in client.get(url).content.decode()  # counted, not yet published
    services.phase_advance(actor=coord, process=voting.process)  # results
    voting.process.refresh_from_db()
    assert voting.process.phase == Phase.RESULTS
    services.implementation_update(
        actor=coord,
        proposal=voting.proposals["benches"],
        status=ImplementationStatus.IN_PROGRESS,
        progress=40,
    )
    text = client.get(url).content.decode()
    assert "Riverside decides, North: £500.00 of £1,000.00 allocated" in text
    assert ">Parks</td>" in text and "Benches" in text and "In progress, 40%" in text
    assert ">Not given</td>" in text and "Murals" in text and "Lights" not in text
