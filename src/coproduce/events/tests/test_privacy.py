"""Access needs are seen by the initiative's coordinators alone: never on public pages, in
the API for anyone, or in a calendar file. Private initiatives' events answer 404."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import make_initiative, make_user
from coproduce.events import services
from coproduce.events.tests.conftest import Workshop, hold

pytestmark = pytest.mark.django_db

SECRET = "Needs-a-step-free-route-7731"


def _pages(workshop: Workshop) -> list[str]:
    slug, pk = workshop.world.initiative.slug, workshop.event.pk
    return [
        reverse("events:list", kwargs={"slug": slug}),
        reverse("events:detail", kwargs={"slug": slug, "pk": pk}),
        reverse("events:ics", kwargs={"slug": slug, "pk": pk}),
        reverse("events:initiative_ics", kwargs={"slug": slug}),
        reverse("initiatives:detail", kwargs={"slug": slug}),
        f"/api/v1/initiatives/{slug}/events/",
        f"/api/v1/initiatives/{slug}/events/{pk}/",
        f"/api/v1/initiatives/{slug}/events/{pk}/attendance/",
    ]


def test_access_needs_reach_only_the_coordinators_page(workshop: Workshop) -> None:
    world, event = workshop.world, workshop.event
    person, facilitator = workshop.residents[:2]
    services.event_update(actor=world.coordinator, event=event, facilitators=[facilitator])
    services.event_register(actor=person, event=event, access_needs=["bsl"], access_notes=SECRET)
    for viewer in (None, person, facilitator, world.member, world.coordinator, world.staff):
        client = APIClient()
        if viewer is not None:
            client.force_login(viewer)
        for url in _pages(workshop):
            body = client.get(url).content.decode()
            assert SECRET not in body and "British Sign Language interpreter" not in body, (
                viewer,
                url,
            )
    registrations = reverse(
        "events:registrations", kwargs={"slug": world.initiative.slug, "pk": event.pk}
    )
    coordinator = APIClient()
    coordinator.force_login(world.coordinator)
    page = coordinator.get(registrations).content.decode()
    assert SECRET in page and "A British Sign Language interpreter" in page
    for viewer in (person, facilitator, world.member, world.staff, world.other_coordinator):
        refused = Client()
        refused.force_login(viewer)
        assert refused.get(registrations).status_code == 403


def test_the_api_registration_answer_carries_no_access_needs(workshop: Workshop) -> None:
    client = APIClient()
    client.force_login(workshop.residents[0])
    url = (
        f"/api/v1/initiatives/{workshop.world.initiative.slug}/events/{workshop.event.pk}/register/"
    )
    response = client.post(url, {"access_needs": ["bsl"], "access_notes": SECRET}, format="json")
    assert response.status_code == 201
    assert set(response.json()) == {"id", "event", "status", "waiting_position"}


def test_a_private_initiatives_events_are_not_found_by_others(workshop: Workshop) -> None:
    owner = make_user("owner")
    private = make_initiative(owner, title="Closed circle", visibility="members")
    stage = private.stages.get()
    event = services.event_create(
        actor=owner,
        initiative=private,
        stage=stage,
        format="workshop",
        title="Closed",
        description="For members.",
        starts_at=workshop.event.starts_at,
        ends_at=workshop.event.ends_at,
        place="Room",
        capacity=5,
    )
    urls = [
        reverse("events:list", kwargs={"slug": private.slug}),
        reverse("events:detail", kwargs={"slug": private.slug, "pk": event.pk}),
        reverse("events:ics", kwargs={"slug": private.slug, "pk": event.pk}),
        reverse("events:initiative_ics", kwargs={"slug": private.slug}),
        f"/api/v1/initiatives/{private.slug}/events/{event.pk}/",
        # another initiative's event, reached through this one's address
        reverse("events:detail", kwargs={"slug": workshop.world.initiative.slug, "pk": event.pk}),
    ]
    client = APIClient()
    client.force_login(workshop.world.member)
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_titles_are_escaped(workshop: Workshop) -> None:
    services.event_update(
        actor=workshop.world.coordinator, event=workshop.event, title="<img src=x onerror=alert(1)>"
    )
    hold(workshop.event)
    body = (
        Client()
        .get(
            reverse(
                "events:detail",
                kwargs={"slug": workshop.world.initiative.slug, "pk": workshop.event.pk},
            )
        )
        .content.decode()
    )
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body


def test_the_admin_has_no_page_for_registrations() -> None:
    """Staff would read access needs there; events are run from the coordinators' pages."""
    from django.contrib import admin

    from coproduce.events.models import Attendance, Event, Registration

    assert not any(admin.site.is_registered(m) for m in (Event, Registration, Attendance))
