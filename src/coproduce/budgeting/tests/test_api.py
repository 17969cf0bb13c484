"""PB through the REST API: proposals, ballots (own only), counting and published results."""

from rest_framework.test import APIClient

from coproduce.budgeting import services
from coproduce.budgeting.models import Ballot
from coproduce.budgeting.tests.conftest import PB, residents_vote
from coproduce.initiatives.models import Visibility


def test_vote_count_and_publish_through_the_api(api: APIClient, voting: PB) -> None:
    north = f"/api/v1/pb/budgets/{voting.north.pk}/"
    benches, lights = voting.proposals["benches"].pk, voting.proposals["lights"].pk
    api.force_authenticate(voting.world.member)
    over = api.post(
        north + "ballot/",
        {
            "choices": [
                {"proposal": benches},
                {"proposal": lights},
                {"proposal": voting.proposals["murals"].pk},
            ]
        },
        format="json",
    )
    assert over.status_code == 400
    assert "more than the £1,000.00 budget" in over.json()["choices"][0]
    cast = api.post(north + "ballot/", {"choices": [{"proposal": benches}]}, format="json")
    assert cast.status_code == 201
    assert api.get(north + "ballot/").json() == {"choices": [{"proposal": benches, "points": 1}]}
    api.force_authenticate(voting.world.outsider)
    assert api.get(north + "ballot/").json() == {"choices": []}  # others' ballots are secret
    api.post(north + "ballot/", {"choices": [{"proposal": lights}]}, format="json")
    residents_vote(voting, voting.north, ["benches"], ["benches"], ["benches"])
    assert api.get(north + "results/").status_code == 403  # not before the count
    api.force_authenticate(voting.world.coordinator)
    services.phase_advance(actor=voting.world.coordinator, process=voting.process)
    counted = api.post(north + "count/")
    assert counted.status_code == 201
    api.post(f"/api/v1/pb/budgets/{voting.city.pk}/count/")
    assert api.post(f"/api/v1/pb/processes/{voting.process.pk}/advance/").json()["phase"] == (
        "results"
    )
    api.force_authenticate(None)
    results = api.get(north + "results/").json()
    assert (results["ballots"], results["amount"], results["rule"]) == (
        5,
        100_000,
        "mes-add1-greedy",
    )
    assert results["counts_withheld"] is False
    rows = {row["title"]: (row["votes"], row["funded"]) for row in results["proposals"]}
    # £200 each: benches (£300) is funded by its four, lights (£600) is beyond its one
    # supporter. The add-one completion raises each share to £600, when both are funded;
    # murals has no vote.
    assert rows == {"Benches": (4, True), "Lights": (1, True), "Murals": (0, False)}
    assert results["spent"] == 90_000
    assert Ballot.objects.count() == 5
    page = api.get(f"/pb/budgets/{voting.north.pk}/results/").content.decode()
    chart = page[page.index("Votes per project, most first") : page.index("</figure>")]
    # most votes first, then by title; funded projects are marked in words, not colour only
    assert [line.split("</span>")[0] for line in chart.split('bar-label">')[1:]] == [
        "Benches",
        "Lights",
        "Murals",
    ]
    assert '"bar-value">4 votes · funded</span>' in chart
    assert '"bar-value">1 vote · funded</span>' in chart
    assert '"bar-value">0 votes</span>' in chart
    assert chart.count('<rect width="100.00"') == 1
    assert chart.count('<rect width="25.00"') == 1
    assert chart.count('<rect width="0.00"') == 1
    assert "Voters with at least one funded project they voted for" in page

    api.force_authenticate(voting.world.coordinator)
    updates = f"/api/v1/pb/proposals/{benches}/updates/"
    posted = api.post(
        updates,
        {"status": "in_progress", "progress": 40, "milestone": "Benches ordered"},
        format="json",
    )
    assert posted.status_code == 201
    assert (
        api.post(updates, {"status": "in_progress", "progress": 140}, format="json").status_code
        == 400
    )
    murals = f"/api/v1/pb/proposals/{voting.proposals['murals'].pk}/updates/"
    not_funded = api.post(murals, {"status": "planned", "progress": 0}, format="json")
    assert not_funded.json() == {"proposal": ["Only funded projects are tracked."]}
    api.force_authenticate(None)
    assert [(u["status"], u["progress"]) for u in api.get(updates).json()] == [("in_progress", 40)]
    rows = {
        r["title"]: (r["status"], r["progress"])
        for r in api.get(north + "results/").json()["proposals"]
    }
    assert rows == {"Benches": ("in_progress", 40), "Lights": (None, None), "Murals": (None, None)}


def test_proposals_through_the_api(api: APIClient, pb: PB) -> None:
    path = f"/api/v1/pb/processes/{pb.process.pk}/proposals/"
    api.force_authenticate(pb.world.outsider)
    created = api.post(
        path,
        {
            "budget": pb.north.pk,
            "title": "Trees",
            "description": "Twenty street trees",
            "estimated_cost": 50_000,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    too_dear = api.post(
        path,
        {
            "budget": pb.north.pk,
            "title": "Bridge",
            "description": "A bridge",
            "estimated_cost": 100_001,
        },
        format="json",
    )
    assert too_dear.status_code == 400
    assert "estimated_cost" in too_dear.json()
    foreign = api.post(
        path,
        {"budget": 999_999, "title": "X", "description": "Y", "estimated_cost": 5},
        format="json",
    )
    assert foreign.status_code == 400
    assert "budget" in foreign.json()
    listing = api.get(path).json()
    assert [p["title"] for p in listing] == [
        "Benches",
        "Lights",
        "Murals",
        "Trees",
        "Library",
        "Pool",
    ]


def test_a_budget_one_may_not_see_or_that_cannot_exist_is_not_found(
    api: APIClient, voting: PB
) -> None:
    voting.world.initiative.visibility = Visibility.MEMBERS
    voting.world.initiative.save(update_fields=["visibility"])
    north = f"/api/v1/pb/budgets/{voting.north.pk}/ballot/"
    choice = {"choices": [{"proposal": voting.proposals["benches"].pk}]}
    api.force_authenticate(voting.world.outsider)
    refused = api.post(north, choice, format="json")
    assert (refused.status_code, refused.json()) == (404, {"detail": "Not found."})
    assert Ballot.objects.count() == 0
    for pk in ["abc", "0", str(2**63), "9" * 30, "٣"]:
        answer = api.get(f"/api/v1/pb/budgets/{pk}/ballot/")
        assert (pk, answer.status_code, answer.json()) == (pk, 404, {"detail": "Not found."})
    api.force_authenticate(voting.world.member)
    assert api.post(north, choice, format="json").status_code == 201
    assert Ballot.objects.get().voter == voting.world.member
