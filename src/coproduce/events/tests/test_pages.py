"""The event pages: forms that answer bad input with a 400 saying what to fix, and the
journey from registering to attendance and dot-voting."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.events import services
from coproduce.events.models import DotVote, Event, Registration
from coproduce.events.tests.conftest import Workshop, hold
from coproduce.record.models import Contribution

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(name: str, workshop: Workshop) -> str:
    return reverse(
        f"events:{name}", kwargs={"slug": workshop.world.initiative.slug, "pk": workshop.event.pk}
    )


def _form(workshop: Workshop, **changes: str) -> dict[str, Any]:
    return {
        "format": "planning_for_real",
        "title": "Model of the estate",
        "description": "Place flags on the model.",
        "starts_at": "2027-06-01T10:00",
        "ends_at": "2027-06-01T12:30",
        "place": "Hall",
        "capacity": "15",
        "support": ["childcare", "hearing_loop"],
        "stage": str(workshop.event.stage.pk),
        **changes,
    }


def test_a_coordinator_plans_an_event_in_uk_time(workshop: Workshop) -> None:
    client = _client(workshop.world.coordinator)
    url = reverse("events:create", kwargs={"slug": workshop.world.initiative.slug})
    response = client.post(url, _form(workshop))
    event = Event.objects.get(title="Model of the estate")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "events:detail", kwargs={"slug": workshop.world.initiative.slug, "pk": event.pk}
    )
    assert event.starts_at == datetime.datetime(2027, 6, 1, 9, 0, tzinfo=datetime.UTC)  # BST
    assert (event.minutes, event.support) == (150, ["childcare", "hearing_loop"])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"capacity": "1e9"}, b"Enter a whole number"),
        ({"capacity": "-3"}, b"greater than or equal to 1"),
        ({"capacity": "NaN"}, b"Enter a whole number"),
        ({"capacity": "99999999999999999999"}, b"less than or equal to 1000"),
        ({"starts_at": "99999-01-01T10:00"}, b"Enter a valid date/time"),
        ({"starts_at": "0001-01-01T00:00"}, b"from 1 January 2000"),
        ({"starts_at": "1990-01-01T10:00", "ends_at": "1990-01-01T11:00"}, b"from 1 January 2000"),
        ({"ends_at": "2027-06-01T09:00"}, b"must end after it starts"),
        ({"online_link": "javascript:alert(1)"}, b"Enter a valid URL"),
        ({"place": ""}, b"Say where the event is"),
        ({"support": ["teleport"]}, b"Select a valid choice"),
        ({"title": "x" * 201}, b"at most 200 characters"),
    ],
)
def test_bad_input_answers_400_saying_what_to_fix(workshop: Workshop, changes, message) -> None:
    client = _client(workshop.world.coordinator)
    url = reverse("events:create", kwargs={"slug": workshop.world.initiative.slug})
    response = client.post(url, _form(workshop, **changes))
    assert response.status_code == 400
    assert message in response.content
    assert b"There is a problem" in response.content
    assert Event.objects.count() == 1


def test_register_with_an_access_need_and_see_the_waiting_list_position(workshop: Workshop) -> None:
    a, b, c = workshop.residents
    for person in (a, b):
        services.event_register(actor=person, event=workshop.event)
    client = _client(c)
    assert b"Join the waiting list" in client.get(_url("detail", workshop)).content
    response = client.post(
        _url("register", workshop), {"access_needs": ["wheelchair"], "access_notes": "A ramp"}
    )
    assert response.status_code == 302
    page = client.get(_url("detail", workshop)).content.decode()
    assert "You are on the waiting list: number 1." in page
    assert (Registration.objects.get(person=c).access_needs) == ["wheelchair"]
    client.post(_url("cancel", workshop))
    assert Registration.objects.get(person=c).status == "cancelled"


def test_an_overlong_access_note_is_a_form_error(workshop: Workshop) -> None:
    client = _client(workshop.residents[0])
    response = client.post(_url("register", workshop), {"access_notes": "x" * 1001})
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_attendance_on_the_page_with_a_walk_in_and_part_time(workshop: Workshop) -> None:
    world = workshop.world
    a, b, _ = workshop.residents
    services.event_register(actor=a, event=workshop.event)
    services.event_register(actor=b, event=workshop.event)
    hold(workshop.event)
    client = _client(world.coordinator)
    page = client.get(_url("attendance", workshop)).content.decode()
    assert 'name="present"' in page and "Resident 0" in page
    response = client.post(
        _url("attendance", workshop),
        {"present": [str(a.pk)], f"minutes_{a.pk}": "90", "walk_in": "Mo Member"},
    )
    assert response.status_code == 302
    assert sorted(Contribution.objects.values_list("contributor__username", "quantity")) == [
        ("member", 120),
        ("r0", 90),
    ]
    response = client.post(_url("attendance", workshop), {"walk_in": "member"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "walk_in": ["No member of this initiative is called “member”. Did you mean Mo Member?"]
    }
    assert Contribution.objects.count() == 2


def test_notes_keep_line_breaks_and_are_escaped(workshop: Workshop) -> None:
    client = _client(workshop.world.coordinator)
    response = client.post(
        _url("outputs", workshop), {"part": "notes", "notes": "Agreed:\n<script>x</script>"}
    )
    assert response.status_code == 302
    page = client.get(_url("detail", workshop)).content.decode()
    assert '<div class="notes">Agreed:\n&lt;script&gt;x&lt;/script&gt;</div>' in page


def test_dots_are_entered_per_attendee_and_checked(workshop: Workshop) -> None:
    world, event = workshop.world, workshop.event
    a = workshop.residents[0]
    hold(event)
    services.attendance_take(actor=world.coordinator, event=event, present={a: None})
    client = _client(world.coordinator)
    response = client.post(
        _url("outputs", workshop),
        {"part": "options", "dots_per_person": "2", "options": "Benches\nTrees"},
    )
    assert response.status_code == 302
    benches, trees = event.dot_options.all()
    too_many = {"person": str(a.pk), f"option_{benches.pk}": "2", f"option_{trees.pk}": "1"}
    response = client.post(_url("dots", workshop), too_many)
    assert response.status_code == 400
    assert b"placed 3 dots; each has 2" in response.content
    assert DotVote.objects.count() == 0
    response = client.post(_url("dots", workshop), {"person": str(a.pk), f"option_{trees.pk}": "2"})
    assert response.status_code == 302
    page = client.get(_url("detail", workshop)).content.decode()
    assert "<caption>Dots per option</caption>" in page
    assert "<tr><td>Trees</td><td>2</td></tr>" in page


def test_the_initiative_page_shows_the_next_events(workshop: Workshop) -> None:
    slug = workshop.world.initiative.slug
    page = Client().get(reverse("initiatives:detail", kwargs={"slug": slug})).content.decode()
    assert "Planning for Real: the riverside</a>: Planning for Real," in page
    assert "Plan an event" not in page
    coordinator = _client(workshop.world.coordinator)
    page = coordinator.get(reverse("initiatives:detail", kwargs={"slug": slug})).content.decode()
    assert "Plan an event" in page


def test_every_event_page_in_welsh(workshop: Workshop) -> None:
    world, event = workshop.world, workshop.event
    a = workshop.residents[0]
    services.event_register(actor=a, event=event, access_needs=["bsl"])
    hold(event)
    services.attendance_take(actor=world.coordinator, event=event, present={a: None})
    services.dot_voting_set_up(
        actor=world.coordinator, event=event, dots_per_person=2, options=["Benches", "Trees"]
    )
    client = _client(world.coordinator)
    client.cookies["django_language"] = "cy"
    slug = world.initiative.slug
    pages = {
        reverse("events:list", kwargs={"slug": slug}): "<h1>Gweithdai a digwyddiadau</h1>",
        reverse("events:create", kwargs={"slug": slug}): "<h1>Digwyddiad newydd</h1>",
        _url("detail", workshop): "Daeth 1 person.",
        _url("edit", workshop): "<h1>Newid Planning for Real: the riverside</h1>",
        _url("registrations", workshop): "Dehonglydd Iaith Arwyddion Prydain",
        _url("attendance", workshop): "<legend>Pwy ddaeth</legend>",
        _url("outputs", workshop): "<h2>Dewisiadau pleidleisio â dotiau</h2>",
        _url("dots", workshop): "Mae gan bob mynychwr 2 ddot",
    }
    for url, welsh in pages.items():
        response = client.get(url)
        text = response.content.decode()
        assert (url, response.status_code, welsh in text) == (url, 200, True)
        for english in ("Back to the event", "Workshops and events", "Sign out", "Save"):
            assert english not in text, (url, english)
    response = client.post(
        _url("outputs", workshop), {"part": "options", "dots_per_person": "2", "options": "One"}
    )
    assert response.status_code == 400
    assert "Rhowch rhwng 2 a 30 o ddewisiadau, un ar bob llinell." in response.content.decode()
