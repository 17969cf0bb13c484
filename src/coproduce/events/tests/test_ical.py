"""The calendar files follow RFC 5545: CRLF line endings, lines folded at 75 octets,
text escaped, a UID and DTSTAMP, and times in UTC."""

import datetime
import re

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from coproduce.events import services
from coproduce.events.tests.conftest import Workshop, hold

pytestmark = pytest.mark.django_db


def _ics(workshop: Workshop, name: str = "ics") -> bytes:
    slug = workshop.world.initiative.slug
    kwargs = {"slug": slug, "pk": workshop.event.pk} if name == "ics" else {"slug": slug}
    response = Client().get(reverse(f"events:{name}", kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def test_an_events_calendar_file_is_well_formed(workshop: Workshop) -> None:
    starts = datetime.datetime(2027, 7, 1, 18, 30, tzinfo=datetime.UTC)
    services.event_update(
        actor=workshop.world.coordinator,
        event=workshop.event,
        title="Parks, play; and paths",
        description="Line one, with a comma;\nline two. " + "Long words go on and on " * 6,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    services.event_register(
        actor=workshop.residents[0], event=workshop.event, access_notes="Secret need 4471"
    )
    body = _ics(workshop)
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    lines = body.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the description was folded
    unfolded = body.replace(b"\r\n ", b"").decode()
    assert "SUMMARY:Parks\\, play\\; and paths\r\n" in unfolded
    assert "DESCRIPTION:Line one\\, with a comma\\;\\nline two. Long words" in unfolded
    assert "DTSTART:20270701T183000Z\r\n" in unfolded
    assert "DTEND:20270701T203000Z\r\n" in unfolded
    assert re.search(r"DTSTAMP:\d{8}T\d{6}Z\r\n", unfolded)
    assert f"UID:event-{workshop.event.pk}@127.0.0.1\r\n" in unfolded
    assert "Secret need" not in unfolded and "Resident" not in unfolded
    assert "ATTENDEE" not in unfolded and "ORGANIZER" not in unfolded
    parsed = icalendar.Calendar.from_ical(body)
    (vevent,) = parsed.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Parks, play; and paths"


def test_the_initiatives_calendar_lists_only_upcoming_events(workshop: Workshop) -> None:
    world = workshop.world
    later = services.event_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=workshop.event.stage,
        format="drop_in",
        title="Drop-in",
        description="Come by.",
        starts_at=workshop.event.starts_at + datetime.timedelta(days=7),
        ends_at=workshop.event.ends_at + datetime.timedelta(days=7),
        online_link="https://meet.example.org/dropin",
        capacity=30,
    )
    hold(workshop.event)
    calendar = icalendar.Calendar.from_ical(_ics(workshop, "initiative_ics"))
    uids = [str(v["UID"]) for v in calendar.walk("VEVENT")]
    assert uids == [f"event-{later.pk}@127.0.0.1"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["LOCATION"]) == "https://meet.example.org/dropin"
