"""A PB process in the shared world's initiative, built through the services."""

from dataclasses import dataclass
from typing import Any

import pytest

from conftest import World, add_member, make_user
from coproduce.budgeting import ballots, services
from coproduce.budgeting.models import Budget, Phase, Process, Proposal
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives


@dataclass
class PB:
    world: World
    process: Process
    north: Budget
    city: Budget
    proposals: dict[str, Proposal]


def make_pb(world: World, **settings: Any) -> PB:
    stage = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_PRIORITISATION
    )
    process = services.process_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=stage,
        title="Riverside decides",
        budgets=[("North", 100_000, "North"), ("Whole borough", 500_000, "")],
        **settings,
    )
    north, city = process.budgets.get(name="North"), process.budgets.get(name="Whole borough")
    services.phase_advance(actor=world.coordinator, process=process)
    proposals = {}
    for name, budget, cost in [
        ("benches", north, 30_000),
        ("lights", north, 60_000),
        ("murals", north, 20_000),
        ("pool", city, 400_000),
        ("library", city, 200_000),
    ]:
        proposals[name] = services.proposal_submit(
            actor=world.member,
            budget=budget,
            title=name.title(),
            description=f"New {name}",
            estimated_cost=cost,
        )
    return PB(
        world=world,
        process=Process.objects.get(pk=process.pk),
        north=north,
        city=city,
        proposals=proposals,
    )


def open_voting(pb: PB) -> None:
    services.phase_advance(actor=pb.world.coordinator, process=pb.process)  # review
    for proposal in pb.proposals.values():
        services.proposal_review(
            actor=pb.world.coordinator, proposal=proposal, feasible=True, reason="Checked on site"
        )
    services.phase_advance(actor=pb.world.coordinator, process=pb.process)  # voting
    pb.process.refresh_from_db()
    assert pb.process.phase == Phase.VOTING


def with_south(world: World, voting: bool = True) -> PB:
    """A residents-only process with two district budgets (North, South) and a city one,
    voting (or still collecting proposals)."""
    pb = make_pb(world, residents_of_district_only=True)
    south = services.budget_add(
        actor=world.coordinator, process=pb.process, name="South", amount=100_000, district="South"
    )
    pb.proposals["park"] = services.proposal_submit(
        actor=world.member, budget=south, title="Park", description="A park", estimated_cost=50_000
    )
    if voting:
        open_voting(pb)
    return pb


def residents_vote(pb: PB, budget: Budget, *chosen: list[str]) -> None:
    """Each list of proposal names is the ballot of a resident who joins to vote, so that a
    budget reaches the ballots it needs to publish its counts
    (``selectors.FEWEST_BALLOTS_COUNTED_IN_PUBLIC``)."""
    for names in chosen:
        voter = make_user(f"resident{budget.ballots.count() + 1}-{budget.pk}")
        add_member(pb.world.initiative, voter)
        ballots.ballot_cast(
            actor=voter,
            budget=budget,
            choices=[ballots.Choice(pb.proposals[name].pk) for name in names],
        )


def publish(pb: PB) -> None:
    """Close the vote, count both budgets and publish the results."""
    coordinator = pb.world.coordinator
    services.phase_advance(actor=coordinator, process=pb.process)  # counting
    services.budget_count(actor=coordinator, budget=pb.north)
    services.budget_count(actor=coordinator, budget=pb.city)
    services.phase_advance(actor=coordinator, process=pb.process)  # results


@pytest.fixture
def pb(world: World) -> PB:
    return make_pb(world)


@pytest.fixture
def voting(pb: PB) -> PB:
    open_voting(pb)
    return pb
