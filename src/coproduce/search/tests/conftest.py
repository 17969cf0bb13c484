"""Things to find, written through their apps' services (which index them)."""

from typing import Any

from conftest import World
from coproduce.budgeting import services as budgeting
from coproduce.budgeting.models import Budget, Proposal
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives


def make_budget(world: World, initiative: Any = None) -> Budget:
    """A process taking proposals in the initiative (the world's own by default)."""
    initiative = initiative or world.initiative
    coordinator = initiative.memberships.filter(is_coordinator=True).order_by("id")[0].user
    stage = initiatives.stage_create(
        actor=coordinator, initiative=initiative, kind=StageKind.CO_PRIORITISATION
    )
    process = budgeting.process_create(
        actor=coordinator,
        initiative=initiative,
        stage=stage,
        title="Decide together",
        budgets=[("Borough", 500_000, "")],
    )
    budgeting.phase_advance(actor=coordinator, process=process)
    return process.budgets.get()


def propose(budget: Budget, author: Any, title: str, description: str = "A plan.") -> Proposal:
    return budgeting.proposal_submit(
        actor=author, budget=budget, title=title, description=description, estimated_cost=1000
    )
