"""Co-management: a board with seats by side, a meeting, decisions into the record."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import World, add_member, make_user
from coproduce.comanagement import services
from coproduce.comanagement.models import BallotOnBoard, BoardDecision
from coproduce.core.vocabulary import Role, Side, StageKind
from coproduce.initiatives import services as initiatives
from coproduce.record.models import Decision

BOARDS_DECISIONS = "Valley trust: "  # the board's, in the record beside the initiative's own


@pytest.fixture
def trust(world: World) -> dict[str, Any]:
    stage = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_MANAGEMENT
    )
    board = services.board_create(
        actor=world.coordinator, initiative=world.initiative, stage=stage, name="Valley trust"
    )
    residents = [make_user(f"r{i}", display_name=f"Resident {i}") for i in range(3)]
    for person in residents:
        add_member(world.initiative, person)
    officer = make_user("officer", display_name="Council officer")
    add_member(
        world.initiative, officer, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL
    )
    services.seat_add(actor=world.coordinator, board=board, person=residents[0], role="chair")
    for person in [*residents[1:], officer]:
        services.seat_add(actor=world.coordinator, board=board, person=person)
    meeting = services.meeting_schedule(
        actor=residents[0],
        board=board,
        held_at=timezone.now() - datetime.timedelta(hours=2),
        agenda="1. The hall's opening hours",
    )
    services.meeting_record(
        actor=residents[0], meeting=meeting, attendees=[*residents, officer], minutes="Agreed."
    )
    return {"board": board, "meeting": meeting, "residents": residents, "officer": officer}


def test_a_vote_is_recorded_with_who_voted_and_the_sides(trust: dict[str, Any]) -> None:
    chair, r1, r2 = trust["residents"]
    officer = trust["officer"]
    decision = services.board_decide(
        actor=chair,
        meeting=trust["meeting"],
        title="Open the hall on Sundays",
        rule="vote",
        initiated_by=r1,
        votes={chair: "for", r1: "for", r2: "against", officer: "abstain"},
    )
    assert decision.carried is True
    record = Decision.objects.get(title__startswith=BOARDS_DECISIONS)
    assert (
        record.title,
        record.rule,
        record.decided_by,
        record.initiated_by,
        record.participants_citizen,
        record.participants_professional,
    ) == ("Valley trust: Open the hall on Sundays", "vote", "joint", r1, 3, 1)
    assert record.outcome == "Carried by 2 for, 1 against, 1 abstaining."
    assert dict(BallotOnBoard.objects.values_list("person__username", "vote")) == {
        "r0": "for",
        "r1": "for",
        "r2": "against",
        "officer": "abstain",
    }


def test_every_person_present_must_vote_and_only_they(trust: dict[str, Any]) -> None:
    chair, r1, _ = trust["residents"]
    with pytest.raises(ValidationError, match="Give the vote of each person present"):
        services.board_decide(
            actor=chair,
            meeting=trust["meeting"],
            title="Sell the minibus",
            rule="vote",
            initiated_by=r1,
            votes={chair: "for", r1: "for"},
        )
    assert (
        not BoardDecision.objects.exists()
        and not Decision.objects.filter(title__startswith=BOARDS_DECISIONS).exists()
    )


def test_consensus_counts_everyone_present_and_others_cannot_run_the_meeting(
    trust: dict[str, Any], world: World
) -> None:
    chair, r1, _ = trust["residents"]
    with pytest.raises(PermissionDenied):
        services.board_decide(
            actor=r1, meeting=trust["meeting"], title="X", rule="consensus", initiated_by=r1
        )
    with pytest.raises(ValidationError, match="Name only people who sit on this board"):
        services.meeting_record(
            actor=chair, meeting=trust["meeting"], attendees=[world.outsider], minutes=""
        )
    services.board_decide(
        actor=chair,
        meeting=trust["meeting"],
        title="New caretaker",
        rule="consensus",
        initiated_by=chair,
    )
    record = Decision.objects.get(title__startswith=BOARDS_DECISIONS)
    assert (record.rule, record.participants_citizen, record.participants_professional) == (
        "consensus",
        3,
        1,
    )


def test_only_members_get_seats_once(trust: dict[str, Any], world: World) -> None:
    with pytest.raises(ValidationError, match="No member of this initiative has that username"):
        services.seat_add(actor=world.coordinator, board=trust["board"], person=world.outsider)
    with pytest.raises(ValidationError, match="already sits on this board"):
        services.seat_add(actor=world.coordinator, board=trust["board"], person=trust["officer"])
    with pytest.raises(PermissionDenied):
        services.seat_add(actor=trust["residents"][0], board=trust["board"], person=world.member)
    assert trust["board"].seats.count() == 4


def test_the_pages_render_in_welsh(client: Any, world: World, trust: dict[str, Any]) -> None:
    chair = trust["residents"][0]
    services.board_decide(
        actor=chair,
        meeting=trust["meeting"],
        title="Open the hall on Sundays",
        rule="consensus",
        initiated_by=chair,
    )
    client.force_login(chair)
    client.cookies["django_language"] = "cy"
    base = f"/initiatives/{world.initiative.slug}/boards/"
    pages = {
        base: "Byrddau a phwyllgorau",
        f"{base}{trust['board'].pk}/": "Trefnu cyfarfod",
        f"{base}meetings/{trust['meeting'].pk}/": "Cofnodi penderfyniad",
    }
    texts = {url: client.get(url).content.decode() for url in pages}
    # in Welsh: the page's own words, and the frame's ("Sign out" is "Allgofnodi")
    assert {url: welsh in texts[url] for url, welsh in pages.items()} == dict.fromkeys(pages, True)
    assert "Pasiwyd" in texts[f"{base}meetings/{trust['meeting'].pk}/"]
    assert [url for url, text in texts.items() if "Sign out" in text] == []
