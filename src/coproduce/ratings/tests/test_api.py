"""The ratings API: a rating is taken (201) and changed (200) at the same address; bad
input is a 400 naming the field, never a 500."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from conftest import World
from coproduce.ratings.models import FeedbackAnswer, Rating
from coproduce.ratings.tests.conftest import Things


def _as(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_post_rates_then_changes_the_rating(world: World) -> None:
    url = f"/api/v1/initiatives/{world.initiative.slug}/ratings/"
    body = {"kind": "service", "thing": world.initiative.pk, "stars": 4, "comment": "Good"}
    first = _as(world.member).post(url, body, format="json")
    assert first.status_code == 201
    assert {
        k: first.json()[k] for k in ("kind", "thing", "stars", "rater", "mine", "anonymous")
    } == {
        "kind": "service",
        "thing": world.initiative.pk,
        "stars": 4,
        "rater": "member",
        "mine": True,
        "anonymous": False,
    }
    again = _as(world.member).post(url, body | {"stars": 1, "anonymous": True}, format="json")
    assert again.status_code == 200
    assert (again.json()["id"], again.json()["stars"]) == (first.json()["id"], 1)
    assert list(Rating.objects.values_list("stars", "anonymous")) == [(1, True)]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "opinion", "thing": 1, "stars": 4}, "kind"),
        ({"kind": "service", "stars": 4}, "thing"),
        ({"kind": "service", "thing": "<initiative>", "stars": 9}, "stars"),
        ({"kind": "service", "thing": "<initiative>", "stars": "four"}, "stars"),
        ({"kind": "service", "thing": 2**64, "stars": 4}, "thing"),
        ({"kind": "service", "thing": "<other>", "stars": 4}, "thing"),
        ({"kind": "shift", "thing": 999, "stars": 4}, "thing"),
        ({"kind": "session", "thing": "<session>", "stars": 4}, "thing"),  # not in it
        ({"kind": "service", "thing": "<initiative>", "stars": 4, "comment": "a\x00"}, "comment"),
        ({"kind": "service", "thing": "<initiative>", "stars": 4, "anonymous": "x"}, "anonymous"),
    ],
)
def test_bad_ratings_are_a_400_naming_the_field(world: World, things: Things, body, field) -> None:
    ids = {"<initiative>": world.initiative.pk, "<other>": world.other.pk}
    ids["<session>"] = things.session.pk
    body = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    url = f"/api/v1/initiatives/{world.initiative.slug}/ratings/"
    response = _as(world.member).post(url, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Rating.objects.exists()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("kind=opinion", "kind"),
        ("thing=abc", "thing"),
        ("thing=1", "kind"),
        ("kind=session", "thing"),
        ("kind=shift&thing=99999", "thing"),
        ("kind=service&thing=99999999999999999999", "thing"),
    ],
)
def test_bad_filters_are_a_400_naming_the_field(world: World, query: str, field: str) -> None:
    for path in ("ratings/", "ratings/summaries/"):
        url = f"/api/v1/initiatives/{world.initiative.slug}/{path}?{query}"
        response = _as(world.member).get(url)
        assert response.status_code == 400, (url, response.content)
        assert field in response.json()


def test_feedback_is_answered_and_listed(world: World, things: Things) -> None:
    slug = world.initiative.slug
    rating = _as(world.member).post(
        f"/api/v1/initiatives/{slug}/ratings/",
        {"kind": "service", "thing": world.initiative.pk, "stars": 2, "comment": "Slow."},
        format="json",
    )
    url = f"/api/v1/initiatives/{slug}/feedback/"
    body = {"rating": rating.json()["id"], "text": "Faster now."}
    assert _as(world.member).post(url, body, format="json").status_code == 403
    assert not FeedbackAnswer.objects.exists()
    bad = _as(world.coordinator).post(url, body | {"decision": 12345}, format="json")
    assert bad.status_code == 400 and "decision" in bad.json()
    bad = _as(world.coordinator).post(url, body | {"rating": 12345}, format="json")
    assert bad.status_code == 400 and "rating" in bad.json()
    bad = _as(world.coordinator).post(url, body | {"text": ""}, format="json")
    assert bad.status_code == 400 and "text" in bad.json()
    made = _as(world.coordinator).post(url, body, format="json")
    assert made.status_code == 201
    changed = _as(world.coordinator).post(url, body | {"text": "Much faster."}, format="json")
    assert changed.status_code == 200
    [shown] = APIClient().get(url).json()
    assert {k: shown[k] for k in ("kind", "thing", "said", "text", "decision")} == {
        "kind": "service",
        "thing": world.initiative.pk,
        "said": "Slow.",
        "text": "Much faster.",
        "decision": None,
    }
    assert "rating" not in shown
