"""The journey maps' API: the same services and rules as the pages, authors null to
non-members, bad input answered 400 naming the field, nothing saved."""

from typing import Any

from django.urls import reverse
from rest_framework.test import APIClient

from conftest import World
from coproduce.journeymaps.models import JourneyNote, JourneyStage
from coproduce.journeymaps.tests.conftest import Journey, feel, note, residents, staff_members
from coproduce.record.models import Contribution


def client_for(person: Any = None) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_IDEMPOTENCY_KEY="journey-test")
    if person is not None:
        client.force_authenticate(person)
    return client


def notes_url(journey: Journey) -> str:
    return reverse("api:journeymap-notes", args=[journey.map.initiative.slug, journey.map.pk])


def test_a_member_adds_a_note_on_their_own_side(world: World, journey: Journey) -> None:
    stage = journey.stages[0]
    body = {
        "stage": stage.pk,
        "kind": "feels",
        "text": "Worried",
        "feeling": -1,
        "side": "regular_producer",
    }
    response = client_for(world.member).post(notes_url(journey), body, format="json")
    assert response.status_code == 201, response.content
    added = JourneyNote.objects.get()
    assert response.json() == {
        "id": added.pk,
        "stage": stage.pk,
        "kind": "feels",
        "text": "Worried",
        "feeling": -1,
        "side": "citizen",
        "author": "member",
        "status": "",
    }
    assert Contribution.objects.get(source_id=added.pk, kind="idea").side == "citizen"


def test_authors_are_null_to_those_outside(world: World, journey: Journey) -> None:
    note(journey, world.member)
    for person in (None, world.outsider, world.staff):
        rows = client_for(person).get(notes_url(journey)).json()["results"]
        assert [(r["author"], r["side"]) for r in rows] == [(None, "citizen")]
    rows = client_for(world.coordinator).get(notes_url(journey)).json()["results"]
    assert [r["author"] for r in rows] == ["member"]


def test_bad_notes_are_400_naming_the_field(world: World, journey: Journey) -> None:
    other = JourneyStage.objects.create(
        journey_map=journey.map.__class__.objects.create(
            initiative=world.initiative, title="Moving in", created_by=world.coordinator
        ),
        name="Keys",
        position=1,
    )
    first = journey.stages[0].pk
    cases = [
        ({"stage": first, "kind": "feels", "text": "Bad", "feeling": 3}, "feeling"),
        ({"stage": first, "kind": "feels", "text": "Bad", "feeling": "NaN"}, "feeling"),
        ({"stage": first, "kind": "feels", "text": "Bad", "feeling": 10**30}, "feeling"),
        ({"stage": first, "kind": "idea", "text": ""}, "text"),
        ({"stage": first, "kind": "idea", "text": "x" * 1001}, "text"),
        ({"stage": other.pk, "kind": "idea", "text": "Hi"}, "stage"),
        ({"stage": 2**70, "kind": "idea", "text": "Hi"}, "stage"),
        ({"stage": first, "kind": "moan", "text": "Hi"}, "kind"),
    ]
    for body, field in cases:
        response = client_for(world.member).post(notes_url(journey), body, format="json")
        assert response.status_code == 400, body
        assert field in str(response.json()), (body, response.json())
    assert JourneyNote.objects.count() == 0


def test_the_summary_gives_means_by_side_and_the_marker(world: World, journey: Journey) -> None:
    feel(journey, residents(world, 3), [-2, -2, -2])
    feel(journey, staff_members(world, 2), [1, 1])
    url = reverse("api:journeymap-summary", args=[world.initiative.slug, journey.map.pk])
    found = client_for().get(url).json()
    assert found["min_for_mean"] == 3
    first = found["stages"][0]
    assert first == {
        "id": journey.stages[0].pk,
        "position": 1,
        "name": "Reporting the repair",
        "sides": [
            {"side": "citizen", "feelings": 3, "mean": -2.0, "pain_points": 0},
            {"side": "regular_producer", "feelings": 2, "mean": None, "pain_points": 0},
        ],
        "seen_differently": False,
    }


def test_stages_are_added_renamed_and_moved(world: World, journey: Journey) -> None:
    slug, pk = world.initiative.slug, journey.map.pk
    client = client_for(world.coordinator)
    added = client.post(reverse("api:journeymap-stages", args=[slug, pk]), {"name": "Feedback"})
    assert added.status_code == 201 and added.json()["position"] == 4
    url = reverse("api:journeystage-detail", args=[slug, added.json()["id"]])
    response = client.patch(url, {"name": "Telling us", "position": 1}, format="json")
    assert response.json() == {"id": added.json()["id"], "name": "Telling us", "position": 1}
    assert client.patch(url, {"position": 5}, format="json").status_code == 400
    assert client.patch(url, {"name": "reporting THE repair"}, format="json").status_code == 400
    names = JourneyStage.objects.filter(journey_map=journey.map).values_list("name", flat=True)
    assert list(names) == [
        "Telling us",
        "Reporting the repair",
        "Waiting for the visit",
        "The repair is done",
    ]
    assert client_for(world.member).patch(url, {"position": 2}, format="json").status_code == 403
    assert JourneyStage.objects.get(pk=added.json()["id"]).position == 1


def test_a_note_is_removed_by_its_author_and_stays_out_of_the_lists(
    world: World, journey: Journey
) -> None:
    pain = note(journey, world.member)
    url = reverse("api:journeynote-remove", args=[world.initiative.slug, pain.pk])
    assert client_for(world.outsider).post(url, {}).status_code == 403
    assert client_for(world.member).post(url, {}).status_code == 200
    assert client_for(world.member).post(url, {}).status_code == 404
    assert client_for().get(notes_url(journey)).json()["results"] == []
    assert sorted(
        Contribution.objects.filter(source_id=pain.pk, kind="idea").values_list(
            "quantity", flat=True
        )
    ) == [-1, 1]


def test_maps_are_made_and_listed(world: World) -> None:
    url = reverse("api:journeymap-list", args=[world.initiative.slug])
    made = client_for(world.coordinator).post(url, {"title": "Moving in", "description": "Keys"})
    assert made.status_code == 201
    assert client_for(world.coordinator).post(url, {"title": "MOVING IN"}).status_code == 400
    assert client_for(world.member).post(url, {"title": "Mine"}).status_code == 403
    listed = client_for().get(url).json()["results"]
    assert listed == [{"id": made.json()["id"], "title": "Moving in", "description": "Keys"}]
