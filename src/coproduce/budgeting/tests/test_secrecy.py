"""The secret ballot (ADR 0021): no page, API answer, export, admin page or log line lets a
person's choices be linked to them, by order, time, id or count.

Two named members vote in a known order, each for a different project; every path a
coordinator, a staff member, a member or an anonymous reader can take must not tell which
ballot is whose."""

import logging
import random
from collections import Counter
from typing import Any

import pytest
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.test import APIClient

from conftest import add_member, make_user
from coproduce.accounts.models import User
from coproduce.budgeting import ballots, elections
from coproduce.budgeting.counting import parse_pb, tally
from coproduce.budgeting.models import Ballot, BallotChoice, VotingCode
from coproduce.budgeting.tests.conftest import PB, publish, residents_vote
from coproduce.record.models import Contribution, ContributionVerification


class Reverse(random.Random):
    """A shuffle that reverses the list: exact, so a test can say what order comes out."""

    def shuffle(self, x: Any) -> None:
        x.reverse()


def _amara(pb: PB) -> User:
    amara = make_user("amara", display_name="Amara Achebe")
    add_member(pb.world.initiative, amara)
    return amara


def _two_named_ballots(pb: PB) -> User:
    """Mo votes for benches, then Amara for lights, in North."""
    amara = _amara(pb)
    for voter, name in ((pb.world.member, "benches"), (amara, "lights")):
        ballots.ballot_cast(
            actor=voter, budget=pb.north, choices=[ballots.Choice(pb.proposals[name].pk)]
        )
    return amara


def _votes_section(text: str) -> list[list[str]]:
    lines = text.split("\nVOTES\n", 1)[1].strip().splitlines()
    assert lines[0] == "voter_id;vote"
    return [line.split(";") for line in lines[1:]]


# --- exports ---------------------------------------------------------------------------------


def test_the_pb_download_lists_ballots_in_a_drawn_order_with_fresh_numbers(
    client: Client, voting: PB, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_named_ballots(voting)
    murals = voting.proposals["murals"].pk
    third = make_user("third")
    ballots.ballot_cast(actor=third, budget=voting.north, choices=[ballots.Choice(murals)])
    residents_vote(voting, voting.north, ["murals"], ["lights"])
    publish(voting)
    monkeypatch.setattr(elections, "BALLOT_SHUFFLE", Reverse())
    response = client.get(f"/pb/budgets/{voting.north.pk}/results.pb")  # anonymous
    assert response.status_code == 200
    ids = {name: str(voting.proposals[name].pk) for name in ("benches", "lights", "murals")}
    # cast benches, lights, murals, murals, lights: alike ballots are counted together
    # (benches once, lights twice, murals twice), and the drawn order (here reversed) of
    # those is what is written
    assert _votes_section(response.content.decode()) == [
        ["1", ids["murals"]],
        ["2", ids["murals"]],
        ["3", ids["lights"]],
        ["4", ids["lights"]],
        ["5", ids["benches"]],
    ]


def test_every_export_draws_a_fresh_order_and_keeps_every_ballot(
    voting: PB, monkeypatch: pytest.MonkeyPatch
) -> None:
    voters = [make_user(f"v{i}") for i in range(12)]
    names = ["benches", "lights", "murals", "benches", "murals", "lights"] * 2
    for voter, name in zip(voters, names, strict=True):
        ballots.ballot_cast(
            actor=voter, budget=voting.north, choices=[ballots.Choice(voting.proposals[name].pk)]
        )
    publish(voting)
    assert isinstance(elections.BALLOT_SHUFFLE, random.SystemRandom)
    cast_order = [str(voting.proposals[name].pk) for name in names]
    monkeypatch.setattr(elections, "BALLOT_SHUFFLE", random.Random(2026))
    first = _votes_section(elections.budget_as_pb(voting.north))
    second = _votes_section(elections.budget_as_pb(voting.north))
    assert [number for number, _ in first] == [str(n) for n in range(1, 13)]
    assert Counter(vote for _, vote in first) == Counter(cast_order)  # the same ballots
    assert [vote for _, vote in first] != cast_order
    assert [vote for _, vote in second] != [vote for _, vote in first]


def test_the_pb_of_a_published_result_counts_to_the_same_outcome(voting: PB) -> None:
    voters = [make_user(f"v{i}") for i in range(9)]
    picks = [["benches", "murals"], ["lights"], ["murals"], ["benches"], ["lights", "murals"]]
    for i, voter in enumerate(voters):
        ballots.ballot_cast(
            actor=voter,
            budget=voting.north,
            choices=[ballots.Choice(voting.proposals[n].pk) for n in picks[i % len(picks)]],
        )
    publish(voting)
    published = voting.north.tallies.get()
    election = parse_pb(elections.budget_as_pb(voting.north))
    assert election.voter_count == 9
    assert [int(i) for i in tally(election, published.rule).selected] == published.selected


def test_the_command_line_export_is_shuffled_too(
    voting: PB, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_named_ballots(voting)
    residents_vote(voting, voting.north, ["murals"], ["murals"], ["lights"])
    publish(voting)
    monkeypatch.setattr(elections, "BALLOT_SHUFFLE", Reverse())
    call_command("pb", "export", str(voting.north.pk))
    ids = [str(voting.proposals[name].pk) for name in ("lights", "murals", "benches")]
    # benches once, lights twice, murals twice, reversed
    assert _votes_section(capsys.readouterr().out) == [
        ["1", ids[1]],
        ["2", ids[1]],
        ["3", ids[0]],
        ["4", ids[0]],
        ["5", ids[2]],
    ]


def test_nothing_is_exported_while_ballots_can_still_be_cast(voting: PB) -> None:
    """Two exports a ballot apart would show what that one ballot chose."""
    _two_named_ballots(voting)
    for args in (
        ["pb", "export", str(voting.north.pk)],
        ["pb", "export", str(voting.north.pk), "--csv"],
    ):
        with pytest.raises(CommandError, match=r"Ballots are exported once voting has closed\."):
            call_command(*args)


# --- the record: pages and API -----------------------------------------------------------------


def _vote_entries_seen(api: APIClient, pb: PB, user: User | None) -> list[dict[str, Any]]:
    api.force_authenticate(user)
    slug = pb.world.initiative.slug
    response = api.get(f"/api/v1/initiatives/{slug}/contributions/?kind=vote")
    assert response.status_code == 200
    return response.json()["results"]


def test_the_record_api_shows_a_vote_entry_to_the_voter_alone(api: APIClient, voting: PB) -> None:
    amara = _two_named_ballots(voting)
    assert Contribution.objects.filter(kind="vote").count() == 2
    world = voting.world
    bea = make_user("bea")  # a member who has not voted
    add_member(world.initiative, bea)
    for someone in (None, world.outsider, bea, world.coordinator, world.staff):
        assert _vote_entries_seen(api, voting, someone) == []
    own = _vote_entries_seen(api, voting, amara)
    assert [(e["contributor"], e["description"]) for e in own] == [(amara.pk, "Ballot in North")]
    mine = _vote_entries_seen(api, voting, world.member)
    assert [(e["contributor"], e["description"]) for e in mine] == [
        (world.member.pk, "Ballot in North")
    ]
    # everyone sees the count: two votes by citizens
    api.force_authenticate(None)
    totals = api.get(f"/api/v1/initiatives/{world.initiative.slug}/contributions/totals/").json()
    assert {row["key"]: (row["count"], row["entries"]) for row in totals["kind"]}["vote"] == (2, 2)


def test_others_cannot_read_verify_or_reverse_a_vote_entry(
    api: APIClient, client: Client, voting: PB
) -> None:
    _two_named_ballots(voting)
    world, slug = voting.world, voting.world.initiative.slug
    entry = Contribution.objects.get(kind="vote", contributor=world.member)
    before = Contribution.objects.count()
    api.force_authenticate(world.coordinator)
    base = f"/api/v1/initiatives/{slug}/contributions/{entry.pk}/"
    assert api.get(base).status_code == 404
    assert api.post(base + "verify/").status_code == 404
    assert api.post(base + "reverse/", {"reason": "x"}, format="json").status_code == 404
    client.force_login(world.coordinator)
    reverse_page = f"/initiatives/{slug}/record/contributions/{entry.pk}/reverse/"
    assert client.get(reverse_page).status_code == 404
    assert client.post(reverse_page, {"reason": "x"}).status_code == 404
    verify_page = f"/initiatives/{slug}/record/contributions/{entry.pk}/verify/"
    assert client.post(verify_page).status_code == 404
    assert Contribution.objects.count() == before
    assert ContributionVerification.objects.count() == 0


def test_record_and_initiative_pages_show_votes_to_the_voter_alone(
    client: Client, voting: PB
) -> None:
    amara = _two_named_ballots(voting)
    slug = voting.world.initiative.slug
    world = voting.world
    bea = make_user("bea")  # a member who has not voted
    add_member(world.initiative, bea)
    for page in (f"/initiatives/{slug}/record/", f"/initiatives/{slug}/"):
        for someone in (None, world.outsider, bea, world.coordinator, world.staff):
            client.logout()
            if someone is not None:
                client.force_login(someone)
            text = client.get(page).content.decode()
            assert "Ballot in" not in text, (page, someone)
        client.force_login(amara)
        assert (
            client.get(f"/initiatives/{slug}/record/").content.decode().count("Ballot in North")
            == 1
        )


# --- the admin --------------------------------------------------------------------------------


def test_the_admin_shows_no_vote_entry_and_no_ballot(client: Client, voting: PB) -> None:
    amara = _two_named_ballots(voting)
    client.force_login(voting.world.staff)
    listing = client.get("/admin/record/contribution/")
    assert listing.status_code == 200
    shown = [c.pk for c in listing.context["cl"].result_list]
    assert sorted(shown) == sorted(
        Contribution.objects.exclude(kind="vote").values_list("pk", flat=True)
    )
    vote = Contribution.objects.get(kind="vote", contributor=amara)
    opened = client.get(f"/admin/record/contribution/{vote.pk}/change/")
    assert opened.status_code == 302  # "does not exist", as for any missing entry
    assert not admin.site.is_registered(Ballot)
    assert not admin.site.is_registered(BallotChoice)
    assert not admin.site.is_registered(VotingCode)
    # a person's delete page lists what protects them, without a ballot's number or budget;
    # lists like it name a ballot and a vote entry without its number, budget or voter
    ballot = Ballot.objects.get(voter=amara)
    text = client.get(f"/admin/accounts/user/{amara.pk}/delete/").content.decode()
    assert f"ballot {ballot.pk}" not in text
    assert "North" not in text
    assert (str(ballot), str(ballot.choices.get()), str(vote)) == (
        "a secret ballot",
        "a choice on a secret ballot",
        "Vote 1 count",
    )


# --- API answers and logs ------------------------------------------------------------------------


def test_ballot_answers_carry_no_id_or_time(api: APIClient, voting: PB) -> None:
    api.force_authenticate(voting.world.member)
    url = f"/api/v1/pb/budgets/{voting.north.pk}/ballot/"
    benches = voting.proposals["benches"].pk
    cast = api.post(url, {"choices": [{"proposal": benches}]}, format="json")
    assert cast.json() == {"choices": [{"proposal": benches, "points": 1}]}
    assert api.get(url).json() == {"choices": [{"proposal": benches, "points": 1}]}
    process = api.get(f"/api/v1/pb/processes/{voting.process.pk}/").json()
    assert "cast_at" not in str(process) and "ballot_id" not in str(process)


def test_casting_a_ballot_logs_nothing_about_it(
    api: APIClient, voting: PB, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.force_authenticate(voting.world.member)
    benches = voting.proposals["benches"].pk
    url = f"/api/v1/pb/budgets/{voting.north.pk}/ballot/"
    assert api.post(url, {"choices": [{"proposal": benches}]}, format="json").status_code == 201
    bad = api.post(url, {"choices": [{"proposal": 999_999}]}, format="json")
    assert bad.status_code == 400
    assert [r.getMessage() for r in caplog.records if "ballot" in r.getMessage().lower()] == [
        f"Bad Request: {url}"
    ]
    assert not [r for r in caplog.records if "Mo Member" in r.getMessage()]
    assert not [r for r in caplog.records if "Benches" in r.getMessage()]
