"""Writes for co-management: boards, seats, meetings and their decisions."""

import datetime
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.comanagement.models import (
    BallotOnBoard,
    Board,
    BoardDecision,
    Meeting,
    Seat,
    SeatRole,
    Vote,
)
from coproduce.core import gate
from coproduce.core.dates import check_date
from coproduce.core.vocabulary import (
    DECIDING_BODY_OF_SIDE,
    DecidingBody,
    DecisionRule,
    Side,
    StageKind,
)
from coproduce.initiatives.models import Initiative, Stage
from coproduce.initiatives.selectors import active_membership_for
from coproduce.record import services as record


@transaction.atomic
def board_create(
    *, actor: Any, initiative: Initiative, stage: Stage, name: str, purpose: str = ""
) -> Board:
    gate.require(actor, "comanagement.manage_boards", initiative)
    if stage.initiative_id != initiative.pk or stage.kind != StageKind.CO_MANAGEMENT:
        raise ValidationError({"stage": "Choose this initiative's co-management stage."})
    board = Board(initiative=initiative, stage=stage, name=name, purpose=purpose)
    board.full_clean()
    board.save()
    return board


@transaction.atomic
def seat_add(*, actor: Any, board: Board, person: Any, role: str = SeatRole.MEMBER) -> Seat:
    """Put a member of the initiative on the board, on the side they act on there."""
    gate.require(actor, "comanagement.manage_boards", board.initiative)
    membership = active_membership_for(person, board.initiative)
    if membership is None:
        raise ValidationError({"person": NO_SUCH_MEMBER})
    if board.seats.filter(person=person, left_on__isnull=True).exists():
        raise ValidationError({"person": f"{person} already sits on this board."})
    seat = Seat(
        board=board, person=person, side=membership.side, role=role, joined_on=timezone.localdate()
    )
    seat.full_clean()
    seat.save()
    return seat


@transaction.atomic
def meeting_schedule(
    *, actor: Any, board: Board, held_at: datetime.datetime, agenda: str, place: str = ""
) -> Meeting:
    gate.require(actor, "comanagement.run_meeting", board)
    check_date("held_at", held_at)
    if not agenda.strip():
        raise ValidationError({"agenda": "Give the meeting an agenda."})
    meeting = Meeting(board=board, held_at=held_at, agenda=agenda, place=place)
    meeting.full_clean()
    meeting.save()
    return meeting


NOT_SEATED = "Name only people who sit on this board."
PROPOSER_PRESENT = "The proposer must be at the meeting."
EACH_VOTE = "Give the vote of each person present: for, against or abstain."


@transaction.atomic
def meeting_record(
    *,
    actor: Any,
    meeting: Meeting,
    attendees: list[Any] | None = None,
    minutes: str | None = None,
) -> Meeting:
    """Who came (board members only), or the minutes, or both: what is not given is left
    as it was, so recording attendance later never wipes the minutes (nor the other way)."""
    gate.require(actor, "comanagement.run_meeting", meeting)
    if attendees is None and minutes is None:
        raise ValidationError({"attendees": "Give who came, or the minutes, or both."})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if attendees is not None:
        seated = set(
            meeting.board.seats.filter(left_on__isnull=True).values_list("person", flat=True)
        )
        if any(p.pk not in seated for p in attendees):
            raise ValidationError({"attendees": NOT_SEATED})
        meeting.attendees.set(attendees)
    if minutes is not None:
        meeting.minutes, meeting.minutes_by = minutes, actor
        meeting.save(update_fields=["minutes", "minutes_by"])
    return meeting


@transaction.atomic
def board_decide(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    rule: str,
    initiated_by: Any,
    votes: dict[Any, str] | None = None,
    outcome: str = "",
) -> BoardDecision:
    """A decision of the board at a meeting, by vote (each attendee's vote, in the open) or by
    consensus (everyone present); written to the record with who initiated it, how many of
    each side took part and the rule."""
    gate.require(actor, "comanagement.run_meeting", meeting)
    present = {p.pk: p for p in meeting.attendees.all()}
    if not present:
        raise ValidationError({"attendees": "Record who came before recording decisions."})
    if initiated_by.pk not in present:
        raise ValidationError({"initiated_by": PROPOSER_PRESENT})
    sides = dict(meeting.board.seats.filter(left_on__isnull=True).values_list("person", "side"))
    if rule == DecisionRule.VOTE:
        votes = votes or {}
        if {p.pk for p in votes} != set(present) or any(
            v not in Vote.values for v in votes.values()
        ):
            raise ValidationError({"votes": EACH_VOTE})
        tally = Counter(votes.values())
        carried = tally[Vote.FOR] > tally[Vote.AGAINST]
        taking_part = [p.pk for p, v in votes.items()]
        result = (
            f"{'Carried' if carried else 'Not carried'} by {tally[Vote.FOR]} for, "
            f"{tally[Vote.AGAINST]} against, {tally[Vote.ABSTAIN]} abstaining."
        )
    elif rule == DecisionRule.CONSENSUS:
        carried, taking_part, result = True, list(present), "Agreed by consensus of all present."
    else:
        raise ValidationError({"rule": "A board decides by vote or by consensus."})
    by_side = Counter(sides[pk] for pk in taking_part)
    bodies = {DECIDING_BODY_OF_SIDE[Side(side)] for side in by_side}
    decided = record.decision_record(
        actor=actor,
        initiative=meeting.board.initiative,
        stage=meeting.board.stage,
        title=f"{meeting.board}: {title}"[:200],
        outcome=(f"{result} {outcome}".strip())[:4000],
        initiated_by=initiated_by,
        decided_by=bodies.pop() if len(bodies) == 1 else DecidingBody.JOINT,
        rule=rule,
        participants_citizen=by_side[Side.CITIZEN],
        participants_professional=by_side[Side.REGULAR_PRODUCER],
        participants_political=by_side[Side.POLITICAL],
        decided_on=timezone.localtime(meeting.held_at).date()
        if meeting.held_at <= timezone.now()
        else timezone.localdate(),
    )
    decision = BoardDecision.objects.create(
        meeting=meeting,
        title=title,
        rule=rule,
        initiated_by=initiated_by,
        carried=carried,
        record=decided,
    )
    if rule == DecisionRule.VOTE and votes:
        BallotOnBoard.objects.bulk_create(
            BallotOnBoard(decision=decision, person=person, vote=vote)
            for person, vote in votes.items()
        )
    return decision
