"""Attendance and minutes are written apart; names of people outside the board or the
initiative get the answer a username no one has gets."""

import datetime
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import World, add_member, make_user
from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.comanagement import services
from coproduce.comanagement.models import BoardDecision, Meeting, Seat
from coproduce.core.dates import TOO_EARLY, TOO_LATE
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives


@pytest.fixture
def board(world: World) -> dict[str, Any]:
    """A board chaired by ``chair`` with ``resident`` on it, and a meeting an hour ago."""
    stage = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_MANAGEMENT
    )
    the_board = services.board_create(
        actor=world.coordinator, initiative=world.initiative, stage=stage, name="Trust"
    )
    chair, resident = make_user("chair"), make_user("resident")
    for person in (chair, resident):
        add_member(world.initiative, person)
    services.seat_add(actor=world.coordinator, board=the_board, person=chair, role="chair")
    services.seat_add(actor=world.coordinator, board=the_board, person=resident)
    add_member(world.other, make_user("hidden", display_name="Hidden Name"))
    meeting = services.meeting_schedule(
        actor=chair,
        board=the_board,
        held_at=timezone.now() - datetime.timedelta(hours=1),
        agenda="Opening hours",
    )
    return {"board": the_board, "meeting": meeting, "chair": chair, "resident": resident}


def test_attendance_recorded_later_leaves_the_minutes_and_the_other_way(
    api: APIClient, world: World, board: dict[str, Any]
) -> None:
    api.force_authenticate(board["chair"])
    url = f"/api/v1/initiatives/{world.initiative.slug}/meetings/{board['meeting'].pk}/attendance/"
    written = api.post(url, {"minutes": "Agreed Sundays."}, format="json")
    assert (written.status_code, written.json()["minutes"]) == (200, "Agreed Sundays.")
    came = api.post(url, {"attendees": ["chair", "resident"]}, format="json")
    assert (came.status_code, came.json()["minutes"]) == (200, "Agreed Sundays.")
    revised = api.post(url, {"minutes": "Agreed Sundays, from May."}, format="json")
    assert revised.json()["attendees"] == ["chair", "resident"]
    meeting = Meeting.objects.get()
    assert (meeting.minutes, sorted(meeting.attendees.values_list("username", flat=True))) == (
        "Agreed Sundays, from May.",
        ["chair", "resident"],
    )
    empty = api.post(url, {}, format="json")
    assert (empty.status_code, empty.json()) == (
        400,
        {"attendees": ["Give who came, or the minutes, or both."]},
    )


def test_the_meeting_page_saves_attendance_and_minutes_apart(
    client, world: World, board: dict[str, Any]
) -> None:
    client.force_login(board["chair"])
    url = f"/initiatives/{world.initiative.slug}/boards/meetings/{board['meeting'].pk}/"
    assert client.post(url, {"write_minutes": "1", "minutes": "Agreed."}).status_code == 302
    came = {"attendance": "1", "attendees": [board["chair"].pk, board["resident"].pk]}
    assert client.post(url, came).status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.minutes, meeting.attendees.count()) == ("Agreed.", 2)
    assert client.post(url, {"write_minutes": "1", "minutes": "Agreed, twice."}).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.attendees.count()) == ("Agreed, twice.", 2)


def test_people_outside_the_board_look_like_no_one(
    api: APIClient, world: World, board: dict[str, Any]
) -> None:
    base = f"/api/v1/initiatives/{world.initiative.slug}/"
    api.force_authenticate(world.coordinator)
    seats = [
        api.post(base + f"boards/{board['board'].pk}/seats/", {"person": name}, format="json")
        for name in ("hidden", "nobody-at-all")
    ]
    assert [(a.status_code, a.json()) for a in seats] == [(400, {"person": [NO_SUCH_MEMBER]})] * 2
    assert Seat.objects.count() == 2
    api.force_authenticate(board["chair"])
    meeting = f"{base}meetings/{board['meeting'].pk}/"
    came = [
        api.post(meeting + "attendance/", {"attendees": ["chair", name]}, format="json")
        for name in ("hidden", "nobody-at-all")
    ]
    not_seated = {"attendees": ["Name only people who sit on this board."]}
    assert [(a.status_code, a.json()) for a in came] == [(400, not_seated)] * 2
    assert "Hidden" not in came[0].content.decode()
    assert Meeting.objects.get().attendees.count() == 0
    api.post(meeting + "attendance/", {"attendees": ["chair"]}, format="json")
    proposed = [
        api.post(
            meeting + "decide/",
            {"title": "T", "rule": "consensus", "initiated_by": name},
            format="json",
        )
        for name in ("resident", "hidden", "nobody-at-all")  # absent; elsewhere; no one
    ]
    absent = {"initiated_by": ["The proposer must be at the meeting."]}
    assert [(a.status_code, a.json()) for a in proposed] == [(400, absent)] * 3
    assert not BoardDecision.objects.exists()


def test_a_meeting_in_9999_or_year_one_is_refused(
    api: APIClient, world: World, board: dict[str, Any]
) -> None:
    api.force_authenticate(board["chair"])
    meetings = f"/api/v1/initiatives/{world.initiative.slug}/meetings/"
    answers = [
        api.post(
            meetings,
            {"board": board["board"].pk, "held_at": held_at, "agenda": "Budget"},
            format="json",
        )
        for held_at in ("9999-06-01T10:00:00Z", "0001-01-01T10:00:00Z")
    ]
    assert [(a.status_code, a.json()) for a in answers] == [
        (400, {"held_at": [TOO_LATE]}),
        (400, {"held_at": [TOO_EARLY]}),
    ]
    assert Meeting.objects.count() == 1  # the fixture's
