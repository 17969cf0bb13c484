"""An anonymous rater is named to no one but themself, on every surface: the pages, the
API, both CSV downloads, the "you said, we did" list, the accountability section and the
admin (which has no page for ratings); coordinators and staff included. And no surface
shows a mean of fewer than five ratings."""

import csv
import io
import json
from typing import Any

import pytest
from django.contrib import admin
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from conftest import World
from coproduce.ratings import panels, services
from coproduce.ratings.models import FeedbackAnswer, Rating
from coproduce.ratings.tests.conftest import Things, as_text, rate_service

SECRET_NAME = "Mo Member"  # the member's display name; their username is "member"


@pytest.fixture
def anonymous_rating(world: World, things: Things) -> Rating:
    rating = services.rating_give(
        actor=world.member,
        thing=things.service,
        stars=2,
        comment="The door is still broken.",
        anonymous=True,
    )
    services.feedback_answer(actor=world.coordinator, rating=rating, text="Mended on Monday.")
    services.rating_give(actor=things.volunteer, thing=things.service, stars=5, comment="Good.")
    return rating


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _viewers(world: World) -> list[Any]:
    return [None, world.coordinator, world.staff, world.other_coordinator, world.outsider]


def _urls(world: World) -> list[str]:
    slug, pk = world.initiative.slug, world.initiative.pk
    return [
        reverse("ratings:thing", args=[slug, "service", pk]),
        reverse("ratings:overview", args=[slug]),
        reverse("ratings:you_said_we_did", args=[slug]),
        f"/api/v1/initiatives/{slug}/ratings/",
        f"/api/v1/initiatives/{slug}/ratings/?kind=service&thing={pk}",
        f"/api/v1/initiatives/{slug}/ratings/summaries/",
        f"/api/v1/initiatives/{slug}/feedback/",
        reverse("ratings:summaries_csv", args=[slug]),
    ]


@pytest.mark.usefixtures("anonymous_rating")
def test_no_page_api_answer_or_summary_names_the_anonymous_rater(world: World) -> None:
    for viewer in _viewers(world):
        client = _client(viewer)
        for url in _urls(world):
            response = client.get(url)
            assert response.status_code == 200, (url, viewer)
            text = as_text(response)
            assert SECRET_NAME not in text, (url, viewer)
            assert '"member"' not in text, (url, viewer)


@pytest.mark.usefixtures("anonymous_rating")
def test_the_page_says_anonymous_and_names_the_others(world: World, things: Things) -> None:
    url = reverse("ratings:thing", args=[world.initiative.slug, "service", world.initiative.pk])
    text = as_text(_client(world.staff).get(url))
    assert "Anonymous · " in text
    assert "By Val Volunteer · " in text
    assert "We did:</strong> Mended on Monday." in text


@pytest.mark.usefixtures("anonymous_rating")
def test_the_rater_alone_sees_it_is_theirs(world: World) -> None:
    url = reverse("ratings:thing", args=[world.initiative.slug, "service", world.initiative.pk])
    text = as_text(_client(world.member).get(url))
    assert "2 of 5 stars (yours)" in text
    assert 'By Mo Member (others see "Anonymous")' in text
    api = _client(world.member).get(f"/api/v1/initiatives/{world.initiative.slug}/ratings/")
    mine = [r for r in api.json()["results"] if r["mine"]]
    assert [(r["rater"], r["anonymous"], r["stars"]) for r in mine] == [("member", True, 2)]


@pytest.mark.usefixtures("anonymous_rating")
def test_the_api_gives_others_no_rater(world: World) -> None:
    for viewer in _viewers(world):
        response = _client(viewer).get(f"/api/v1/initiatives/{world.initiative.slug}/ratings/")
        results = response.json()["results"]
        assert sorted((r["stars"], r["rater"], r["anonymous"], r["mine"]) for r in results) == [
            (2, None, True, False),
            (5, "vol", False, False),
        ]
        assert set(results[0]) == {
            "id",
            "kind",
            "thing",
            "stars",
            "comment",
            "anonymous",
            "rater",
            "mine",
            "updated_on",
            "answer",
        }


@pytest.mark.usefixtures("anonymous_rating")
def test_the_csv_of_a_thing_gives_others_no_rater(world: World) -> None:
    url = reverse("ratings:thing_csv", args=[world.initiative.slug, "service", world.initiative.pk])
    for viewer in _viewers(world):
        rows = list(csv.reader(io.StringIO(as_text(_client(viewer).get(url)))))
        assert rows[0] == ["date", "stars", "comment", "rater", "answer"]
        assert sorted((r[1], r[3], r[4]) for r in rows[1:]) == [
            ("2", "anonymous", "Mended on Monday."),
            ("5", "vol", ""),
        ]
    own = as_text(_client(world.member).get(url))
    assert ",member," in own


def test_the_accountability_section_names_no_rater(
    world: World, anonymous_rating: Rating, rf: RequestFactory
) -> None:
    request = rf.get("/")
    request.user = world.staff
    section = panels.accountability(request, world.initiative)
    assert section is not None
    html = render_to_string(
        "ratings/accountability.html", {"panel": section, "initiative": world.initiative}
    )
    assert SECRET_NAME not in html and "member" not in json.dumps(section, default=str)
    assert "Mended on Monday." in html and "The door is still broken." in html


def test_the_admin_has_no_page_for_ratings_or_answers(world: World) -> None:
    assert Rating not in admin.site._registry and FeedbackAnswer not in admin.site._registry
    inlines = [m.model for a in admin.site._registry.values() for m in a.inlines]
    assert Rating not in inlines and FeedbackAnswer not in inlines
    assert _client(world.staff).get("/admin/ratings/rating/").status_code == 404


def test_an_answer_keeps_no_rater(world: World, anonymous_rating: Rating) -> None:
    fields = {f.name for f in FeedbackAnswer._meta.get_fields()}
    assert "person" not in fields
    answer = FeedbackAnswer.objects.get()
    assert answer.said == "The door is still broken."


@pytest.mark.parametrize(("stars", "mean"), [([5, 4, 4, 1], None), ([5, 4, 4, 1, 2], 3.2)])
def test_no_surface_shows_a_mean_of_fewer_than_five(world: World, stars, mean) -> None:
    rate_service(world, stars)
    slug, pk = world.initiative.slug, world.initiative.pk
    client = _client()
    page = as_text(client.get(reverse("ratings:thing", args=[slug, "service", pk])))
    overview = as_text(client.get(reverse("ratings:overview", args=[slug])))
    api = client.get(f"/api/v1/initiatives/{slug}/ratings/summaries/").json()
    one = client.get(f"/api/v1/initiatives/{slug}/ratings/summaries/?kind=service&thing={pk}")
    rows = list(
        csv.reader(io.StringIO(as_text(client.get(f"/initiatives/{slug}/ratings/ratings.csv"))))
    )
    assert [(r["count"], r["mean"]) for r in api] == [(len(stars), mean)]
    assert [(r["count"], r["mean"]) for r in one.json()] == [(len(stars), mean)]
    assert rows[0][-1] == "mean"
    assert rows[1][3:] == [
        str(len(stars)),
        *[str(stars.count(s)) for s in range(1, 6)],
        (str(mean) if mean else ""),
    ]
    if mean is None:
        assert "Mean:" not in page and "The mean is shown from 5 ratings up." in page
        assert "Not shown (fewer than 5)" in overview
    else:
        assert "Mean: <strong>3.20 of 5 stars</strong>" in page
        assert "<td>3.20</td>" in overview
