"""A budget with fewer than 5 ballots publishes what its count funded, never its votes per
project, its rules compared or its ballots: with so few (a district fixed around one
person), they would be the voters' own choices (ADR 0021)."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.test import APIClient

from coproduce.budgeting.selectors import FEWEST_BALLOTS_COUNTED_IN_PUBLIC
from coproduce.budgeting.tests.conftest import PB, publish, residents_vote

WITHHELD = "Fewer than 5 people voted in this budget"
REFUSED = (
    "This budget has fewer than 5 ballots: its ballots and votes are not published, as they"
    " would show how each person voted."
)


def test_the_fewest_is_five() -> None:
    assert FEWEST_BALLOTS_COUNTED_IN_PUBLIC == 5


def test_four_ballots_publish_what_was_funded_and_no_votes(voting: PB) -> None:
    residents_vote(voting, voting.north, *[["benches"]] * 4)
    publish(voting)
    results = APIClient().get(f"/api/v1/pb/budgets/{voting.north.pk}/results/").json()
    assert (results["ballots"], results["counts_withheld"], results["spent"]) == (4, True, 30_000)
    assert results["funded"] == [voting.proposals["benches"].pk]
    assert {row["title"]: (row["votes"], row["funded"]) for row in results["proposals"]} == {
        "Benches": (None, True),
        "Lights": (None, False),
        "Murals": (None, False),
    }
    page = Client().get(f"/pb/budgets/{voting.north.pk}/results/").content.decode()
    assert WITHHELD in page
    assert page.count("Not published") == 3
    assert "Votes per project, most first" not in page
    assert "What each rule would fund with these ballots" not in page
    assert "results.pb" not in page


def test_four_ballots_are_not_downloaded_nor_exported(voting: PB) -> None:
    residents_vote(voting, voting.north, ["benches"], ["lights"], ["murals"], ["benches"])
    publish(voting)
    visitor = Client()
    for kind in ("pb", "csv"):
        refused = visitor.get(f"/pb/budgets/{voting.north.pk}/results.{kind}")
        assert refused.status_code == 302
        assert refused["Location"] == f"/pb/budgets/{voting.north.pk}/results/"
        assert "Content-Disposition" not in refused
    page = visitor.get(f"/pb/budgets/{voting.north.pk}/results/").content.decode()
    assert REFUSED in page
    for args in (
        ["pb", "export", str(voting.north.pk)],
        ["pb", "export", "--csv", str(voting.north.pk)],
    ):
        with pytest.raises(CommandError, match=REFUSED.replace(".", r"\.")):
            call_command(*args)


def test_the_fifth_ballot_publishes_the_votes_rules_and_ballots(voting: PB) -> None:
    residents_vote(voting, voting.north, *[["benches"]] * 5)
    publish(voting)
    results = APIClient().get(f"/api/v1/pb/budgets/{voting.north.pk}/results/").json()
    assert (results["ballots"], results["counts_withheld"]) == (5, False)
    assert {row["title"]: row["votes"] for row in results["proposals"]} == {
        "Benches": 5,
        "Lights": 0,
        "Murals": 0,
    }
    page = Client().get(f"/pb/budgets/{voting.north.pk}/results/").content.decode()
    assert WITHHELD not in page
    assert "Votes per project, most first" in page
    assert "What each rule would fund with these ballots" in page
    assert Client().get(f"/pb/budgets/{voting.north.pk}/results.pb").status_code == 200


def test_a_budget_nobody_voted_in_has_nothing_to_withhold(voting: PB) -> None:
    publish(voting)
    results = APIClient().get(f"/api/v1/pb/budgets/{voting.north.pk}/results/").json()
    assert (results["ballots"], results["counts_withheld"], results["funded"]) == (0, False, [])
    assert {row["votes"] for row in results["proposals"]} == {0}
