"""Concurrent voting on PostgreSQL: one ballot per voter, codes used once, one district per
voter, nothing lost.

Threads each hold their own database connection, as the web server's workers do.
"""

import threading
import time
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from conftest import World, add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.accounts.models import User
from coproduce.budgeting import ballots, services
from coproduce.budgeting.ballots import Choice
from coproduce.budgeting.models import Ballot, BallotChoice, VoterDistrict
from coproduce.budgeting.tests.conftest import PB, make_pb, open_voting, with_south
from coproduce.record.models import Contribution

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")

ROUNDS = 3


@pytest.fixture
def live_pb(transactional_db: Any) -> PB:
    coordinator = make_user("coord")
    member = make_user("member")
    initiative = make_initiative(coordinator)
    add_member(initiative, member)
    world = World(
        initiative=initiative,
        stage=initiative.stages.get(),
        other=initiative,
        other_stage=initiative.stages.get(),
        coordinator=coordinator,
        member=member,
        outsider=make_user("outsider"),
        other_coordinator=coordinator,
        staff=coordinator,
    )
    pb = make_pb(world, codes_required=False)
    open_voting(pb)
    return pb


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_fifty_concurrent_ballots_from_one_voter_leave_one_ballot(live_pb: PB, round_) -> None:
    options = [["benches"], ["lights"], ["murals"], ["benches", "murals"], ["lights", "murals"]]

    def cast(i: int) -> list[str]:
        names = options[i % len(options)]
        ballots.ballot_cast(
            actor=live_pb.world.member,
            budget=live_pb.north,
            choices=[Choice(live_pb.proposals[n].pk) for n in names],
        )
        return names

    results = hammer(50, cast)
    acknowledged = [r for r in results if isinstance(r, list)]
    assert [r for r in results if not isinstance(r, list)] == []
    ballot = Ballot.objects.get(budget=live_pb.north, voter=live_pb.world.member)
    assert ballot.casts == len(acknowledged) == 50
    stored = sorted(
        BallotChoice.objects.filter(ballot=ballot).values_list("proposal__title", flat=True)
    )
    assert [s.lower() for s in stored] in [sorted(names) for names in acknowledged]
    assert Contribution.objects.filter(kind="vote").count() == 1


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_a_voting_code_is_used_once_under_concurrency(live_pb: PB, round_) -> None:
    code = ballots.voting_codes_issue(
        actor=live_pb.world.coordinator, process=live_pb.process, count=1
    )[0]
    voters = [make_user(f"walk-in-{round_}-{i}") for i in range(20)]

    def cast(i: int) -> str:
        ballots.ballot_cast(
            actor=voters[i],
            budget=live_pb.north,
            choices=[Choice(live_pb.proposals["benches"].pk)],
            code=code,
        )
        return "ok"

    results = hammer(20, cast)
    assert results.count("ok") == 1
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 19
    assert all("already been used" in str(r) for r in refused)
    assert Ballot.objects.filter(code__isnull=False).count() == 1


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_concurrent_voters_never_overspend_and_all_acknowledged_ballots_are_stored(
    live_pb: PB, round_
) -> None:
    voters = [make_user(f"voter-{round_}-{i}") for i in range(30)]
    too_dear = ["benches", "lights", "murals"]  # £1,100 of a £1,000 budget

    def cast(i: int) -> str:
        names = too_dear if i % 3 == 0 else ["benches", "lights"]
        ballots.ballot_cast(
            actor=voters[i],
            budget=live_pb.north,
            choices=[Choice(live_pb.proposals[n].pk) for n in names],
        )
        return voters[i].username

    results = hammer(30, cast)
    acknowledged = {r for r in results if isinstance(r, str)}
    assert len(acknowledged) == 20
    stored = set(
        Ballot.objects.filter(budget=live_pb.north).values_list("voter__username", flat=True)
    )
    assert stored == acknowledged
    assert not BallotChoice.objects.filter(
        ballot__voter__username__in=[v.username for i, v in enumerate(voters) if i % 3 == 0]
    ).exists()


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_closing_the_vote_waits_for_ballots_in_flight_and_counts_them(
    live_pb: PB, round_, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten ballots have read the phase and are held open for 0.3 s when the coordinator
    closes the vote. The close must wait for them, and its count must include them."""
    voters = [make_user(f"late-{round_}-{i}") for i in range(10)]
    check_choices = ballots._check_choices
    in_flight = threading.Semaphore(0)

    def slow_check(*args: Any) -> None:
        in_flight.release()  # this ballot holds the process row now
        time.sleep(0.3)
        check_choices(*args)

    monkeypatch.setattr(ballots, "_check_choices", slow_check)

    def work(i: int) -> str:
        if i == 0:
            for _ in voters:
                assert in_flight.acquire(timeout=30)
            services.phase_advance(actor=live_pb.world.coordinator, process=live_pb.process)
            return "closed"
        ballots.ballot_cast(
            actor=voters[i - 1],
            budget=live_pb.north,
            choices=[Choice(live_pb.proposals["benches"].pk)],
        )
        return "cast"

    results = hammer(11, work)
    assert results.count("closed") == 1
    assert results.count("cast") == 10
    (closing,) = live_pb.process.phase_log.filter(phase="voting")
    assert (closing.counts["ballots"], closing.counts["casts"]) == (10, 10)
    assert Ballot.objects.filter(budget__process=live_pb.process).count() == 10
    with pytest.raises(ValidationError, match="only during voting"):
        ballots.ballot_cast(
            actor=live_pb.world.member,
            budget=live_pb.north,
            choices=[Choice(live_pb.proposals["benches"].pk)],
        )
    assert Ballot.objects.filter(budget__process=live_pb.process).count() == 10


@pytest.fixture
def live_districts(transactional_db: Any) -> PB:
    """A residents-only process with North and South budgets, on connections threads share."""
    coordinator = make_user("coord")
    member = make_user("member")
    initiative = make_initiative(coordinator)
    add_member(initiative, member)
    world = World(
        initiative=initiative,
        stage=initiative.stages.get(),
        other=initiative,
        other_stage=initiative.stages.get(),
        coordinator=coordinator,
        member=member,
        outsider=make_user("outsider"),
        other_coordinator=coordinator,
        staff=coordinator,
    )
    return with_south(world)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_ballots_cast_at_once_in_two_districts_fix_one_district(live_districts: PB, round_) -> None:
    """Twenty first ballots from one person, half in North and half in South, at once; each
    request sees the profile area of its own district (as if it changed in between). Only
    one district may take them."""
    pb = live_districts
    budgets = {"North": pb.north, "South": pb.process.budgets.get(name="South")}
    picks = {"North": pb.proposals["benches"].pk, "South": pb.proposals["park"].pk}

    def cast(i: int) -> str:
        district = "North" if i % 2 == 0 else "South"
        voter = User.objects.get(pk=pb.world.member.pk)
        voter.locality = district
        ballots.ballot_cast(
            actor=voter, budget=budgets[district], choices=[Choice(picks[district])]
        )
        return district

    results = hammer(20, cast)
    taken = {r for r in results if isinstance(r, str)}
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(taken) == 1
    assert len(refused) == 20 - results.count(next(iter(taken)))
    assert all("one person votes in one district" in str(r) for r in refused)
    assert list(VoterDistrict.objects.values_list("district", flat=True)) == list(taken)
    assert (
        set(Ballot.objects.filter(voter=pb.world.member).values_list("budget__district", flat=True))
        == taken
    )
