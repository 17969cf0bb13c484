"""PB powers go to named reviewers, not to a side (issue 16, finding 2): the feasibility
review, implementation updates and paper ballots; and a re-review sets the cost."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from conftest import World, add_member, make_reviewer, make_user
from coproduce.budgeting import ballots, services
from coproduce.budgeting.ballots import Choice
from coproduce.budgeting.models import Ballot, ImplementationUpdate, Proposal
from coproduce.budgeting.tests.conftest import PB, make_pb, open_voting
from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import JoinPolicy, Membership
from coproduce.record.models import Contribution


def _self_claimed_professional(api: APIClient, world: World) -> Any:
    """Someone who joins an open initiative saying they are paid staff."""
    initiatives.initiative_update(
        actor=world.coordinator, initiative=world.initiative, join_policy=JoinPolicy.OPEN
    )
    claimant = make_user("claimant")
    api.force_authenticate(claimant)
    api.post(
        f"/api/v1/initiatives/{world.initiative.slug}/members/",
        {"side": "regular_producer", "role": "frontline_professional"},
        format="json",
    )
    return claimant


def _in_review(pb: PB) -> None:
    services.phase_advance(actor=pb.world.coordinator, process=pb.process)


def test_a_self_claimed_professional_cannot_review(api: APIClient, pb: PB) -> None:
    claimant = _self_claimed_professional(api, pb.world)
    assert Membership.objects.get(user=claimant).status == "requested"
    _in_review(pb)
    lights = pb.proposals["lights"]
    answer = api.post(
        f"/api/v1/pb/proposals/{lights.pk}/review/",
        {"feasible": False, "reason": "Too dear", "cost": 99_999},
        format="json",
    )
    assert answer.status_code == 403
    lights.refresh_from_db()
    assert (lights.status, lights.cost, lights.reviewed_by, lights.review_reason) == (
        "submitted",
        None,
        None,
        "",
    )
    assert Contribution.objects.filter(kind="skills").count() == 0


def test_an_approved_professional_still_needs_the_reviewer_role(pb: PB) -> None:
    professional = make_user("officer")
    add_member(
        pb.world.initiative,
        professional,
        side=Side.REGULAR_PRODUCER,
        role=Role.FRONTLINE_PROFESSIONAL,
    )
    _in_review(pb)
    lights = pb.proposals["lights"]
    with pytest.raises(PermissionDenied):
        services.proposal_review(actor=professional, proposal=lights, feasible=False, reason="No")
    lights.refresh_from_db()
    assert (lights.status, lights.reviewed_by) == ("submitted", None)
    assert Contribution.objects.filter(kind="skills").count() == 0

    make_reviewer(pb.world.initiative, professional)
    services.proposal_review(
        actor=professional, proposal=lights, feasible=True, reason="Costed", cost=65_000
    )
    lights.refresh_from_db()
    assert (lights.status, lights.cost, lights.reviewed_by) == ("feasible", 65_000, professional)
    review = Contribution.objects.get(kind="skills")
    assert (review.contributor, review.side) == (professional, "regular_producer")


def test_a_citizen_reviewer_reviews_too(pb: PB) -> None:
    """The power follows the person the coordinator named, whatever their side."""
    make_reviewer(pb.world.initiative, pb.world.member)
    _in_review(pb)
    murals = pb.proposals["murals"]
    services.proposal_review(actor=pb.world.member, proposal=murals, feasible=True, reason="Ok")
    murals.refresh_from_db()
    assert (murals.status, murals.reviewed_by) == ("feasible", pb.world.member)


def test_a_second_review_without_a_cost_does_not_keep_the_first_ones(pb: PB) -> None:
    """The finding's bug alone: the whole borough's budget is 500,000 pence, the pool's
    estimate 400,000; ruled infeasible at 500,000, then feasible with no cost given."""
    _in_review(pb)
    pool = pb.proposals["pool"]
    services.proposal_review(
        actor=pb.world.coordinator, proposal=pool, feasible=False, reason="Dear", cost=500_000
    )
    services.proposal_review(
        actor=pb.world.coordinator, proposal=pool, feasible=True, reason="Checked again"
    )
    pool.refresh_from_db()
    assert (pool.status, pool.cost, pool.final_cost) == ("feasible", None, 400_000)


def test_a_re_review_sets_the_cost_and_a_review_without_one_restores_the_estimate(
    pb: PB,
) -> None:
    """The finding: a proposal ruled infeasible at 999,999 kept that cost when a coordinator
    re-reviewed it. The whole borough's budget is 500,000 pence; the pool's estimate 400,000."""
    reviewer = make_user("reviewer")
    add_member(pb.world.initiative, reviewer)
    make_reviewer(pb.world.initiative, reviewer)
    _in_review(pb)
    pool = pb.proposals["pool"]
    with pytest.raises(ValidationError) as error:
        services.proposal_review(
            actor=reviewer, proposal=pool, feasible=False, reason="Far too dear", cost=999_999
        )
    assert error.value.message_dict == {
        "cost": ["The cost must be more than nothing and within the budget."]
    }
    pool.refresh_from_db()
    assert (pool.status, pool.cost, pool.reviewed_by) == ("submitted", None, None)

    services.proposal_review(
        actor=reviewer, proposal=pool, feasible=False, reason="Far too dear", cost=500_000
    )
    pool.refresh_from_db()
    assert (pool.status, pool.cost, pool.final_cost) == ("infeasible", 500_000, 500_000)

    services.proposal_review(
        actor=pb.world.coordinator, proposal=pool, feasible=True, reason="Checked again"
    )
    pool.refresh_from_db()
    assert (pool.status, pool.cost, pool.final_cost, pool.reviewed_by) == (
        "feasible",
        None,
        400_000,
        pb.world.coordinator,
    )

    services.proposal_review(
        actor=pb.world.coordinator, proposal=pool, feasible=True, reason="Quoted", cost=350_000
    )
    pool.refresh_from_db()
    assert (pool.cost, pool.final_cost) == (350_000, 350_000)


@pytest.mark.parametrize(("cost", "status"), [(0, 400), (500_001, 400), (999_999, 400)])
def test_a_review_cost_outside_the_budget_is_a_400_and_changes_nothing(
    api: APIClient, pb: PB, cost: int, status: int
) -> None:
    _in_review(pb)
    pool = pb.proposals["pool"]
    services.proposal_review(
        actor=pb.world.coordinator, proposal=pool, feasible=True, reason="Quoted", cost=450_000
    )
    api.force_authenticate(pb.world.coordinator)
    answer = api.post(
        f"/api/v1/pb/proposals/{pool.pk}/review/",
        {"feasible": False, "reason": "Again", "cost": cost},
        format="json",
    )
    assert (answer.status_code, list(answer.json())) == (status, ["cost"])
    pool.refresh_from_db()
    assert (pool.status, pool.cost, pool.review_reason) == ("feasible", 450_000, "Quoted")


def test_the_whole_budget_is_a_sane_cost_through_the_api(api: APIClient, pb: PB) -> None:
    _in_review(pb)
    pool = pb.proposals["pool"]
    api.force_authenticate(pb.world.coordinator)
    answer = api.post(
        f"/api/v1/pb/proposals/{pool.pk}/review/",
        {"feasible": True, "reason": "The whole of it", "cost": 500_000},
        format="json",
    )
    assert (answer.status_code, answer.json()["cost"]) == (200, 500_000)


def _funded(world: World) -> tuple[PB, Proposal]:
    pb = make_pb(world)
    open_voting(pb)
    benches = pb.proposals["benches"]
    ballots.ballot_cast(actor=world.member, budget=pb.north, choices=[Choice(benches.pk)])
    ballots.ballot_cast(
        actor=world.member, budget=pb.city, choices=[Choice(pb.proposals["library"].pk)]
    )
    services.phase_advance(actor=world.coordinator, process=pb.process)  # counting
    services.budget_count(actor=world.coordinator, budget=pb.north)
    services.budget_count(actor=world.coordinator, budget=pb.city)
    services.phase_advance(actor=world.coordinator, process=pb.process)  # results
    return pb, benches


def test_implementation_updates_need_the_reviewer_role(world: World) -> None:
    professional = make_user("officer")
    add_member(world.initiative, professional, side=Side.REGULAR_PRODUCER, role=Role.MANAGER)
    _, benches = _funded(world)
    with pytest.raises(PermissionDenied):
        services.implementation_update(
            actor=professional, proposal=benches, status="in_progress", progress=100
        )
    assert ImplementationUpdate.objects.count() == 0
    make_reviewer(world.initiative, professional)
    update = services.implementation_update(
        actor=professional, proposal=benches, status="in_progress", progress=40
    )
    assert (update.posted_by, update.progress) == (professional, 40)


def test_paper_ballots_need_the_reviewer_role(world: World) -> None:
    pb = make_pb(world, codes_required=True)
    codes = ballots.voting_codes_issue(actor=world.coordinator, process=pb.process, count=2)
    professional = make_user("officer")
    add_member(world.initiative, professional, side=Side.REGULAR_PRODUCER, role=Role.MANAGER)
    open_voting(pb)
    benches = [Choice(pb.proposals["benches"].pk)]
    own = ballots.ballot_cast(actor=professional, budget=pb.north, choices=benches, code=codes[0])
    # without the role the code was taken as the professional's own ballot, not a paper one
    assert (own.voter, own.entered_by) == (professional, None)
    make_reviewer(world.initiative, professional)
    paper = ballots.ballot_cast(actor=professional, budget=pb.north, choices=benches, code=codes[1])
    assert (paper.voter, paper.entered_by) == (None, professional)
    assert Ballot.objects.count() == 2


def test_without_the_power_a_malformed_review_or_update_is_refused_not_explained(
    api: APIClient, pb: PB
) -> None:
    """A caller who may not review hears 403 before their body is read, not which fields
    or choices a reviewer's request needs."""
    _in_review(pb)
    lights = pb.proposals["lights"]
    citizen = make_user("citizen")
    add_member(pb.world.initiative, citizen)
    api.force_authenticate(citizen)
    review = api.post(
        f"/api/v1/pb/proposals/{lights.pk}/review/", {"status": "infeasible"}, format="json"
    )
    update = api.post(
        f"/api/v1/pb/proposals/{lights.pk}/updates/", {"status": "x", "progress": 5}, format="json"
    )
    assert (review.status_code, update.status_code) == (403, 403)
    assert "feasible" not in review.json() and "status" not in update.json()
    assert ImplementationUpdate.objects.count() == 0
