"""The diagnostics API: the contract for whoever may view the initiative, 400s that say
what to fix, and nothing for those who may not see it."""

import datetime

from rest_framework.test import APIClient

from conftest import World
from coproduce.core.vocabulary import ContributionKind, Unit
from coproduce.diagnostics.api import LOCALITY_PROBLEM
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Visibility
from coproduce.record import services as record


def _give(world: World, minutes: int, on: datetime.date) -> None:
    record.contribution_record(
        actor=world.member,
        initiative=world.initiative,
        stage=world.stage,
        kind=ContributionKind.TIME,
        quantity=minutes,
        unit=Unit.MINUTES,
        occurred_on=on,
    )


def test_the_contract_answers_anyone_who_may_view(world: World, api: APIClient) -> None:
    _give(world, 90, datetime.date(2026, 2, 1))
    _give(world, 30, datetime.date(2026, 4, 1))
    url = f"/api/v1/initiatives/{world.initiative.slug}/diagnostics/"
    answer = api.get(url, {"from": "2026-01-01", "to": "2026-03-31"})
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) >= {
        "typology",
        "power",
        "burden",
        "value",
        "shared_understanding",
        "self_assessment",
    }
    assert body["typology"]["planning"]["citizen_minutes"] == 90
    assert body["typology"]["planning"]["category"] == "citizens_alone"
    assert body["period"] == {"from": "2026-01-01", "to": "2026-03-31"}
    assert api.get(url).json()["typology"]["planning"]["citizen_minutes"] == 120


def test_a_bad_period_is_a_400_naming_the_field(world: World, api: APIClient) -> None:
    url = f"/api/v1/initiatives/{world.initiative.slug}/diagnostics/"
    answer = api.get(url, {"from": "2026-13-01"})
    assert answer.status_code == 400
    assert answer.json() == {"from": ["Give a day as YYYY-MM-DD, e.g. 2026-04-01."]}
    answer = api.get(url, {"from": "2026-03-01", "to": "2026-02-01"})
    assert answer.status_code == 400
    assert answer.json() == {"to": ["The period must end on or after the day it starts."]}


def test_a_members_only_initiative_is_not_found_for_outsiders(world: World, api: APIClient) -> None:
    initiatives.initiative_update(
        actor=world.coordinator, initiative=world.initiative, visibility=Visibility.MEMBERS
    )
    url = f"/api/v1/initiatives/{world.initiative.slug}/diagnostics/"
    assert api.get(url).status_code == 404
    api.force_authenticate(world.outsider)
    assert api.get(url).status_code == 404
    slugs = [row["slug"] for row in api.get("/api/v1/diagnostics/portfolio/").json()["initiatives"]]
    assert slugs == [world.other.slug]
    api.force_authenticate(world.member)
    assert api.get(url).status_code == 200
    slugs = [row["slug"] for row in api.get("/api/v1/diagnostics/portfolio/").json()["initiatives"]]
    assert slugs == [world.other.slug, world.initiative.slug]


def test_the_portfolio_filters_by_service_area_and_refuses_an_unknown_one(
    world: World, api: APIClient
) -> None:
    _give(world, 90, datetime.date(2026, 2, 1))
    rows = api.get("/api/v1/diagnostics/portfolio/", {"service_area": "housing"}).json()
    by_slug = {row["slug"]: row for row in rows["initiatives"]}
    assert set(by_slug) == {world.initiative.slug, world.other.slug}
    assert by_slug[world.initiative.slug]["planning_category"] == "citizens_alone"
    assert by_slug[world.initiative.slug]["citizen_minutes"] == 90
    assert by_slug[world.other.slug]["planning_category"] == "no_data"
    assert api.get("/api/v1/diagnostics/portfolio/", {"service_area": "health"}).json() == {
        "initiatives": []
    }
    answer = api.get("/api/v1/diagnostics/portfolio/", {"stage": "co_nothing"})
    assert answer.status_code == 400
    assert list(answer.json()) == ["stage"]


def test_a_locality_no_database_can_hold_is_a_400(world: World, api: APIClient) -> None:
    answer = api.get("/api/v1/diagnostics/portfolio/", {"locality": "River\x00side"})
    assert answer.status_code == 400
    assert answer.json() == {"locality": [LOCALITY_PROBLEM]}
