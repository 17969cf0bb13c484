"""The API: the same services, bad input answered 400 naming the field, the pool refused to
all but coordinators, the composition to all before it is published."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from coproduce.panels.models import Category, Panel, PoolMember
from coproduce.panels.tests.conftest import Jury, draw


def client_for(person: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(person)
    client.credentials(HTTP_IDEMPOTENCY_KEY=f"k-{person.pk}-{id(client)}")
    return client


def panel_body(world: Any, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Jury",
        "remit": "What first?",
        "size": 8,
        "stage": world.stage.pk,
        "commissioner_name": "Board",
        "starts_on": "2026-06-01",
        "ends_on": "2026-06-30",
        "consent_text": "I agree.",
    } | extra


@pytest.mark.parametrize("size", [0, -3, 10**12, "NaN"])
def test_a_bad_size_is_a_400(world, size) -> None:
    url = f"/api/v1/initiatives/{world.initiative.slug}/panels/"
    answer = client_for(world.coordinator).post(url, panel_body(world, size=size), format="json")
    assert answer.status_code == 400
    assert "size" in answer.json() or "size" in str(answer.json())
    assert not Panel.objects.exists()


def test_quota_errors_are_400s(jury: Jury) -> None:
    world = jury.world
    url = f"/api/v1/initiatives/{world.initiative.slug}/panels/{jury.panel.pk}/features/"
    before = Category.objects.count()
    body = {"name": "tenure", "categories": [{"name": "owner", "quota_min": 5, "quota_max": 1}]}
    answer = client_for(world.coordinator).post(url, body, format="json")
    assert answer.status_code == 400
    assert "owner: the minimum (5) is above the maximum (1)." in str(answer.json())
    body = {
        "name": "tenure",
        "categories": [
            {"name": "owner", "quota_min": 5, "quota_max": 8},
            {"name": "renter", "quota_min": 5, "quota_max": 8},
        ],
    }
    answer = client_for(world.coordinator).post(url, body, format="json")
    assert answer.status_code == 400
    assert "tenure: the minimums add up to 10, more than the panel's 8 places." in str(
        answer.json()
    )
    assert Category.objects.count() == before


def test_registration_without_consent_is_a_400(jury: Jury) -> None:
    world = jury.world
    url = f"/api/v1/initiatives/{world.initiative.slug}/panels/{jury.panel.pk}/register/"
    before = PoolMember.objects.count()
    body = {
        "name": "Ana",
        "address": "1 Mill Lane",
        "postcode": "AB1",
        "features": {"age": "young", "area": "north"},
        "consent": False,
    }
    answer = client_for(world.member).post(url, body, format="json")
    assert answer.status_code == 400
    assert "Tick the box to agree" in str(answer.json())
    answer = client_for(world.member).post(
        url, body | {"consent": True, "features": {"age": "x", "area": "north"}}, format="json"
    )
    assert answer.status_code == 400
    assert "“x” is not a category of age." in str(answer.json())
    assert PoolMember.objects.count() == before


def test_the_composition_waits_for_publication(jury: Jury) -> None:
    world = jury.world
    draw(world, jury.panel)
    url = f"/api/v1/initiatives/{world.initiative.slug}/panels/{jury.panel.pk}/composition/"
    assert client_for(world.member).get(url).status_code == 403
    shown = client_for(world.coordinator).get(url).json()
    assert shown["algorithm"] == "legacy"
    assert sum(r["selected"] for r in shown["rows"] if r["feature"] == "age") == 8
    assert sum(r["pool"] for r in shown["rows"] if r["feature"] == "area") == 40
    assert set(shown["rows"][0]) == {
        "feature",
        "category",
        "pool",
        "quota_min",
        "quota_max",
        "source",
        "selected",
        "chance",
    }
