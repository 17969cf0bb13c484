"""The notifications API: a person lists and marks their own, by session or token; another
person's notification is never listed, read or marked, staff included."""

import pytest
from rest_framework.test import APIClient

from conftest import World
from coproduce.accounts.services import token_create
from coproduce.notifications import services
from coproduce.notifications.kinds import Kind
from coproduce.notifications.models import Notification
from coproduce.notifications.tests.conftest import forget

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications/"


def tell(person, title: str) -> Notification:
    return services.notify(
        recipients=[person],
        kind=Kind.REPLY,
        message="idea_answer",
        params={"title": title},
        link="/initiatives/riverside-repairs/",
    )[0]


def as_person(person) -> APIClient:
    client = APIClient()
    client.force_authenticate(person)
    return client


def unread(person) -> list[str]:
    rows = Notification.objects.filter(recipient=person, read_at__isnull=True)
    return sorted(n.params["title"] for n in rows)


def test_a_person_lists_their_own_newest_first_by_token(world: World) -> None:
    forget()
    tell(world.member, "Benches")
    tell(world.member, "Lights")
    tell(world.coordinator, "Secret plans")
    _token, text = token_create(actor=world.member)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {text}")
    answer = client.get(URL)
    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert [(r["kind"], r["message"], r["text"], r["read"]) for r in rows] == [
        ("reply", "idea_answer", "The coordinators answered your idea Lights.", False),
        ("reply", "idea_answer", "The coordinators answered your idea Benches.", False),
    ]
    assert rows[0]["link"] == "/initiatives/riverside-repairs/"
    assert "Secret plans" not in answer.content.decode()


def test_the_text_is_in_the_requests_language(world: World) -> None:
    forget()
    tell(world.member, "Benches")
    answer = as_person(world.member).get(URL, HTTP_ACCEPT_LANGUAGE="cy")
    assert answer.json()["results"][0]["text"] == "Mae'r cydlynwyr wedi ateb eich syniad Benches."


def test_marking_one_read_then_all(world: World) -> None:
    forget()
    first, _second = tell(world.member, "Benches"), tell(world.member, "Lights")
    client = as_person(world.member)
    answer = client.post(f"{URL}{first.pk}/read/")
    assert answer.status_code == 200
    assert answer.json()["read"] is True
    assert unread(world.member) == ["Lights"]
    assert [r["text"] for r in client.get(URL, {"unread": "true"}).json()["results"]] == [
        "The coordinators answered your idea Lights."
    ]
    assert client.post(f"{URL}read-all/").json() == {"marked": 1}
    assert unread(world.member) == []
    assert client.get(URL, {"unread": "true"}).json()["results"] == []


@pytest.mark.parametrize("who", ["coordinator", "other_coordinator", "staff"])
def test_another_persons_notification_is_never_seen_or_marked(world: World, who: str) -> None:
    forget()
    theirs = tell(world.member, "Benches")
    client = as_person(getattr(world, who))
    assert client.get(URL).json()["results"] == []
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert client.post(f"{URL}{theirs.pk}/read/").status_code == 404
    assert client.post(f"{URL}read-all/").json() == {"marked": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert unread(world.member) == ["Benches"]


def test_anonymous_gets_nothing(world: World) -> None:
    forget()
    theirs = tell(world.member, "Benches")
    client = APIClient()
    assert client.get(URL).status_code == 403
    assert client.post(f"{URL}{theirs.pk}/read/").status_code == 403
    assert client.post(f"{URL}read-all/").status_code == 403
    assert unread(world.member) == ["Benches"]


def test_the_openapi_document_describes_them() -> None:
    from coproduce.core import apidocs

    paths = apidocs.openapi_document()["paths"]
    assert sorted(paths["/api/v1/notifications/"]) == ["get"]
    assert sorted(paths["/api/v1/notifications/{id}/"]) == ["get"]
    assert sorted(paths["/api/v1/notifications/{id}/read/"]) == ["post"]
    assert sorted(paths["/api/v1/notifications/read-all/"]) == ["post"]
    assert sorted(paths["/api/v1/my/"]) == ["get"]
    listing = paths["/api/v1/notifications/"]["get"]
    assert [p["name"] for p in listing["parameters"]] == ["page", "page_size", "unread"]
    summary = paths["/api/v1/my/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert summary["schema"] == {"$ref": "#/components/schemas/MySummary"}


def test_a_notification_id_that_is_not_a_number_is_404(world: World) -> None:
    forget()
    mine = tell(world.member, "Benches")
    client = as_person(world.member)
    for bad in ("abc", "1e3", "\u00b2", "-1"):
        assert client.get(f"{URL}{bad}/").status_code == 404, bad
        assert client.post(f"{URL}{bad}/read/").status_code == 404, bad
    assert client.get(f"{URL}{mine.pk}/").status_code == 200
    assert unread(world.member) == ["Benches"]
