"""A board's decisions and meetings in the record: each person present as they took part,
on their seat's side, the motion's mover as initiator, the board decision as the source;
and each person at a meeting giving its length in time, counted once."""

import datetime
from typing import Any

from django.db.models import Q, Sum
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import World
from coproduce.comanagement import services
from coproduce.comanagement.models import BoardDecision, Meeting
from coproduce.comanagement.tests.test_boards import trust  # noqa: F401  (fixture)
from coproduce.initiatives import services as initiatives
from coproduce.record.models import Contribution, Decision


def _rows(decision: Decision) -> list[tuple[str, str, str]]:
    """The participant rows: (username, side, position), by username."""
    return sorted(decision.participants.values_list("person__username", "side", "position"))


def _source(entry: Any) -> tuple[str, str, int]:
    """The entry's source: app label, model, id."""
    return (entry.source_type.app_label, entry.source_type.model, entry.source_id)


def test_a_vote_is_recorded_person_by_person_with_its_source_and_mover(
    trust: dict[str, Any],  # noqa: F811
) -> None:
    chair, r1, r2 = trust["residents"]
    officer = trust["officer"]
    decision = services.board_decide(
        actor=chair,
        meeting=trust["meeting"],
        title="Sell the minibus",
        rule="vote",
        initiated_by=r2,
        votes={chair: "against", r1: "for", r2: "for", officer: "against"},
    )
    entry = Decision.objects.get(title__startswith="Valley trust: ")
    assert _rows(entry) == [
        ("officer", "regular_producer", "against"),
        ("r0", "citizen", "against"),
        ("r1", "citizen", "for"),
        ("r2", "citizen", "for"),
    ]
    assert (entry.carried, decision.carried, entry.kind, entry.rule, entry.decided_by) == (
        False,
        False,
        "decision",
        "vote",
        "joint",
    )
    assert (entry.initiated_by, entry.initiated_by_side, entry.recorded_by) == (
        r2,
        "citizen",
        chair,
    )
    assert (entry.participants_citizen, entry.participants_professional) == (3, 1)
    assert _source(entry) == ("comanagement", "boarddecision", decision.pk)
    assert BoardDecision.objects.get().record == entry
    assert entry.outcome == "Not carried by 2 for, 2 against, 0 abstaining."


def test_consensus_records_everyone_present_as_present(trust: dict[str, Any]) -> None:  # noqa: F811
    chair, r1, _ = trust["residents"]
    decision = services.board_decide(
        actor=chair,
        meeting=trust["meeting"],
        title="New caretaker",
        rule="consensus",
        initiated_by=r1,
    )
    entry = Decision.objects.get(title__startswith="Valley trust: ")
    assert _rows(entry) == [
        ("officer", "regular_producer", "present"),
        ("r0", "citizen", "present"),
        ("r1", "citizen", "present"),
        ("r2", "citizen", "present"),
    ]
    assert (entry.carried, entry.initiated_by, decision.record_id) == (True, r1, entry.pk)
    assert _source(entry) == ("comanagement", "boarddecision", decision.pk)


def test_the_side_is_the_seat_s_when_the_member_has_changed_side_since(
    trust: dict[str, Any],  # noqa: F811
    world: World,
) -> None:
    chair, _, r2 = trust["residents"]

    initiatives.side_change_request(
        actor=r2, initiative=world.initiative, side="political", role="councillor"
    )
    initiatives.side_change_decide(
        actor=world.coordinator,
        membership=world.initiative.memberships.get(user=r2),
        approve=True,
    )
    services.board_decide(
        actor=chair,
        meeting=trust["meeting"],
        title="Paint the hall",
        rule="consensus",
        initiated_by=chair,
    )
    entry = Decision.objects.get(title__startswith="Valley trust: ")
    assert ("r2", "citizen", "present") in _rows(entry)


def test_attendance_writes_each_person_s_time_once(trust: dict[str, Any]) -> None:  # noqa: F811
    meeting: Meeting = trust["meeting"]
    chair, r1, r2 = trust["residents"]
    officer = trust["officer"]
    entries = Contribution.objects.filter(source_id=meeting.pk, source_type__model="meeting")
    shown = ("contributor__username", "side", "quantity", "paid", "recorded_by__username")
    assert sorted(entries.values_list(*shown, "stage__kind")) == [
        ("officer", "regular_producer", 90, True, "r0", "co_management"),
        ("r0", "citizen", 90, False, "r0", "co_management"),
        ("r1", "citizen", 90, False, "r0", "co_management"),
        ("r2", "citizen", 90, False, "r0", "co_management"),
    ]
    assert {_source(e) for e in entries} == {("comanagement", "meeting", meeting.pk)}
    assert {e.occurred_on for e in entries} == {timezone.localtime(meeting.held_at).date()}
    services.meeting_record(actor=chair, meeting=meeting, attendees=[chair, r1, r2, officer])
    assert entries.count() == 4
    services.meeting_record(actor=chair, meeting=meeting, attendees=[chair, r1, officer])
    assert _net(meeting) == {"officer": 90, "r0": 90, "r1": 90, "r2": 0}
    reversal = Contribution.objects.get(quantity__lt=0)
    assert (reversal.reason, reversal.recorded_by, reversal.contributor, reversal.quantity) == (
        services.NOT_THERE,
        chair,
        r2,
        -90,
    )
    assert sorted(meeting.attendees.values_list("username", flat=True)) == ["officer", "r0", "r1"]
    services.meeting_record(actor=chair, meeting=meeting, attendees=[chair, r1, r2, officer])
    assert _net(meeting) == {"officer": 90, "r0": 90, "r1": 90, "r2": 90}
    assert Contribution.objects.filter(kind="time").count() == 6


def _net(meeting: Meeting) -> dict[str, int]:
    """Each person's time at the meeting in the record, its reversals netted out."""
    written = Contribution.objects.filter(source_type__model="meeting", source_id=meeting.pk)
    entries = Contribution.objects.filter(Q(pk__in=written) | Q(reverses__in=written))
    return dict(entries.values_list("contributor__username").annotate(n=Sum("quantity")).order_by())


def test_a_meeting_s_length_is_given_on_the_page_and_in_the_api(
    client: Any,
    api: APIClient,
    world: World,
    trust: dict[str, Any],  # noqa: F811
) -> None:
    board, chair = trust["board"], trust["residents"][0]
    held = timezone.localtime(timezone.now() - datetime.timedelta(days=1)).replace(
        second=0, microsecond=0
    )
    client.force_login(chair)
    page = f"/initiatives/{world.initiative.slug}/boards/{board.pk}/"
    form = {"schedule": "1", "held_at": held.strftime("%Y-%m-%dT%H:%M"), "agenda": "Budget"}
    assert client.post(page, {**form, "length_minutes": "150"}).status_code == 302
    assert client.post(page, {**form, "length_minutes": "0"}).status_code == 400
    budget = Meeting.objects.get(agenda="Budget")
    shown = client.get(f"/initiatives/{world.initiative.slug}/boards/meetings/{budget.pk}/")
    assert f"{held:%H:%M} · 150 minutes</p>" in shown.content.decode()
    api.force_authenticate(chair)
    url = f"/api/v1/initiatives/{world.initiative.slug}/meetings/"
    made = api.post(
        url,
        {"board": board.pk, "held_at": held.isoformat(), "agenda": "Rota", "length_minutes": 45},
        format="json",
    )
    too_long = api.post(
        url,
        {"board": board.pk, "held_at": held.isoformat(), "agenda": "Rota", "length_minutes": 721},
        format="json",
    )
    assert (made.status_code, made.json()["length_minutes"]) == (201, 45)
    assert (too_long.status_code, too_long.json()) == (
        400,
        {"length_minutes": [services.MEETING_LENGTH]},
    )
    assert sorted(Meeting.objects.values_list("agenda", "length_minutes")) == [
        ("1. The hall's opening hours", 90),
        ("Budget", 150),
        ("Rota", 45),
    ]
    came = api.post(f"{url}{made.json()['id']}/attendance/", {"attendees": ["r0"]}, format="json")
    assert came.status_code == 200
    assert (
        Contribution.objects.get(source_id=made.json()["id"], source_type__model="meeting").quantity
        == 45
    )
