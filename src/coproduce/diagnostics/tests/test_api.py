"""The diagnostics API: the contract for whoever may view the initiative, 400s that say
what to fix, and nothing for those who may not see it."""

import datetime

from rest_framework.test import APIClient

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import ContributionKind, Unit
from coproduce.diagnostics.api import LOCALITY_PROBLEM
from coproduce.equality.services import equality_profile_save
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
        "inclusion",
        "trend",
    }
    assert body["typology"]["planning"]["citizen_minutes"] == 90
    # the quarters of the period, as the page's trend shows them
    assert body["trend"] == [
        {
            "quarter": "2026 Q1",
            "planning_community_share": 1.0,
            "delivery_community_share": None,
            "decisions": 0,
            "citizen_voice_share": None,
        }
    ]
    assert body["typology"]["planning"]["category"] == "citizens_alone"
    assert body["period"] == {
        "from": "2026-01-01",
        "to": "2026-03-31",
        "whole_record": ["inclusion", "self_assessment"],
    }
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


def _counts(tree: object) -> list[object]:
    """Every head-count in the inclusion answer ("people" and each category's "count")."""
    if isinstance(tree, dict):
        found = [value for key, value in tree.items() if key in ("people", "count")]
        return found + [c for value in tree.values() for c in _counts(value)]
    if isinstance(tree, list):
        return [c for value in tree for c in _counts(value)]
    return []


def test_no_inclusion_count_under_5_leaves_through_the_api(world: World, api: APIClient) -> None:
    """Seven people with profiles: 6 women and 1 man, all in the co-design stage."""
    for n in range(7):
        person = make_user(f"resident{n}")
        add_member(world.initiative, person)
        equality_profile_save(actor=person, consent=True, gender="man" if n == 0 else "woman")
        record.contribution_record(
            actor=person,
            initiative=world.initiative,
            stage=world.stage,
            kind=ContributionKind.TIME,
            quantity=30,
            unit=Unit.MINUTES,
            occurred_on=datetime.date(2026, 2, 2),
        )
    body = api.get(f"/api/v1/initiatives/{world.initiative.slug}/diagnostics/").json()
    gender = body["inclusion"]["characteristics"]["gender"]["stages"]["all"]
    assert gender["people"] == 7
    assert gender["categories"]["woman"]["count"] == 6
    assert gender["categories"]["man"]["count"] == "<5"
    # a period does not narrow who is counted: one person's day cannot be subtracted out
    for period in ({"from": "2026-02-02"}, {"from": "2026-02-03"}, {"to": "2026-02-01"}):
        narrowed = api.get(f"/api/v1/initiatives/{world.initiative.slug}/diagnostics/", period)
        assert narrowed.json()["inclusion"] == body["inclusion"]
    counts = _counts(body["inclusion"])
    assert len(counts) > 20
    assert all(count == "<5" or (isinstance(count, int) and count >= 5) for count in counts)
