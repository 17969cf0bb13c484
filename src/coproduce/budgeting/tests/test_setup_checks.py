"""Setting up a process: a schedule in order and in a sensible window, and initiatives,
stages and budgets one may not see answered as missing ones are."""

import datetime
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from conftest import World, make_initiative
from coproduce.budgeting import services
from coproduce.budgeting.models import Process, Proposal
from coproduce.budgeting.tests.conftest import PB
from coproduce.core import dates
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Stage, Visibility


@pytest.fixture
def stage(world: World) -> Stage:
    return initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_PRIORITISATION
    )


def _api_create(api: APIClient, world: World, own_stage: Stage, **changes: Any) -> Any:
    api.force_authenticate(world.coordinator)
    data = {
        "initiative": world.initiative.slug,
        "stage": own_stage.pk,
        "title": "Riverside decides",
        "budgets": [{"name": "Whole area", "amount": 100_000, "district": ""}],
        "proposals_open": "2027-03-01",
        "voting_open": "2027-05-10",
        "voting_close": "2027-05-31",
        **changes,
    }
    return api.post("/api/v1/pb/processes/", data, format="json")


def _latest() -> str:
    latest = dates.latest()
    return f"{latest.day} {latest:%B %Y}"


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"voting_close": "2027-05-01"},
            {"voting_close": ["Voting closes on or after the day voting opens (10 May 2027)."]},
        ),
        (
            {"proposals_open": "2027-06-01"},
            {"voting_open": ["Voting opens on or after the day proposals open (1 June 2027)."]},
        ),
        (
            {"voting_open": None, "proposals_open": "2027-06-01"},
            {"voting_close": ["Voting closes on or after the day proposals open (1 June 2027)."]},
        ),
        ({"proposals_open": "1999-12-31"}, "proposals_open"),
        ({"voting_close": "2099-01-01"}, "voting_close"),
    ],
)
def test_the_api_refuses_a_schedule_out_of_order_or_out_of_range(
    api: APIClient, world: World, stage: Stage, changes: dict[str, Any], errors: Any
) -> None:
    response = _api_create(api, world, stage, **changes)
    assert response.status_code == 400
    if isinstance(errors, str):
        errors = {errors: [f"Give a date from 1 January 2000 to {_latest()}."]}
    assert response.json() == errors
    assert Process.objects.count() == 0


def test_a_schedule_in_order_is_taken(api: APIClient, world: World, stage: Stage) -> None:
    response = _api_create(api, world, stage, voting_close="2027-05-10")  # opens and closes
    assert response.status_code == 201, response.json()
    process = Process.objects.get()
    assert (process.voting_open, process.voting_close) == (
        datetime.date(2027, 5, 10),
        datetime.date(2027, 5, 10),
    )


def test_the_set_up_page_shows_the_schedule_error_on_its_field(
    client: Client, world: World, stage: Stage
) -> None:
    client.force_login(world.coordinator)
    response = client.post(
        f"/pb/new/{world.initiative.slug}/",
        {
            "title": "Riverside decides",
            "ballot_type": "approval_budget",
            "rule": "greedy",
            "min_votes": "0",
            "voting_open": "2027-05-10",
            "voting_close": "2027-05-01",
            "budget_name": "Whole area",
            "budget_amount": "1000",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "voting_close": ["Voting closes on or after the day voting opens (10 May 2027)."]
    }
    assert Process.objects.count() == 0


# --- forbidden and missing look alike ------------------------------------------------------------


@pytest.fixture
def hidden_stage(world: World) -> Stage:
    """A co-prioritisation stage of an initiative open to its members only."""
    hidden = make_initiative(
        world.other_coordinator, title="Closed club", visibility=Visibility.MEMBERS
    )
    return initiatives.stage_create(
        actor=world.other_coordinator, initiative=hidden, kind=StageKind.CO_PRIORITISATION
    )


def test_a_process_in_an_initiative_one_cannot_see_is_refused_as_a_missing_one_is(
    api: APIClient, world: World, stage: Stage, hidden_stage: Stage
) -> None:
    slug = hidden_stage.initiative.slug
    hidden = _api_create(api, world, stage, initiative=slug)
    missing = _api_create(api, world, stage, initiative="no-such-place")
    assert (hidden.status_code, missing.status_code) == (400, 400)
    assert hidden.json() == {"initiative": [f"Object with slug={slug} does not exist."]}
    assert missing.json() == {"initiative": ["Object with slug=no-such-place does not exist."]}
    hidden = _api_create(api, world, stage, stage=hidden_stage.pk)
    missing = _api_create(api, world, stage, stage=999_999)
    assert hidden.json() == {"stage": [f'Invalid pk "{hidden_stage.pk}" - object does not exist.']}
    assert missing.json() == {"stage": ['Invalid pk "999999" - object does not exist.']}
    assert Process.objects.count() == 0


def test_a_proposal_for_another_process_budget_is_refused_as_a_missing_one_is(
    api: APIClient, pb: PB, hidden_stage: Stage
) -> None:
    world = pb.world
    hidden_process = services.process_create(
        actor=world.other_coordinator,
        initiative=hidden_stage.initiative,
        stage=hidden_stage,
        title="Members decide",
        budgets=[("Club budget", 100_000, "")],
    )
    services.phase_advance(actor=world.other_coordinator, process=hidden_process)
    hidden_budget = hidden_process.budgets.get()
    before = Proposal.objects.count()
    api.force_authenticate(world.member)
    path = f"/api/v1/pb/processes/{pb.process.pk}/proposals/"
    proposal = {"title": "Trees", "description": "Twenty trees", "estimated_cost": 5_000}
    for budget in (hidden_budget.pk, 999_999):
        response = api.post(path, {**proposal, "budget": budget}, format="json")
        assert response.status_code == 400
        assert response.json() == {"budget": [f'Invalid pk "{budget}" - object does not exist.']}
    assert Proposal.objects.count() == before
