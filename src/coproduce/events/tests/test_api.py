"""The events API: list and read, register and cancel, attendance for facilitators."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from coproduce.events.models import Event, Registration
from coproduce.events.tests.conftest import Workshop, hold
from coproduce.record.models import Contribution

pytestmark = pytest.mark.django_db


def _api(user: Any) -> APIClient:
    client = APIClient()
    client.force_login(user)
    client.credentials(HTTP_IDEMPOTENCY_KEY="test")
    return client


def _url(workshop: Workshop, action: str = "") -> str:
    base = f"/api/v1/initiatives/{workshop.world.initiative.slug}/events/{workshop.event.pk}/"
    return base + (f"{action}/" if action else "")


def test_list_and_detail_show_places(workshop: Workshop) -> None:
    workshop.event.registrations.create(
        person=workshop.residents[0], status="registered", queued_at=workshop.event.starts_at
    )
    body = APIClient().get(_url(workshop)).json()
    assert (body["title"], body["format"], body["stage"], body["taken"], body["waiting"]) == (
        "Planning for Real: the riverside",
        "planning_for_real",
        "co_planning",
        1,
        0,
    )
    listed = APIClient().get(f"/api/v1/initiatives/{workshop.world.initiative.slug}/events/").json()
    assert [e["id"] for e in listed["results"]] == [workshop.event.pk]


def test_register_wait_and_cancel_through_the_api(workshop: Workshop) -> None:
    answers = [
        _api(p).post(_url(workshop, "register"), {}, format="json").json()
        for p in workshop.residents
    ]
    assert [(a["status"], a["waiting_position"]) for a in answers] == [
        ("registered", None),
        ("registered", None),
        ("waiting", 1),
    ]
    again = _api(workshop.residents[0]).post(_url(workshop, "register"), {}, format="json")
    assert again.status_code == 400
    cancelled = _api(workshop.residents[0]).post(_url(workshop, "cancel"), {}, format="json")
    assert cancelled.json()["status"] == "cancelled"
    assert Registration.objects.get(person=workshop.residents[2]).status == "registered"


@pytest.mark.parametrize(
    "body",
    [
        {"access_needs": ["jetpack"]},
        {"access_needs": "bsl"},
        {"access_notes": "x" * 1001},
    ],
)
def test_bad_registrations_answer_400(workshop: Workshop, body: dict) -> None:
    response = _api(workshop.residents[0]).post(_url(workshop, "register"), body, format="json")
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_attendance_through_the_api_writes_the_record(workshop: Workshop) -> None:
    world = workshop.world
    hold(workshop.event)
    client = _api(world.coordinator)
    body = {"present": [{"person": "r0"}, {"person": "member", "minutes": 30}]}
    response = client.post(_url(workshop, "attendance"), body, format="json")
    assert response.status_code == 200
    assert sorted((r["person"], r["minutes"]) for r in response.json()) == [
        ("member", 30),
        ("r0", 120),
    ]
    assert sorted(Contribution.objects.values_list("contributor__username", "quantity")) == [
        ("member", 30),
        ("r0", 120),
    ]
    for bad in (
        {"present": [{"person": "r0", "minutes": 10**12}]},
        {"present": [{"person": "nobody"}]},
        {"present": [{"person": "outsider"}]},
        {"present": "r0"},
    ):
        assert client.post(_url(workshop, "attendance"), bad, format="json").status_code == 400
    assert Contribution.objects.count() == 2
    refused = _api(world.member).post(_url(workshop, "attendance"), body, format="json")
    assert refused.status_code == 403


def _plan(workshop: Workshop, user: Any, **changes: Any) -> Any:
    body = {
        "stage": "co_planning",
        "format": "open_space",
        "title": "Open Space: the riverside",
        "description": "Bring what matters to you.",
        "starts_at": "2027-07-01T10:00:00+01:00",
        "ends_at": "2027-07-01T13:00:00+01:00",
        "place": "Riverside hall",
        "capacity": 40,
        "support": ["interpreter"],
        **changes,
    }
    url = f"/api/v1/initiatives/{workshop.world.initiative.slug}/events/"
    return _api(user).post(url, body, format="json")


def test_a_coordinator_plans_an_event_through_the_api(workshop: Workshop) -> None:
    answer = _plan(workshop, workshop.world.coordinator)
    assert answer.status_code == 201, answer.content
    made = Event.objects.get(pk=answer.json()["id"])
    assert (made.title, made.format, made.stage.kind, made.capacity, made.support) == (
        "Open Space: the riverside",
        "open_space",
        "co_planning",
        40,
        ["interpreter"],
    )
    assert answer.json()["stage"] == "co_planning"


def test_a_member_cannot_plan_an_event_and_none_is_made(workshop: Workshop) -> None:
    before = Event.objects.count()
    assert _plan(workshop, workshop.residents[0]).status_code == 403
    assert Event.objects.count() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"capacity": -5}, "capacity"),
        ({"ends_at": "2027-07-01T09:00:00+01:00"}, "ends_at"),
        ({"stage": "co_management"}, "stage"),
        ({"stage": "somewhere"}, "stage"),
    ],
)
def test_a_bad_event_is_a_400_naming_the_field(
    workshop: Workshop, changes: dict[str, Any], field: str
) -> None:
    before = Event.objects.count()
    answer = _plan(workshop, workshop.world.coordinator, **changes)
    assert answer.status_code == 400, answer.content
    assert field in answer.json()
    assert Event.objects.count() == before
