"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from collections.abc import Callable
from typing import Any

from conftest import World
from coproduce.budgeting import services as pb_services
from coproduce.initiatives import services as initiatives
from tests.grid import (
    API_MANAGE_WRITE,
    API_UPDATE,
    PAGE_SIGNED_IN,
    Expectation,
    Targets,
    for_all,
    signed_in,
)

EXPECTED: dict[str, list[Expectation]] = {
    "budgeting:process": [("get", None, for_all(200))],
    "budgeting:create": [
        (
            "get",
            None,
            signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "budgeting:manage": [
        (
            "get",
            None,
            signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=200),
        ),
        (
            "post",
            {"advance": "review"},
            signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302),
        ),
    ],
    "budgeting:propose": [("get", None, PAGE_SIGNED_IN)],
    "budgeting:proposal": [("get", None, for_all(200))],
    "budgeting:edit_proposal": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=403, other_coordinator=403, staff=403),
        )
    ],
    "budgeting:proposal_image": [("get", None, for_all(404))],  # this proposal has no picture
    "budgeting:support": [("post", {}, for_all(302))],
    "budgeting:comment": [
        ("post", {}, signed_in(302, member=400, coordinator=400, other_coordinator=400, staff=400))
    ],
    "budgeting:review": [
        (
            "post",
            {},
            signed_in(302, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "budgeting:reply": [
        (
            "post",
            {},
            signed_in(302, member=400, coordinator=403, other_coordinator=403, staff=403),
        ),
    ],
    "budgeting:update": [
        (
            "post",
            {},
            signed_in(302, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "budgeting:ballot": [("get", None, for_all(302))],
    "budgeting:results": [("get", None, for_all(403))],
    "budgeting:results_pb": [("get", None, for_all(403))],  # not before results are published
    "budgeting:results_csv": [("get", None, for_all(403))],
    # participatory budgeting; the process is collecting proposals
    "api:pb-process-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {
                "initiative": "<slug>",
                "stage": "<pb_stage>",
                "title": "Second round",
                "budgets": [{"name": "All", "amount": 5000}],
            },
            API_MANAGE_WRITE,
        ),
    ],
    "api:pb-process-detail": [("get", None, for_all(200))],
    "api:pb-process-advance": [("post", {}, API_UPDATE)],
    "api:pb-process-codes": [("post", {"count": 2}, API_MANAGE_WRITE)],
    # verifying a voter's district: this process keeps no budget to its residents (400)
    "api:pb-process-districts": [
        (
            "post",
            {"person": "member", "district": "North"},
            signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        )
    ],
    "api:pb-process-proposals": [
        ("get", None, for_all(200)),
        (
            "post",
            {
                "budget": "<pb_budget>",
                "title": "Trees",
                "description": "Plant trees",
                "estimated_cost": 900,
            },
            signed_in(403, member=201, coordinator=201, other_coordinator=201, staff=201),
        ),
    ],
    "api:pb-proposal-detail": [
        ("get", None, for_all(200)),
        (
            "patch",
            {"title": "Better benches"},
            signed_in(403, member=200, coordinator=403, other_coordinator=403, staff=403),
        ),
    ],
    # removing a picture the proposal does not have: its author may (a no-op), no one else
    "api:pb-proposal-picture": [
        (
            "delete",
            None,
            signed_in(403, member=200, coordinator=403, other_coordinator=403, staff=403),
        )
    ],
    # the member proposed the proposal: supporting one's own is refused (400); no one here
    # supports it yet, so withdrawing is refused to every signed-in role (400)
    "api:pb-proposal-support": [
        (
            "post",
            {},
            signed_in(403, member=400, coordinator=201, other_coordinator=201, staff=201),
        ),
        (
            "delete",
            None,
            signed_in(403, member=400, coordinator=400, other_coordinator=400, staff=400),
        ),
    ],
    # reviews wait for the review phase: permitted roles are told so (400)
    "api:pb-proposal-review": [
        (
            "post",
            {"feasible": True, "reason": "Fine"},
            signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "api:pb-proposal-updates": [
        ("get", None, for_all(200)),
        (
            "post",
            {"status": "in_progress", "progress": 10},
            signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "api:pb-budget-ballot": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"choices": [{"proposal": "<pb_proposal>"}]},
            signed_in(403, member=400, coordinator=400, other_coordinator=400, staff=400),
        ),
    ],
    "api:pb-budget-count": [
        (
            "post",
            {},
            signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "api:pb-budget-results": [("get", None, for_all(403))],
}


def _by_pk(pk: int) -> Callable[[], dict[str, Any]]:
    return lambda: {"pk": pk}


def targets(world: World) -> Targets:
    pb_stage = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind="co_prioritisation"
    )
    process = pb_services.process_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=pb_stage,
        title="Riverside decides",
        budgets=[("North", 100_000, "")],
    )
    pb_services.phase_advance(actor=world.coordinator, process=process)
    pb_budget = process.budgets.get()
    pb_proposal = pb_services.proposal_submit(
        actor=world.member,
        budget=pb_budget,
        title="Benches",
        description="Three benches",
        estimated_cost=30_000,
    )
    by_process = [
        "budgeting:process",
        "budgeting:manage",
        "budgeting:propose",
        "api:pb-process-detail",
        "api:pb-process-advance",
        "api:pb-process-codes",
        "api:pb-process-districts",
        "api:pb-process-proposals",
    ]
    by_proposal = [
        "budgeting:proposal",
        "budgeting:edit_proposal",
        "budgeting:proposal_image",
        "budgeting:support",
        "budgeting:comment",
        "budgeting:review",
        "budgeting:reply",
        "budgeting:update",
        "api:pb-proposal-detail",
        "api:pb-proposal-picture",
        "api:pb-proposal-support",
        "api:pb-proposal-review",
        "api:pb-proposal-updates",
    ]
    by_budget = [
        "budgeting:ballot",
        "budgeting:results",
        "budgeting:results_pb",
        "budgeting:results_csv",
        "api:pb-budget-ballot",
        "api:pb-budget-count",
        "api:pb-budget-results",
    ]
    kwargs: dict[str, Callable[[], dict[str, Any]]] = {}
    for names, pk in ((by_process, process.pk), (by_proposal, pb_proposal.pk)):
        kwargs |= dict.fromkeys(names, _by_pk(pk))
    kwargs |= dict.fromkeys(by_budget, _by_pk(pb_budget.pk))
    return {
        "kwargs": kwargs,
        "placeholders": {
            "<pb_stage>": pb_stage.pk,
            "<pb_budget>": pb_budget.pk,
            "<pb_proposal>": pb_proposal.pk,
        },
    }
