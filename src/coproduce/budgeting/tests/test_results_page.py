"""The results page names the rule of every row exactly: the process's own rule first, then
greedy and Equal Shares (as its authors complete it) for comparison."""

import re
from typing import Any

from coproduce.budgeting import ballots, services
from coproduce.budgeting.models import CountingRule
from coproduce.budgeting.tests.conftest import PB, residents_vote
from coproduce.budgeting.tests.test_services import ids


def _publish(voting: PB) -> None:
    coord = voting.world.coordinator
    services.phase_advance(actor=coord, process=voting.process)  # counting
    for budget in voting.process.budgets.all():
        services.budget_count(actor=coord, budget=budget)
    services.phase_advance(actor=coord, process=voting.process)  # results


def _rows(client: Any, voting: PB) -> list[tuple[str, ...]]:
    page = client.get(f"/pb/budgets/{voting.north.pk}/results/").content.decode()
    table = page.split("<caption>What each rule would fund with these ballots</caption>")[1]
    return [
        tuple(
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        )
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("</table>")[0])[1:]
    ]


def test_each_row_is_named_by_its_rule_and_the_process_rule_comes_first(
    client: Any, voting: PB
) -> None:
    # Every voter chooses benches (£300), and all but one murals (£200): every rule funds
    # both of them.
    ballots.ballot_cast(
        actor=voting.world.member, budget=voting.north, choices=ids(voting, "benches", "murals")
    )
    ballots.ballot_cast(
        actor=voting.world.coordinator, budget=voting.north, choices=ids(voting, "benches")
    )
    residents_vote(voting, voting.north, *[["benches", "murals"]] * 3)
    _publish(voting)
    assert voting.process.rule == CountingRule.MES_ADD1_GREEDY
    assert _rows(client, voting) == [
        (
            "Method of Equal Shares, add-one then greedy (this process's rule)",
            "2",
            "£500.00",
            "5 of 5",
        ),
        ("Greedy by votes (skip what does not fit)", "2", "£500.00", "5 of 5"),
        ("Method of Equal Shares, add-one completion", "2", "£500.00", "5 of 5"),
    ]


def test_a_greedy_process_is_not_listed_twice(client: Any, voting: PB) -> None:
    voting.process.rule = CountingRule.GREEDY
    voting.process.save(update_fields=["rule"])
    ballots.ballot_cast(
        actor=voting.world.member, budget=voting.north, choices=ids(voting, "lights")
    )
    residents_vote(voting, voting.north, *[["lights"]] * 4)
    _publish(voting)
    assert [row[0] for row in _rows(client, voting)] == [
        "Greedy by votes (skip what does not fit) (this process's rule)",
        "Method of Equal Shares, add-one completion",
    ]
