"""Co-management through the REST API."""

import datetime
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from conftest import World, add_member, make_user
from coproduce.comanagement.models import BoardDecision, Meeting, Seat
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives
from coproduce.record.models import Decision


def test_a_board_set_up_met_and_decided_through_the_api(api: APIClient, world: World) -> None:
    stage = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_MANAGEMENT
    )
    chair, resident = make_user("chair"), make_user("resident")
    for person in (chair, resident):
        add_member(world.initiative, person)
    base = f"/api/v1/initiatives/{world.initiative.slug}/"
    api.force_authenticate(world.member)
    refused = api.post(base + "boards/", {"name": "Trust", "stage": stage.pk}, format="json")
    assert refused.status_code == 403
    api.force_authenticate(world.coordinator)
    wrong = api.post(base + "boards/", {"name": "Trust", "stage": world.stage.pk}, format="json")
    assert (wrong.status_code, wrong.json()["stage"]) == (
        400,
        ["Choose this initiative's co-management stage."],
    )
    board = api.post(base + "boards/", {"name": "Trust", "stage": stage.pk}, format="json").json()
    seat = api.post(
        base + f"boards/{board['id']}/seats/", {"person": "chair", "role": "chair"}, format="json"
    )
    assert (seat.status_code, seat.json()["side"], seat.json()["role"]) == (201, "citizen", "chair")
    api.post(base + f"boards/{board['id']}/seats/", {"person": "resident"}, format="json")
    outsider_seat = api.post(
        base + f"boards/{board['id']}/seats/", {"person": "outsider"}, format="json"
    )
    assert outsider_seat.json() == {"person": ["No member of this initiative has that username."]}
    assert Seat.objects.count() == 2

    api.force_authenticate(chair)
    held_at = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    meeting = api.post(
        base + "meetings/",
        {"board": board["id"], "held_at": held_at, "agenda": "Opening hours"},
        format="json",
    ).json()
    present = api.post(
        base + f"meetings/{meeting['id']}/attendance/",
        {"attendees": ["chair", "resident"], "minutes": "Agreed Sundays."},
        format="json",
    )
    assert present.json()["attendees"] == ["chair", "resident"]
    half: dict[str, Any] = {"title": "Open on Sundays", "rule": "vote", "initiated_by": "resident"}
    missing = api.post(
        base + f"meetings/{meeting['id']}/decide/",
        {**half, "votes": {"chair": "for"}},
        format="json",
    )
    assert missing.status_code == 400 and not BoardDecision.objects.exists()
    decided = api.post(
        base + f"meetings/{meeting['id']}/decide/",
        {**half, "votes": {"chair": "for", "resident": "against"}},
        format="json",
    )
    assert (decided.status_code, decided.json()["carried"]) == (201, False)
    assert sorted((v["person"], v["vote"]) for v in decided.json()["votes"]) == [
        ("chair", "for"),
        ("resident", "against"),
    ]
    record = Decision.objects.get()
    assert (record.rule, record.participants_citizen, record.initiated_by) == ("vote", 2, resident)

    api.force_authenticate(resident)  # not the chair: cannot run the meeting
    assert (
        api.post(
            base + f"meetings/{meeting['id']}/attendance/",
            {"attendees": ["resident"], "minutes": "Changed"},
            format="json",
        ).status_code
        == 403
    )
    assert Meeting.objects.get().minutes == "Agreed Sundays."
    api.force_authenticate(None)
    shown = api.get(base + f"meetings/{meeting['id']}/").json()
    assert (shown["minutes"], len(shown["decisions"])) == ("Agreed Sundays.", 1)


def test_votes_naming_no_one_get_the_answer_for_someone_absent(
    api: APIClient, world: World
) -> None:
    stage = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_MANAGEMENT
    )
    api.force_authenticate(world.coordinator)
    base = f"/api/v1/initiatives/{world.initiative.slug}/"
    board = api.post(base + "boards/", {"name": "Trust", "stage": stage.pk}, format="json").json()
    api.post(base + f"boards/{board['id']}/seats/", {"person": "member"}, format="json")
    held_at = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    meeting = api.post(
        base + "meetings/",
        {"board": board["id"], "held_at": held_at, "agenda": "Budget"},
        format="json",
    ).json()
    api.post(
        base + f"meetings/{meeting['id']}/attendance/",
        {"attendees": ["member"], "minutes": ""},
        format="json",
    )
    for name in ("nobody", "bad\x00name", "x" * 200):
        answer = api.post(
            base + f"meetings/{meeting['id']}/decide/",
            {"title": "T", "rule": "vote", "initiated_by": "member", "votes": {name: "for"}},
            format="json",
        )
        assert answer.status_code == 400
        # as for someone who is not at the meeting: no answer says who exists
        assert answer.json()["votes"] == [
            "Give the vote of each person present: for, against or abstain."
        ]
    assert not BoardDecision.objects.exists()
