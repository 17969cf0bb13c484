"""Initiatives, stages and members through the REST API."""

from typing import Any

from openapi_spec_validator import validate
from rest_framework.test import APIClient

from conftest import World, work_alongside
from coproduce.initiatives.models import Initiative, Membership, Visibility
from coproduce.initiatives.services import NOT_INVITABLE

NEW = {
    "title": "Park users' group",
    "summary": "Users and rangers run the park together.",
    "service_area": "environment",
    "side": "citizen",
    "role": "resident",
}


def test_create_an_initiative_and_become_its_coordinator(api: APIClient, world: World) -> None:
    api.force_authenticate(world.outsider)
    response = api.post("/api/v1/initiatives/", NEW, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == "park-users-group"
    membership = Membership.objects.get(initiative__slug="park-users-group")
    assert (membership.user, membership.side, membership.is_coordinator) == (
        world.outsider,
        "citizen",
        True,
    )


def test_bad_initiative_input_names_the_field(api: APIClient, world: World) -> None:
    api.force_authenticate(world.outsider)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"title": "x" * 201}, "title"),
        ({"service_area": "mars"}, "service_area"),
        ({"side": "both"}, "side"),
        ({"title": ""}, "title"),
        ({"lead_organisation": 424242}, "lead_organisation"),
    ]
    for changes, field in cases:
        response = api.post("/api/v1/initiatives/", {**NEW, **changes}, format="json")
        assert response.status_code == 400
        assert field in response.json()
    assert Initiative.objects.count() == 2


def test_only_coordinators_edit(api: APIClient, world: World) -> None:
    path = f"/api/v1/initiatives/{world.initiative.slug}/"
    api.force_authenticate(world.member)
    assert api.patch(path, {"title": "Taken over"}, format="json").status_code == 403
    api.force_authenticate(world.coordinator)
    assert api.patch(path, {"title": "Better repairs"}, format="json").status_code == 200
    assert Initiative.objects.get(pk=world.initiative.pk).title == "Better repairs"


def test_members_only_initiative_is_404_like_a_missing_one(api: APIClient, world: World) -> None:
    world.initiative.visibility = Visibility.MEMBERS
    world.initiative.save()
    path = f"/api/v1/initiatives/{world.initiative.slug}/"
    api.force_authenticate(world.outsider)
    hidden = api.get(path)
    missing = api.get("/api/v1/initiatives/no-such-thing/")
    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert hidden.json() == missing.json()
    listing = api.get("/api/v1/initiatives/").json()
    assert [i["slug"] for i in listing["results"]] == [world.other.slug]
    api.force_authenticate(world.member)
    assert api.get(path).status_code == 200


def test_join_approve_and_leave(api: APIClient, world: World) -> None:
    members = f"/api/v1/initiatives/{world.initiative.slug}/members/"
    api.force_authenticate(world.outsider)
    joined = api.post(members, {"side": "citizen", "role": "carer"}, format="json")
    assert (joined.status_code, joined.json()["status"]) == (201, "requested")
    assert api.post(f"{members}{joined.json()['id']}/approve/").status_code == 404
    api.force_authenticate(world.coordinator)
    approved = api.post(f"{members}{joined.json()['id']}/approve/")
    assert (approved.status_code, approved.json()["status"]) == (200, "active")
    api.force_authenticate(world.outsider)
    left = api.post(f"/api/v1/initiatives/{world.initiative.slug}/leave/")
    assert (left.status_code, left.json()["status"]) == (200, "left")


def test_stages_through_the_api(api: APIClient, world: World) -> None:
    stages = f"/api/v1/initiatives/{world.initiative.slug}/stages/"
    api.force_authenticate(world.coordinator)
    created = api.post(
        stages,
        {
            "kind": "co_assessment",
            "status": "planned",
            "starts_on": "2026-06-01",
            "ends_on": "2026-09-30",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["group"] == "Co-assessment"
    duplicate = api.post(stages, {"kind": "co_assessment"}, format="json")
    assert duplicate.status_code == 400
    assert "kind" in duplicate.json()
    backwards = api.patch(
        f"{stages}{created.json()['id']}/", {"ends_on": "2026-01-01"}, format="json"
    )
    assert backwards.status_code == 400
    assert "ends_on" in backwards.json()
    api.force_authenticate(world.member)
    assert api.post(stages, {"kind": "co_planning"}, format="json").status_code == 403
    assert world.initiative.stages.count() == 2


def test_openapi_schema_is_valid_openapi_3(api: APIClient, db) -> None:
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate(schema)
    for path in [
        "/api/v1/cases/",
        "/api/v1/initiatives/{initiative_slug}/contributions/",
        "/api/v1/initiatives/{initiative_slug}/decisions/",
        "/api/v1/initiatives/{initiative_slug}/members/",
        "/api/v1/initiatives/{initiative_slug}/stages/",
    ]:
        assert path in schema["paths"]


def test_the_api_invites_only_people_the_coordinator_works_with(
    api: APIClient, world: World
) -> None:
    """The page offered only the people a coordinator works with, while the API invited
    any username (with a notification) and said which usernames exist."""
    invite = f"/api/v1/initiatives/{world.initiative.slug}/members/invite/"
    api.force_authenticate(world.coordinator)
    answers = [
        api.post(invite, {"username": name, "side": "citizen", "role": "resident"})
        for name in (world.outsider.username, "no-such-person")
    ]
    refusal = {"user": [str(NOT_INVITABLE)]}
    assert [(a.status_code, a.json()) for a in answers] == [(400, refusal), (400, refusal)]
    assert not Membership.objects.filter(user=world.outsider).exists()
    work_alongside(world.coordinator, world.outsider)
    invited = api.post(
        invite, {"username": world.outsider.username, "side": "citizen", "role": "resident"}
    )
    assert invited.status_code == 201, invited.json()
    assert Membership.objects.get(initiative=world.initiative, user=world.outsider).status == (
        "invited"
    )
