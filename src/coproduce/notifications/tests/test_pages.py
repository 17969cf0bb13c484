"""The notifications page: one's own only, marked read one by one or all at once; the
header's unread count costs one query."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import World
from coproduce.notifications import services
from coproduce.notifications.kinds import Kind
from coproduce.notifications.models import Notification
from coproduce.notifications.tests.conftest import forget

pytestmark = pytest.mark.django_db


def tell(person, title: str) -> Notification:
    return services.notify(
        recipients=[person],
        kind=Kind.REPLY,
        message="idea_answer",
        params={"title": title},
        link="/initiatives/riverside-repairs/",
    )[0]


def test_a_person_reads_and_marks_their_own(client: Client, world: World) -> None:
    forget()
    first, second = tell(world.member, "Benches"), tell(world.member, "<b>Lights</b>")
    tell(world.coordinator, "Secret plans")
    client.force_login(world.member)
    page = client.get("/notifications/").content.decode()
    assert "You have 2 unread notifications." in page
    assert "Secret plans" not in page
    assert "&lt;b&gt;Lights&lt;/b&gt;" in page and "<b>Lights" not in page
    assert '>Notifications <span class="badge">2 unread</span>' in page
    answer = client.post(f"/notifications/{first.pk}/read/", {"next": "/notifications/?page=1"})
    assert answer.headers["Location"] == "/notifications/?page=1"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    client.post("/notifications/read-all/")
    assert Notification.objects.filter(recipient=world.member, read_at=None).count() == 0
    assert Notification.objects.filter(recipient=world.coordinator, read_at=None).count() == 1


def test_another_persons_notification_is_not_found_and_stays_unread(
    client: Client, world: World
) -> None:
    theirs = tell(world.coordinator, "Benches")
    for person in (world.member, world.staff):
        client.force_login(person)
        assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
        assert client.post("/notifications/999999/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    client.logout()
    assert client.get("/notifications/").status_code == 302


def test_the_header_count_is_one_query(client: Client, world: World) -> None:
    forget()
    tell(world.member, "Benches")
    client.force_login(world.member)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    mine = [q["sql"] for q in queries if "notifications_notification" in q["sql"]]
    assert len(mine) == 1 and mine[0].startswith("SELECT COUNT(*)")
    assert "1 unread" in page
    client.logout()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not [q for q in queries if "notifications_notification" in q["sql"]]
