"""What participatory budgeting writes to the co-production record, through the record's
trusted door (``record.services.do_…``): the calling service has checked its permission.

Never a ballot as a source: votes are secret, so a vote's entry points at the process."""

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Model
from django.utils import timezone

from coproduce.budgeting.models import Budget, Process, Proposal, ProposalStatus, Tally
from coproduce.core.vocabulary import (
    DECIDING_BODY_OF_SIDE,
    DecidingBody,
    DecisionKind,
    DecisionRule,
    Position,
    Side,
    Unit,
)
from coproduce.initiatives.models import Initiative, Membership, MembershipStatus
from coproduce.initiatives.selectors import standing, standings_of
from coproduce.record.models import Decision
from coproduce.record.services import Participant, do_record_contribution, do_record_decision


def is_member(initiative: Initiative, person: Any) -> bool:
    return standing(person, initiative).active


def do_record_participation(
    process: Process, person: Any, kind: str, description: str, source: Model | None = None
) -> None:
    """A member's part in the process goes into the record (one count each), written by
    them; people who are not members of the initiative take part without an entry. The
    entry's source is the process, or what the part was (a support, which can be taken
    back)."""
    if is_member(process.initiative, person):
        do_record_contribution(
            source=source or process,
            recorded_by=person,
            initiative=process.initiative,
            stage=process.stage,
            kind=kind,
            quantity=1,
            unit=Unit.COUNT,
            occurred_on=timezone.localdate(),
            description=description,
            contributor=person,
        )


def initiation_of(initiative: Initiative, proposers: Iterable[Any]) -> tuple[Any, str]:
    """Who initiated a count's decision: ``(person or None, side)``, from the proposers of
    the funded projects (an agenda set by those who proposed what won).

    One proposer who is a member is named. Otherwise the side most of the proposers (each
    person once) are on; a proposer who is not a member proposes as one of the public, a
    citizen. A tie between the leading sides goes to the citizens if they are among them,
    else to the first in ``Side``'s order (regular producers before politicians). No
    proposer at all (nothing funded, which the caller avoids): the citizens."""
    people = list({person.pk: person for person in proposers}.values())
    standings = standings_of(initiative, people)
    sides = {
        person.pk: standings[person.pk].side if standings[person.pk].active else Side.CITIZEN
        for person in people
    }
    if len(people) == 1 and standings[people[0].pk].active:
        return people[0], sides[people[0].pk]
    counted = Counter(sides.values())
    if not counted:
        return None, Side.CITIZEN
    most = max(counted.values())
    leading = [side for side in Side.values if counted[side] == most]
    return None, Side.CITIZEN if Side.CITIZEN in leading else leading[0]


def ballots_by_side(process: Process, budget: Budget, ballots: int) -> dict[str, int]:
    """How many of a budget's ``ballots`` each side cast: a member's on the side they act
    on, anyone else's (an account that is not a member, a one-time code) as one of the
    public, a citizen. Counts, never who."""
    members = (
        Membership.objects.filter(
            initiative_id=process.initiative_id,
            status=MembershipStatus.ACTIVE,
            user__in=budget.ballots.values("voter"),
        )
        .exclude(side=Side.CITIZEN)
        .order_by()
        .values_list("side")
        .annotate(n=Count("pk"))
    )
    by_side = dict(members.values_list("side", "n"))
    return {Side.CITIZEN: ballots - sum(by_side.values()), **by_side}


def do_record_count(*, process: Process, tally: Tally, counted_by: Any) -> Decision:
    """A budget's count as a decision by vote, initiated by the proposers of what it funds
    (``initiation_of``; with nothing funded, by the proposers of every project on the
    ballot), with the ballots counted, unnamed, on each voter's side
    (``ballots_by_side``): the citizens' decision when only citizens voted, else a joint
    one."""
    budget = tally.budget
    funded = Proposal.objects.filter(pk__in=tally.selected).select_related("author")
    if not tally.selected:
        funded = budget.proposals.filter(status=ProposalStatus.FEASIBLE).select_related("author")
    initiated_by, side = initiation_of(process.initiative, (p.author for p in funded))
    voters = {k: n for k, n in ballots_by_side(process, budget, tally.ballots).items() if n}
    return do_record_decision(
        source=tally,
        recorded_by=counted_by,
        initiative=process.initiative,
        stage=process.stage,
        title=f"{budget.name}: {len(tally.selected)} projects funded"[:200],
        outcome=f"Counted under {process.get_rule_display()}: £{tally.spent / 100:,.2f} of "
        f"£{budget.amount / 100:,.2f} allocated from {tally.ballots} ballots.",
        initiated_by=initiated_by,
        initiated_by_side=side,
        decided_by=DecidingBody.JOINT if voters.keys() - {Side.CITIZEN} else DecidingBody.CITIZENS,
        rule=DecisionRule.VOTE,
        decided_on=timezone.localdate(),
        headcounts=voters,
    )


def do_record_exclusion(*, process: Process, proposal: Proposal, reviewer: Any) -> Decision:
    """A feasibility review that rules a proposal out: an exclusion, delegated to the
    reviewer, taken by the body of the reviewer's side. Platform staff reviewing without
    a membership act for the professionals."""
    found = standing(reviewer, process.initiative)
    side = found.side if found.active else Side.REGULAR_PRODUCER
    return do_record_decision(
        source=proposal,
        recorded_by=reviewer,
        initiative=process.initiative,
        stage=process.stage,
        title=f"Ruled out: {proposal.title}"[:200],
        outcome=proposal.review_reason,
        initiated_by=reviewer if found.active else None,
        initiated_by_side=side,
        decided_by=DECIDING_BODY_OF_SIDE[side],
        rule=DecisionRule.DELEGATED,
        decided_on=timezone.localdate(),
        kind=DecisionKind.EXCLUSION,
        participants=[Participant(reviewer, Position.PRESENT, side=side)],
    )
