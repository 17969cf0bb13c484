"""Writes for co-management: boards, seats, meetings and their decisions."""

import datetime
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.comanagement import selectors
from coproduce.comanagement.models import (
    MEETING_LENGTH_DEFAULT,
    MEETING_LENGTH_MAX,
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
    ContributionKind,
    DecidingBody,
    DecisionRule,
    Position,
    Side,
    StageKind,
    Unit,
)
from coproduce.initiatives.models import Initiative, Stage
from coproduce.initiatives.selectors import standing
from coproduce.record import services as record
from coproduce.record.services import Participant

# How an open vote on the board stands in the record's participant rows.
POSITION_OF_VOTE: dict[str, str] = {
    Vote.FOR: Position.FOR,
    Vote.AGAINST: Position.AGAINST,
    Vote.ABSTAIN: Position.ABSTAINED,
}


@transaction.atomic
def board_create(
    *, actor: Any, initiative: Initiative, stage: Stage, name: str, purpose: str = ""
) -> Board:
    gate.require(actor, "comanagement.manage_boards", initiative)
    if stage.initiative_id != initiative.pk or stage.kind != StageKind.CO_MANAGEMENT:
        raise ValidationError({"stage": _("Choose this initiative's co-management stage.")})
    board = Board(initiative=initiative, stage=stage, name=name, purpose=purpose)
    board.full_clean()
    board.save()
    return board


@transaction.atomic
def seat_add(*, actor: Any, board: Board, person: Any, role: str = SeatRole.MEMBER) -> Seat:
    """Put a member of the initiative on the board, on the side they act on there."""
    gate.require(actor, "comanagement.manage_boards", board.initiative)
    member = standing(person, board.initiative)
    if not member.active:
        raise ValidationError({"person": NO_SUCH_MEMBER})
    if board.seats.filter(person=person, left_on__isnull=True).exists():
        raise ValidationError(
            {"person": _("%(person)s already sits on this board.") % {"person": person}}
        )
    seat = Seat(
        board=board, person=person, side=member.side, role=role, joined_on=timezone.localdate()
    )
    seat.full_clean()
    seat.save()
    return seat


MEETING_LENGTH = gettext_lazy("Give the meeting's length: between 1 minute and 12 hours.")


@transaction.atomic
def meeting_schedule(
    *,
    actor: Any,
    board: Board,
    held_at: datetime.datetime,
    agenda: str,
    place: str = "",
    length_minutes: int = MEETING_LENGTH_DEFAULT,
) -> Meeting:
    """Schedule a meeting; its length is the time each attendee gives (``meeting_record``)."""
    gate.require(actor, "comanagement.run_meeting", board)
    check_date("held_at", held_at)
    if not agenda.strip():
        raise ValidationError({"agenda": _("Give the meeting an agenda.")})
    if not 1 <= length_minutes <= MEETING_LENGTH_MAX:
        raise ValidationError({"length_minutes": MEETING_LENGTH})
    meeting = Meeting(
        board=board, held_at=held_at, agenda=agenda, place=place, length_minutes=length_minutes
    )
    meeting.full_clean()
    meeting.save()
    return meeting


NOT_SEATED = gettext_lazy("Name only people who sit on this board.")
PROPOSER_PRESENT = gettext_lazy("The proposer must be at the meeting.")
EACH_VOTE = gettext_lazy("Give the vote of each person present: for, against or abstain.")
NOT_THERE = "Not at the meeting after all: attendance corrected."


@transaction.atomic
def meeting_record(
    *,
    actor: Any,
    meeting: Meeting,
    attendees: list[Any] | None = None,
    minutes: str | None = None,
) -> Meeting:
    """Who came (board members only), or the minutes, or both: what is not given is left
    as it was, so recording attendance later never wipes the minutes (nor the other way).
    Each person who came gives the meeting's length to co-management, in the record once:
    attendance recorded again writes only the difference (``_record_attendance``)."""
    gate.require(actor, "comanagement.run_meeting", meeting)
    if attendees is None and minutes is None:
        raise ValidationError({"attendees": _("Give who came, or the minutes, or both.")})
    meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    if attendees is not None:
        _record_attendance(actor, meeting, attendees)
    if minutes is not None:
        meeting.minutes, meeting.minutes_by = minutes, actor
        meeting.save(update_fields=["minutes", "minutes_by"])
    return meeting


def _record_attendance(actor: Any, meeting: Meeting, attendees: list[Any]) -> None:
    """Each person newly named gives the meeting's length; each person taken off has their
    time reversed (through the record's checked reversal: whoever recorded it, or a
    coordinator); those named again are left as they were, so nothing counts twice."""
    seated = set(meeting.board.seats.filter(left_on__isnull=True).values_list("person", flat=True))
    if any(p.pk not in seated for p in attendees):
        raise ValidationError({"attendees": NOT_SEATED})
    named = {p.pk: p for p in attendees}
    before = {p.pk: p for p in meeting.attendees.all()}
    dropped = [before[pk] for pk in before if pk not in named]
    arrived = [named[pk] for pk in named if pk not in before]
    for person in dropped:
        for entry in selectors.attendance_entries(meeting, person):
            record.contribution_reverse(actor=actor, contribution=entry, reason=NOT_THERE)
    held_on = timezone.localtime(min(meeting.held_at, timezone.now())).date()
    for person in arrived:
        record.do_record_contribution(
            source=meeting,
            recorded_by=actor,
            contributor=person,
            initiative=meeting.board.initiative,
            stage=meeting.board.stage,
            kind=ContributionKind.TIME,
            quantity=meeting.length_minutes,
            unit=Unit.MINUTES,
            occurred_on=held_on,
            description=f"At the meeting of {meeting.board}"[:500],
        )
    meeting.attendees.remove(*dropped)
    meeting.attendees.add(*arrived)


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
    consensus (everyone present). The board decision is the source of its entry in the
    record, written after it: the mover of the motion initiated it, each person present
    took part on their seat's side (for, against, abstained; present for consensus), and
    it carried or not as the vote went."""
    gate.require(actor, "comanagement.run_meeting", meeting)
    present = {p.pk: p for p in meeting.attendees.all()}
    if not present:
        raise ValidationError({"attendees": _("Record who came before recording decisions.")})
    if initiated_by.pk not in present:
        raise ValidationError({"initiated_by": PROPOSER_PRESENT})
    sides = dict(meeting.board.seats.filter(left_on__isnull=True).values_list("person", "side"))
    ballots: dict[Any, str] = (votes or {}) if rule == DecisionRule.VOTE else {}
    if rule == DecisionRule.VOTE:
        if {p.pk for p in ballots} != set(present) or any(
            v not in Vote.values for v in ballots.values()
        ):
            raise ValidationError({"votes": EACH_VOTE})
        tally = Counter(ballots.values())
        carried = tally[Vote.FOR] > tally[Vote.AGAINST]
        positions = {p: POSITION_OF_VOTE[v] for p, v in ballots.items()}
        result = (
            f"{'Carried' if carried else 'Not carried'} by {tally[Vote.FOR]} for, "
            f"{tally[Vote.AGAINST]} against, {tally[Vote.ABSTAIN]} abstaining."
        )
    elif rule == DecisionRule.CONSENSUS:
        carried, result = True, "Agreed by consensus of all present."
        positions = {p: Position.PRESENT for p in present.values()}
    else:
        raise ValidationError({"rule": _("A board decides by vote or by consensus.")})
    bodies = {DECIDING_BODY_OF_SIDE[Side(sides[p.pk])] for p in positions}
    decision = BoardDecision.objects.create(
        meeting=meeting, title=title, rule=rule, initiated_by=initiated_by, carried=carried
    )
    BallotOnBoard.objects.bulk_create(
        BallotOnBoard(decision=decision, person=person, vote=vote)
        for person, vote in ballots.items()
    )
    decision.record = record.do_record_decision(
        source=decision,
        recorded_by=actor,
        initiative=meeting.board.initiative,
        stage=meeting.board.stage,
        title=f"{meeting.board}: {title}"[:200],
        outcome=(f"{result} {outcome}".strip())[:4000],
        initiated_by=initiated_by,
        decided_by=bodies.pop() if len(bodies) == 1 else DecidingBody.JOINT,
        rule=rule,
        carried=carried,
        participants=[
            Participant(person, position, side=sides[person.pk])
            for person, position in positions.items()
        ],
        decided_on=timezone.localtime(meeting.held_at).date()
        if meeting.held_at <= timezone.now()
        else timezone.localdate(),
    )
    decision.save(update_fields=["record"])
    return decision
