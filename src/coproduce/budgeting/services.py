"""Writes for participatory budgeting: the one path for pages, the API and commands."""

import csv
import datetime
import hashlib
import io
import itertools
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from coproduce.budgeting import selectors
from coproduce.budgeting.counting import Election, Project, tally, write_pb
from coproduce.budgeting.models import (
    PABULIB_VOTE_TYPE,
    PHASE_ORDER,
    Ballot,
    BallotChoice,
    BallotType,
    Budget,
    Comment,
    ImplementationUpdate,
    Phase,
    PhaseCount,
    Process,
    Proposal,
    ProposalStatus,
    Support,
    Tally,
    VoterDistrict,
    VotingCode,
)
from coproduce.core import dates, gate
from coproduce.core.downloads import CsvWriter
from coproduce.core.images import clean_picture
from coproduce.core.queries import row_lock
from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionRule,
    StageKind,
    Unit,
)
from coproduce.initiatives.models import Initiative, MembershipStatus, Stage
from coproduce.record import services as record


def _current(process: Process | int) -> Process:
    """The process as it is now in the database (its phase may have moved on)."""
    pk = process if isinstance(process, int) else process.pk
    return Process.objects.select_related("initiative", "stage").get(pk=pk)


def _require_phase(process: Process, *phases: str) -> None:
    if process.phase not in phases:
        names = " or ".join(Phase(p).label.lower() for p in phases)
        raise ValidationError(
            {
                "phase": f"This can be done only during {names}; the process is in "
                f"{Phase(process.phase).label.lower()}."
            }
        )


def _check_cost(field: str, cost: int, budget: Budget) -> None:
    if not 0 < cost <= budget.amount:
        raise ValidationError({field: "The cost must be more than nothing and within the budget."})


def _is_member(initiative: Initiative, user: Any) -> bool:
    return initiative.memberships.filter(user=user, status=MembershipStatus.ACTIVE).exists()


def _record_for_member(
    initiative: Initiative, stage: Stage, user: Any, kind: str, description: str
) -> None:
    """Members' participation goes into the co-production record (one count each)."""
    if _is_member(initiative, user):
        record.contribution_record(
            actor=user,
            initiative=initiative,
            stage=stage,
            kind=kind,
            quantity=1,
            unit=Unit.COUNT,
            occurred_on=timezone.localdate(),
            description=description,
        )


# --- set-up ------------------------------------------------------------------------------


@transaction.atomic
def process_create(
    *,
    actor: Any,
    initiative: Initiative,
    stage: Stage,
    title: str,
    budgets: Sequence[tuple[str, int, str]],
    **settings: Any,
) -> Process:
    """Set up a PB process in the initiative's co-prioritisation stage, with its budgets."""
    gate.require(actor, "budgeting.manage_process", initiative)
    if stage.initiative_id != initiative.pk or stage.kind != StageKind.CO_PRIORITISATION:
        raise ValidationError({"stage": "Choose this initiative's co-prioritisation stage."})
    if not budgets:
        raise ValidationError({"budgets": "Give at least one budget."})
    process = Process(initiative=initiative, stage=stage, title=title, **settings)
    _check_schedule(process)
    process.full_clean()
    process.save()
    for name, amount, district in budgets:
        budget_add(actor=actor, process=process, name=name, amount=amount, district=district)
    return process


SCHEDULE = (
    ("proposals_open", "Proposals open"),
    ("voting_open", "Voting opens"),
    ("voting_close", "Voting closes"),
)


def _check_schedule(process: Process) -> None:
    """Every date of the published schedule in the platform's window (``core.dates``), and
    in order: proposals open before voting opens, and voting opens before (or on the day) it
    closes."""
    earliest, latest = dates.EARLIEST, dates.latest()
    given = [(field, label, getattr(process, field)) for field, label in SCHEDULE]
    given = [(field, label, day) for field, label, day in given if day is not None]
    for field, _, day in given:
        if not earliest <= day <= latest:
            raise ValidationError({field: f"Give a date from {_day(earliest)} to {_day(latest)}."})
    for (_, earlier_label, earlier), (field, label, later) in itertools.pairwise(given):
        if later < earlier:
            raise ValidationError(
                {field: f"{label} on or after the day {earlier_label.lower()} ({_day(earlier)})."}
            )


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


@transaction.atomic
def budget_add(
    *, actor: Any, process: Process, name: str, amount: int, district: str = ""
) -> Budget:
    gate.require(actor, "budgeting.manage_process", process.initiative)
    _require_phase(_current(process), Phase.SETUP, Phase.PROPOSALS)
    if not 0 < amount <= 10**13:
        raise ValidationError({"amount": "A budget is between 1p and £100bn."})
    budget = Budget(process=process, name=name, amount=amount, district=district)
    budget.full_clean()
    budget.save()
    return budget


@transaction.atomic
def phase_advance(*, actor: Any, process: Process) -> Process:
    """Move to the next phase. Voting needs a feasible proposal in every budget."""
    gate.require(actor, "budgeting.manage_process", process.initiative)
    process = Process.objects.select_for_update().get(pk=process.pk)
    index = PHASE_ORDER.index(process.phase)
    if index + 1 == len(PHASE_ORDER):
        raise ValidationError({"phase": "The process is already in its last phase."})
    following = PHASE_ORDER[index + 1]
    if following == Phase.VOTING:
        for budget in process.budgets.all():
            if not budget.proposals.filter(status=ProposalStatus.FEASIBLE).exists():
                raise ValidationError(
                    {"phase": f"{budget.name} has no feasible proposal to vote on yet."}
                )
    if following == Phase.RESULTS:
        uncounted = [b.name for b in process.budgets.all() if not b.tallies.exists()]
        if uncounted:
            raise ValidationError({"phase": f"Count every budget first: {', '.join(uncounted)}."})
    PhaseCount.objects.create(
        process=process, phase=process.phase, closed_by=actor, **selectors.totals(process)
    )
    process.phase = following
    process.save(update_fields=["phase"])
    return process


# --- proposals ---------------------------------------------------------------------------


@transaction.atomic
def proposal_submit(
    *,
    actor: Any,
    budget: Budget,
    title: str,
    description: str,
    estimated_cost: int,
    category: str = "",
    image: UploadedFile | None = None,
    image_alt: str = "",
) -> Proposal:
    process = _current(budget.process_id)
    gate.require(actor, "budgeting.submit_proposal", process.initiative)
    _require_phase(process, Phase.PROPOSALS)
    _check_cost("estimated_cost", estimated_cost, budget)
    proposal = Proposal(
        budget=budget,
        author=actor,
        title=title,
        description=description,
        estimated_cost=estimated_cost,
        category=category,
    )
    _save_with_picture(proposal, image, image_alt, remove=False)
    _record_for_member(
        process.initiative, process.stage, actor, ContributionKind.IDEA, f"Proposal: {title}"[:500]
    )
    return proposal


@transaction.atomic
def proposal_edit(*, actor: Any, proposal: Proposal, **changes: Any) -> Proposal:
    gate.require(actor, "budgeting.edit_proposal", proposal)
    _require_phase(_current(proposal.budget.process_id), Phase.PROPOSALS)
    for name in ("title", "description", "estimated_cost", "category"):
        if name in changes:
            setattr(proposal, name, changes[name])
    _check_cost("estimated_cost", proposal.estimated_cost, proposal.budget)
    _save_with_picture(
        proposal,
        changes.get("image"),
        changes.get("image_alt"),
        remove=bool(changes.get("remove_image")),
    )
    return proposal


def _save_with_picture(
    proposal: Proposal, image: UploadedFile | None, image_alt: str | None, *, remove: bool
) -> None:
    """Save the proposal with its picture changed as asked. The picture is checked and
    re-saved without metadata; it needs words for people who cannot see it. Everything else
    is validated before the file is written, and a replaced file is removed once the change
    is committed."""
    old = proposal.image.name if proposal.image else ""
    if remove:
        proposal.image, proposal.image_alt = "", ""
    if image_alt is not None and not remove:
        proposal.image_alt = image_alt.strip()
    cleaned = clean_picture(image) if image is not None else None
    if (cleaned is not None or proposal.image) and not proposal.image_alt:
        raise ValidationError(
            {
                "image_alt": "Say in a few words what the picture shows, for people who "
                "cannot see it."
            }
        )
    proposal.full_clean(exclude=["image"])
    if cleaned is not None:
        proposal.image.save(cleaned.name or "picture", cleaned, save=False)
    proposal.save()
    if old and old != proposal.image.name:
        storage = proposal.image.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def proposal_support(*, actor: Any, proposal: Proposal) -> Support:
    process = _current(proposal.budget.process_id)
    gate.require(actor, "budgeting.support_proposal", process.initiative)
    _require_phase(process, Phase.PROPOSALS, Phase.REVIEW)
    try:
        with transaction.atomic():
            support = Support.objects.create(proposal=proposal, user=actor)
    except IntegrityError:
        raise ValidationError("You already support this proposal.") from None
    _record_for_member(
        process.initiative,
        process.stage,
        actor,
        ContributionKind.IDEA,
        f"Support for: {proposal.title}"[:500],
    )
    return support


@transaction.atomic
def proposal_comment(*, actor: Any, proposal: Proposal, text: str) -> Comment:
    """Discuss a proposal; open while proposals are collected and reviewed."""
    process = _current(proposal.budget.process_id)
    gate.require(actor, "budgeting.support_proposal", process.initiative)
    _require_phase(process, Phase.PROPOSALS, Phase.REVIEW)
    comment = Comment(proposal=proposal, author=actor, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def proposal_review(
    *, actor: Any, proposal: Proposal, feasible: bool, reason: str, cost: int | None = None
) -> Proposal:
    """A reviewer's feasibility review: a published reason and the cost it finds. Each review
    is whole: without a cost the author's estimate stands again, so a later review (a
    coordinator's second look) never keeps an earlier reviewer's cost by leaving it out."""
    process = _current(proposal.budget.process_id)
    gate.require(actor, "budgeting.review_proposal", proposal)
    _require_phase(process, Phase.REVIEW)
    if not reason.strip():
        raise ValidationError({"review_reason": "Give the reason, for the author and everyone."})
    if cost is not None:
        _check_cost("cost", cost, proposal.budget)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status in (ProposalStatus.MERGED, ProposalStatus.WITHDRAWN):
        raise ValidationError({"status": "A merged or withdrawn proposal is not reviewed."})
    proposal.status = ProposalStatus.FEASIBLE if feasible else ProposalStatus.INFEASIBLE
    proposal.review_reason, proposal.reviewed_by = reason.strip(), actor
    proposal.cost = cost
    proposal.full_clean()
    proposal.save()
    _record_for_member(
        process.initiative,
        process.stage,
        actor,
        ContributionKind.SKILLS,
        f"Feasibility review: {proposal.title}"[:500],
    )
    return proposal


@transaction.atomic
def proposal_reply(*, actor: Any, proposal: Proposal, reply: str) -> Proposal:
    gate.require(actor, "budgeting.edit_proposal", proposal)
    proposal.author_reply = reply
    proposal.full_clean()
    proposal.save(update_fields=["author_reply", "updated_at"])
    return proposal


@transaction.atomic
def proposal_merge(*, actor: Any, proposal: Proposal, into: Proposal) -> Proposal:
    """Fold a duplicate into another proposal of the same budget; its supports move too."""
    process = _current(proposal.budget.process_id)
    gate.require(actor, "budgeting.manage_process", process.initiative)
    _require_phase(process, Phase.PROPOSALS, Phase.REVIEW)
    if into.budget_id != proposal.budget_id or into.pk == proposal.pk:
        raise ValidationError({"merged_into": "Merge into another proposal of the same budget."})
    if into.status == ProposalStatus.MERGED:
        raise ValidationError(
            {"merged_into": "That proposal was itself merged; choose its target."}
        )
    for support in proposal.supports.exclude(user__in=into.supports.values("user")):
        Support.objects.create(proposal=into, user=support.user)
    proposal.status, proposal.merged_into = ProposalStatus.MERGED, into
    proposal.save(update_fields=["status", "merged_into", "updated_at"])
    return proposal


# --- voting --------------------------------------------------------------------------------


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


@transaction.atomic
def voting_codes_issue(
    *, actor: Any, process: Process, count: int, district: str = ""
) -> list[str]:
    """Make one-time voting codes; only their hashes are kept, so show them now or never."""
    gate.require(actor, "budgeting.manage_process", process.initiative)
    if not 1 <= count <= 10_000:
        raise ValidationError({"count": "Issue between 1 and 10,000 codes at a time."})
    codes = ["-".join(secrets.token_hex(2).upper() for _ in range(3)) for _ in range(count)]
    VotingCode.objects.bulk_create(
        VotingCode(process=process, code_hash=_hash(code), district=district) for code in codes
    )
    return codes


@dataclass(frozen=True)
class Choice:
    proposal_id: int
    points: int = 1


def _check_choices(
    process: Process, budget: Budget, costs: dict[int, int], choices: Sequence[Choice]
) -> None:
    """Refuse a ballot the process does not allow; ``costs`` are the projects on it."""
    ids = [c.proposal_id for c in choices]
    if len(set(ids)) != len(ids):
        raise ValidationError({"choices": "Choose each project at most once."})
    unknown = [i for i in ids if i not in costs]
    if unknown:
        raise ValidationError(
            {"choices": f"Not a project on this ballot: {', '.join(map(str, unknown))}."}
        )
    kind = process.ballot_type
    if kind == BallotType.CHOOSE_ONE and len(ids) != 1:
        raise ValidationError({"choices": "Choose exactly one project."})
    if not ids:
        raise ValidationError({"choices": "Choose at least one project."})
    if kind in (BallotType.APPROVAL_K, BallotType.RANKED) and len(ids) > (process.max_choices or 0):
        raise ValidationError({"choices": f"Choose at most {process.max_choices} projects."})
    if kind == BallotType.APPROVAL_BUDGET:
        total = sum(costs[i] for i in ids)
        if total > budget.amount:
            raise ValidationError(
                {
                    "choices": f"Your choices cost £{total / 100:,.2f}, more than the "
                    f"£{budget.amount / 100:,.2f} budget."
                }
            )
    if kind == BallotType.CUMULATIVE:
        if any(c.points < 1 for c in choices):
            raise ValidationError({"choices": "Give each chosen project at least one point."})
        if sum(c.points for c in choices) > (process.points or 0):
            raise ValidationError({"choices": f"Share out at most {process.points} points."})
    elif any(c.points != 1 for c in choices):
        raise ValidationError({"choices": "Points are for cumulative ballots only."})


@transaction.atomic
def ballot_cast(
    *, actor: Any, budget: Budget, choices: Sequence[Choice], code: str | None = None
) -> Ballot:
    """Cast (or replace) a ballot. With ``code`` it is a code-holder's ballot, possibly a
    paper one typed in by staff; without, it is the actor's own. The last one cast counts."""
    process, costs = _ballot_terms_held(budget)
    paper = code is not None and gate.allows(actor, "budgeting.enter_paper_ballot", budget)
    if not paper:
        gate.require(actor, "budgeting.vote", process.initiative)
    _require_phase(process, Phase.VOTING)
    voting_code = None
    if code is not None:
        voting_code = (
            VotingCode.objects.select_for_update()
            .filter(process=process, code_hash=_hash(code))
            .first()
        )
        if voting_code is None or voting_code.used_at is not None:
            raise ValidationError({"code": "That code is not valid or has already been used."})
        if voting_code.district and budget.district and voting_code.district != budget.district:
            raise ValidationError({"code": "That code is for another district."})
        if not paper and process.residents_of_district_only and budget.district:
            _hold_district(process, budget, actor, area_vouched=True)
    else:
        if process.codes_required:
            raise ValidationError({"code": "This vote needs a one-time voting code."})
        if process.members_only and not _is_member(process.initiative, actor):
            raise ValidationError({"voter": "Only members of the initiative can vote."})
        _require_age(process, actor)
        if process.residents_of_district_only and budget.district:
            _hold_district(process, budget, actor)
    _check_choices(process, budget, costs, choices)
    now = timezone.now()
    if voting_code is not None:
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(
                    budget=budget,
                    code=voting_code,
                    cast_at=now,
                    entered_by=actor if paper else None,
                    voter=None if paper else actor,
                )
        except IntegrityError:  # one ballot per account: they voted here already
            raise ValidationError(
                {
                    "code": "You have already voted on this budget; change your ballot without "
                    "a code, and keep the code for someone who has not voted."
                }
            ) from None
        voting_code.used_at = now
        voting_code.save(update_fields=["used_at"])
    else:
        ballot = _account_ballot(budget, actor, now)
    ranked = process.ballot_type == BallotType.RANKED
    with connection.cursor() as cursor:  # SQL: the hot path of a vote (ADR 0017)
        cursor.execute("DELETE FROM budgeting_ballotchoice WHERE ballot_id = %s", [ballot.pk])
        cursor.executemany(
            "INSERT INTO budgeting_ballotchoice (ballot_id, proposal_id, points, rank) "
            "VALUES (%s, %s, %s, %s)",
            [
                (ballot.pk, choice.proposal_id, choice.points, rank if ranked else None)
                for rank, choice in enumerate(choices, start=1)
            ],
        )
    if ballot.casts == 1 and voting_code is None:
        _record_for_member(
            process.initiative,
            process.stage,
            actor,
            ContributionKind.VOTE,
            f"Ballot in {budget.name}"[:500],
        )
    return ballot


def _hold_district(
    process: Process, budget: Budget, voter: Any, *, area_vouched: bool = False
) -> None:
    """One person, one district per process. The first ballot in a district's budget needs
    the voter's profile area to be that district (unless a voting code, handed out by staff
    who checked, vouches for it), and fixes it; later ballots are taken in that district
    only, whatever the profile says by then, with a code or without. Two first ballots cast
    at once in two districts both try to fix one: the database keeps one (the second insert
    waits for the first to commit, then finds its district), so only one of them is taken."""
    fixed = (
        VoterDistrict.objects.filter(process=process, voter=voter)
        .values_list("district", flat=True)
        .first()
    )
    if fixed is None:
        if not area_vouched and voter.locality.strip().lower() != budget.district.strip().lower():
            raise ValidationError(
                {
                    "voter": f"Only residents of {budget.district} vote on this budget; set your "
                    f"area on your profile if you live there."
                }
            )
        VoterDistrict.objects.bulk_create(
            [VoterDistrict(process=process, voter=voter, district=budget.district)],
            ignore_conflicts=True,
        )
        fixed = VoterDistrict.objects.values_list("district", flat=True).get(
            process=process, voter=voter
        )
    if fixed != budget.district:
        raise ValidationError(
            {
                "voter": f"You vote in {fixed} in this process: one person votes in one "
                f"district. You can change your ballot there until voting closes."
            }
        )


@transaction.atomic
def voter_district_verify(
    *, actor: Any, process: Process, voter: Any, district: str
) -> VoterDistrict:
    """A coordinator's check of where a person lives (proof of address at a registration
    desk, say) fixes the district they vote in, whatever their profile says. Done before
    voting opens only: no ballot exists yet, so the answer can tell nothing about whether
    the person has voted (ADR 0021). Checking again replaces the earlier answer."""
    gate.require(actor, "budgeting.manage_process", process.initiative)
    process = Process.objects.select_for_update().get(pk=process.pk)  # the phase holds
    _require_phase(process, Phase.SETUP, Phase.PROPOSALS, Phase.REVIEW)
    if not process.residents_of_district_only:
        raise ValidationError(
            {"district": "This process does not keep district budgets to their residents."}
        )
    districts = sorted({b.district for b in process.budgets.all() if b.district})
    chosen = next((d for d in districts if d.lower() == district.strip().lower()), None)
    if chosen is None:
        raise ValidationError(
            {"district": f"Choose one of the process's districts: {', '.join(districts)}."}
        )
    verified, _ = VoterDistrict.objects.update_or_create(
        process=process, voter=voter, defaults={"district": chosen}
    )
    return verified


def _require_age(process: Process, voter: Any) -> None:
    """Age as many cities count it for PB: the age the voter reaches this calendar year.
    Code holders are not asked: staff check age when they hand out a code."""
    minimum = process.minimum_age
    if not minimum:
        return
    if voter.birth_year is None:
        raise ValidationError(
            {
                "voter": f"This vote is for people aged {minimum} or over this year; add your "
                f"year of birth on your profile to vote."
            }
        )
    if timezone.localdate().year - voter.birth_year < minimum:
        raise ValidationError(
            {"voter": f"This vote is for people who are {minimum} or older this year."}
        )


BALLOT_TERMS = (
    "SELECT p.phase, pr.id, COALESCE(pr.cost, pr.estimated_cost) FROM budgeting_process p "
    "LEFT JOIN budgeting_proposal pr ON pr.budget_id = %s AND pr.status = %s WHERE p.id = %s"
)


def _ballot_terms_held(budget: Budget) -> tuple[Process, dict[int, int]]:
    """The budget's process with its phase as it is now, held until the ballot commits (FOR
    KEY SHARE on PostgreSQL; on SQLite the ballot's write lock does it): closing the vote
    waits for the ballots in flight, and a ballot that waited sees the vote closed, so every
    ballot accepted is in the closing count. Only the phase is read again: a process's other
    settings are fixed when it is created. With it, in the same statement, the cost of each
    project on the ballot (the feasible ones), reviewed or else estimated: ballots list tens
    of projects, not thousands. SQL (ADR 0017): the ORM cannot ask for a shared lock, and
    this runs on every ballot, as one statement that PostgreSQL plans once per connection."""
    process = budget.process
    with connection.cursor() as cursor:
        cursor.execute(
            BALLOT_TERMS + row_lock(" FOR KEY SHARE OF p"),
            [budget.pk, ProposalStatus.FEASIBLE.value, process.pk],
        )
        rows = cursor.fetchall()
    process.phase = rows[0][0]
    return process, {pk: cost for _, pk, cost in rows if pk is not None}


def _account_ballot(budget: Budget, voter: Any, now: datetime.datetime) -> Ballot:
    """The voter's ballot row, created or cast once more in one statement. The upsert locks
    the row until commit, so concurrent casts by one voter queue and never make two rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO budgeting_ballot (budget_id, voter_id, casts, cast_at) "
            "VALUES (%s, %s, 1, %s) ON CONFLICT (budget_id, voter_id) WHERE voter_id IS NOT NULL "
            "DO UPDATE SET casts = budgeting_ballot.casts + 1, cast_at = excluded.cast_at "
            "RETURNING id, casts",
            [budget.pk, voter.pk, connection.ops.adapt_datetimefield_value(now)],
        )
        pk, casts = cursor.fetchone()
    return Ballot(pk=pk, budget=budget, voter=voter, casts=casts, cast_at=now)


# --- counting ------------------------------------------------------------------------------


def election_of(budget: Budget, in_pence: bool = True, voted_only: bool = False) -> Election:
    """The budget's feasible proposals and ballots as an election for the counting engine
    (money in pence, or in currency units for files others will read).

    ``voted_only`` leaves out projects no ballot chose: the platform never funds a project
    nobody voted for, though greedy completions (as in pabutools) would fill leftover money
    with them. Exports keep every project."""
    process = _current(budget.process_id)
    unit = Fraction(1) if in_pence else Fraction(1, 100)
    on_ballot = budget.proposals.filter(status=ProposalStatus.FEASIBLE)
    if voted_only:
        chosen = BallotChoice.objects.filter(ballot__budget=budget).values("proposal")
        on_ballot = on_ballot.filter(pk__in=chosen)
    proposals = list(on_ballot.order_by("pk"))
    projects = [
        Project(
            id=str(p.pk), cost=p.final_cost * unit, meta={"name": p.title, "category": p.category}
        )
        for p in proposals
    ]
    feasible = {p.pk for p in proposals}
    ballots: dict[int, list[BallotChoice]] = {
        b: [] for b in budget.ballots.values_list("pk", flat=True)
    }
    for choice in BallotChoice.objects.filter(ballot__budget=budget).order_by(
        "ballot", "rank", "proposal"
    ):
        if choice.proposal_id in feasible:
            ballots[choice.ballot_id].append(choice)
    cumulative = process.ballot_type == BallotType.CUMULATIVE
    meta = {
        "rule": process.rule,
        "min_project_score_threshold": str(process.min_votes),
        "description": f"{process.title}: {budget.name}",
    }
    return Election.build(
        budget=budget.amount * unit,
        vote_type=PABULIB_VOTE_TYPE[BallotType(process.ballot_type)],
        projects=projects,
        ballots=[
            (
                [str(c.proposal_id) for c in chosen],
                [Fraction(c.points) for c in chosen] if cumulative else None,
            )
            for chosen in ballots.values()
        ],
        meta=meta,
    )


@transaction.atomic
def budget_count(*, actor: Any, budget: Budget) -> Tally:
    """Count a budget under the process's rule; the allocation is the citizens' decision."""
    process = Process.objects.select_for_update().get(pk=budget.process_id)
    gate.require(actor, "budgeting.manage_process", process.initiative)
    _require_phase(process, Phase.COUNTING)
    election = election_of(budget, voted_only=True)
    outcome = tally(election, process.rule)
    result = Tally.objects.create(
        budget=budget,
        rule=process.rule,
        selected=[int(i) for i in outcome.selected],
        spent=int(outcome.spent),
        ballots=election.voter_count,
        counted_by=actor,
    )
    record.decision_record(
        actor=actor,
        initiative=process.initiative,
        stage=process.stage,
        title=f"{budget.name}: {len(outcome.selected)} projects funded"[:200],
        outcome=f"Counted under {process.get_rule_display()}: £{result.spent / 100:,.2f} of "
        f"£{budget.amount / 100:,.2f} allocated from {result.ballots} ballots.",
        initiated_by=actor,
        decided_by=DecidingBody.CITIZENS,
        rule=DecisionRule.VOTE,
        participants_citizen=result.ballots,
        decided_on=timezone.localdate(),
    )
    return result


# --- interoperability ------------------------------------------------------------------------

IMPORTABLE = {
    "approval": BallotType.APPROVAL_BUDGET,
    "choose-1": BallotType.CHOOSE_ONE,
    "cumulative": BallotType.CUMULATIVE,
    "ordinal": BallotType.RANKED,
}


@transaction.atomic
def process_import(
    *,
    actor: Any,
    initiative: Initiative,
    stage: Stage,
    election: Election,
    title: str,
    rule: str = "greedy",
) -> Process:
    """A finished PB election from a .pb file, as a process in the results phase, for study.

    Money in .pb files is in currency units; here it is in pence. Imported voters are
    anonymous, so each ballot is tied to a one-time code that was never handed out.
    """
    gate.require(actor, "budgeting.manage_process", initiative)
    if stage.initiative_id != initiative.pk or stage.kind != StageKind.CO_PRIORITISATION:
        raise ValidationError({"stage": "Choose this initiative's co-prioritisation stage."})
    ballot_type = IMPORTABLE.get(election.vote_type)
    if ballot_type is None:
        raise ValidationError({"file": f"{election.vote_type} ballots cannot be imported."})
    if election.budget <= 0 or (election.budget * 100).denominator != 1:
        raise ValidationError({"file": "The budget must be a positive amount in whole pence."})
    if any((p.cost * 100).denominator != 1 or p.cost <= 0 for p in election.projects):
        raise ValidationError({"file": "Every cost must be a positive amount in whole pence."})
    if any(p.denominator != 1 for g in election.groups for p in g.points or ()):
        raise ValidationError({"file": "Points must be whole numbers."})
    max_choices = points = None
    if ballot_type == BallotType.RANKED:
        max_choices = max([len(g.projects) for g in election.groups] + [1])
    if ballot_type == BallotType.CUMULATIVE:
        points = int(max([sum(g.points or ()) for g in election.groups] + [1]))
    process = Process(
        initiative=initiative,
        stage=stage,
        title=title,
        phase=Phase.RESULTS,
        ballot_type=ballot_type,
        rule=rule,
        max_choices=max_choices,
        points=points,
        description=election.meta.get("description", "")[:4000],
    )
    process.full_clean()
    process.save()
    budget = Budget.objects.create(
        process=process, name=title[:120], amount=int(election.budget * 100)
    )
    proposals = Proposal.objects.bulk_create(
        Proposal(
            budget=budget,
            author=actor,
            title=(p.meta.get("name") or p.id)[:200],
            description=f"Project {p.id} of the imported file.",
            category=p.meta.get("category", "")[:80],
            estimated_cost=int(p.cost * 100),
            status=ProposalStatus.FEASIBLE,
            review_reason="Imported as published.",
        )
        for p in election.projects
    )
    now = timezone.now()
    voters = [group for group in election.groups for _ in range(group.count)]
    codes = VotingCode.objects.bulk_create(
        VotingCode(process=process, code_hash=_hash(f"imported:{process.pk}:{n}"), used_at=now)
        for n in range(len(voters))
    )
    ballots = Ballot.objects.bulk_create(
        Ballot(budget=budget, code=code, cast_at=now, entered_by=actor) for code in codes
    )
    BallotChoice.objects.bulk_create(
        BallotChoice(
            ballot=ballot,
            proposal=proposals[project],
            points=int(group.points[rank]) if group.points else 1,
            rank=rank + 1 if ballot_type == BallotType.RANKED else None,
        )
        for ballot, group in zip(ballots, voters, strict=True)
        for rank, project in enumerate(group.projects)
        if not group.points or group.points[rank] > 0
    )
    outcome = tally(election_of(budget), rule)
    Tally.objects.create(
        budget=budget,
        rule=rule,
        selected=[int(i) for i in outcome.selected],
        spent=int(outcome.spent),
        ballots=len(voters),
        counted_by=actor,
    )
    return process


MAX_IMPORTED_PROPOSALS = 2000


@transaction.atomic
def proposals_import_csv(*, actor: Any, process: Process, text: str) -> list[Proposal]:
    """Proposals gathered on paper or in a spreadsheet, added all at once or not at all.

    Columns (a header row names them, in any order): title, description, cost (in pounds),
    and optionally category and budget (a budget's name; needed when there are several).
    Every row is checked before any is added; the error says which rows to fix and why.
    Each proposal is the importer's, recorded as such.
    """
    gate.require(actor, "budgeting.manage_process", process.initiative)
    process = _current(process)
    _require_phase(process, Phase.PROPOSALS)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = {(name or "").strip().lower() for name in reader.fieldnames or []}
    missing = {"title", "description", "cost"} - header
    if missing:
        raise ValidationError(
            {"file": f"The first row must name the columns; missing: {', '.join(sorted(missing))}."}
        )
    rows = [
        {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        for raw in reader
    ]
    if not rows or len(rows) > MAX_IMPORTED_PROPOSALS:
        raise ValidationError({"file": f"Give between 1 and {MAX_IMPORTED_PROPOSALS} proposals."})
    budgets = {b.name.strip().lower(): b for b in process.budgets.all()}
    problems, ready = [], []
    for line, row in enumerate(rows, start=2):
        checked = _imported_proposal(row, budgets)
        if isinstance(checked, str):
            problems.append(f"row {line}: {checked}")
        else:
            ready.append((row, *checked))
    if problems:
        shown = problems[:10] + ([f"and {len(problems) - 10} more"] if len(problems) > 10 else [])
        raise ValidationError({"file": "Nothing was imported. Fix " + "; ".join(shown) + "."})
    return [
        proposal_submit(
            actor=actor,
            budget=budget,
            title=row["title"],
            description=row["description"],
            estimated_cost=pence,
            category=row.get("category", ""),
        )
        for row, budget, pence in ready
    ]


def _imported_proposal(row: dict[str, str], budgets: dict[str, Budget]) -> tuple[Budget, int] | str:
    """The budget and cost in pence of one imported row, or what is wrong with it."""
    name = row.get("budget", "")
    if name:
        budget = budgets.get(name.lower())
    else:
        budget = next(iter(budgets.values())) if len(budgets) == 1 else None
    if budget is None:
        return "name one of the budgets: " + ", ".join(sorted(b.name for b in budgets.values()))
    if not row["title"] or not row["description"]:
        return "a title and a description are needed"
    if (
        len(row["title"]) > 200
        or len(row["description"]) > 4000
        or len(row.get("category", "")) > 80
    ):
        return "too long (at most 200 characters of title, 4000 of description, 80 of category)"
    try:
        pence = Decimal(row["cost"].replace("£", "").replace(",", "")) * 100
    except InvalidOperation:
        pence = Decimal(0)
    if pence != pence.to_integral_value() or not 0 < pence <= budget.amount:
        return (
            f"the cost {row['cost']!r} must be in pounds (such as 1250.00), more than nothing "
            f"and within {budget.name}'s budget"
        )
    return budget, int(pence)


# Draws the order of ballots in an export: the operating system's randomness, fresh each time.
BALLOT_SHUFFLE: random.Random = secrets.SystemRandom()


def _require_voting_closed(budget: Budget) -> None:
    """Ballots and their totals leave the platform only once no more can be cast: two exports
    a vote apart would show what the one ballot between them chose (ADR 0021)."""
    process = _current(budget.process_id)
    if PHASE_ORDER.index(process.phase) <= PHASE_ORDER.index(Phase.VOTING):
        raise ValidationError({"phase": "Ballots are exported once voting has closed."})


def budget_as_pb(budget: Budget) -> str:
    """The budget's proposals and ballots as a .pb file, money in currency units, with the
    latest count's funded projects marked as selected. Ballots come in a fresh random order
    with fresh numbers, never in the order they were cast (ADR 0021)."""
    _require_voting_closed(budget)
    election = election_of(budget, in_pence=False)
    latest = budget.tallies.first()
    return write_pb(
        election,
        selected=[str(i) for i in latest.selected] if latest else [],
        shuffle=BALLOT_SHUFFLE,
    )


def budget_results_csv(budget: Budget) -> str:
    """One row a proposal: id, title, cost in pounds, votes, funded (1/0)."""
    _require_voting_closed(budget)
    election = election_of(budget, in_pence=False)
    latest = budget.tallies.first()
    funded = {str(i) for i in latest.selected} if latest else set()
    votes = election.approvals()
    out = io.StringIO()
    writer = CsvWriter(out)  # text that would start a formula is neutralised
    writer.writerow(["proposal_id", "title", "cost", "votes", "funded"])
    for index, project in enumerate(election.projects):
        writer.writerow(
            [
                project.id,
                project.meta.get("name", ""),
                f"{project.cost:.2f}" if project.cost.denominator != 1 else project.cost,
                votes[index],
                int(project.id in funded),
            ]
        )
    return out.getvalue()


# --- implementation ------------------------------------------------------------------------


@transaction.atomic
def implementation_update(
    *,
    actor: Any,
    proposal: Proposal,
    status: str,
    progress: int,
    milestone: str = "",
    note: str = "",
) -> ImplementationUpdate:
    """Report progress on a funded project; visible to all, and recorded."""
    process = _current(proposal.budget.process_id)
    gate.require(actor, "budgeting.review_proposal", proposal)
    _require_phase(process, Phase.RESULTS, Phase.IMPLEMENTATION)
    latest = proposal.budget.tallies.first()
    if latest is None or proposal.pk not in latest.selected:
        raise ValidationError({"proposal": "Only funded projects are tracked."})
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": "Give progress as a per cent from 0 to 100."})
    update = ImplementationUpdate(
        proposal=proposal,
        status=status,
        progress=progress,
        milestone=milestone,
        note=note,
        posted_by=actor,
    )
    update.full_clean()
    update.save()
    _record_for_member(
        process.initiative,
        process.stage,
        actor,
        ContributionKind.OTHER,
        f"Implementation update: {proposal.title} at {progress}%"[:500],
    )
    return update
