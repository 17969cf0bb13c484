"""A panel's sessions are the initiative's events: attendance is taken there and is the
attendees' time in the record once (the events app writes it; the panel only links)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, add_member, make_user
from coproduce.events.services import attendance_take, event_create
from coproduce.events.tests.conftest import hold
from coproduce.panels import selectors, services
from coproduce.panels.models import Session
from coproduce.panels.tests.conftest import Jury, make_event
from coproduce.record.models import Contribution


def test_a_session_shows_the_attendance_its_event_recorded(jury: Jury) -> None:
    world, panel = jury.world, jury.panel
    event = make_event(world, title="Evidence day")
    services.session_add(actor=world.coordinator, panel=panel, event=event)
    juror = make_user("juror", display_name="Jo Juror")
    add_member(world.initiative, juror)
    hold(event)
    attendance_take(actor=world.coordinator, event=event, present={juror: None, world.member: 90})

    [row] = selectors.sessions(panel)
    assert (row.event.pk, row.attended, row.minutes) == (event.pk, 2, 210)
    # each attendee's time is in the record once: the event's contribution, no copy
    time = Contribution.objects.filter(initiative=world.initiative, contributor=juror)
    assert list(time.values_list("quantity", flat=True)) == [120]

    client = Client()
    page = client.get(reverse("panels:detail", args=[world.initiative.slug, panel.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Evidence day" in text
    assert "2 people came, 3.5 hours recorded" in text


def test_only_the_initiatives_unlinked_events_become_sessions(jury: Jury) -> None:
    world, panel = jury.world, jury.panel
    elsewhere = event_create(
        actor=world.other_coordinator,
        initiative=world.other,
        stage=world.other_stage,
        format="panel_session",
        title="Not ours",
        description="Another initiative's meeting.",
        starts_at=make_event(world).starts_at,
        ends_at=make_event(world).ends_at,
        place="Town hall",
        capacity=10,
    )
    with pytest.raises(ValidationError) as refused:
        services.session_add(actor=world.coordinator, panel=panel, event=elsewhere)
    assert refused.value.message_dict == {"event": ["Choose one of this initiative's events."]}

    event = make_event(world, title="Second session")
    services.session_add(actor=world.coordinator, panel=panel, event=event)
    with pytest.raises(ValidationError) as twice:
        services.session_add(actor=world.coordinator, panel=panel, event=event)
    assert twice.value.message_dict == {"event": ["That event is already a session of a panel."]}
    assert Session.objects.filter(panel=panel).count() == 1
    assert event not in selectors.events_to_add(panel)


def test_a_member_cannot_add_a_session(jury: Jury) -> None:
    world, panel = jury.world, jury.panel
    event = make_event(world)
    with pytest.raises(PermissionDenied):
        services.session_add(actor=world.member, panel=panel, event=event)
    assert not Session.objects.exists()


def test_the_session_form_lists_the_events_and_refuses_others(jury: Jury) -> None:
    world, panel = jury.world, jury.panel
    event = make_event(world, title="Opening session")
    client = Client()
    client.login(username=world.coordinator.username, password=PASSWORD)
    url = reverse("panels:sessions", args=[world.initiative.slug, panel.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "Opening session" in form.content.decode()
    bad = client.post(url, {"event": "999999"})
    assert bad.status_code == 400
    assert not Session.objects.exists()
    done = client.post(url, {"event": str(event.pk)})
    assert done.status_code == 302
    assert list(Session.objects.values_list("event_id", flat=True)) == [event.pk]
