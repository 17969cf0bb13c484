"""Voting: one-time codes, casting a ballot (online or on paper), and who may vote where
(districts, age, membership). The hot path of a vote is here (ADR 0017)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.budgeting.models import (
    Ballot,
    BallotType,
    Budget,
    Phase,
    Process,
    ProposalStatus,
    VoterDistrict,
    VotingCode,
)
from coproduce.budgeting.recording import do_record_participation, is_member
from coproduce.core import gate
from coproduce.core.codes import code_hash, new_codes, unused
from coproduce.core.phases import require_phase
from coproduce.core.queries import row_lock
from coproduce.core.vocabulary import ContributionKind
from coproduce.notifications.kinds import Kind
from coproduce.notifications.services import notify


@transaction.atomic
def voting_codes_issue(
    *, actor: Any, process: Process, count: int, district: str = ""
) -> list[str]:
    """Make one-time voting codes; only their hashes are kept, so show them now or never."""
    gate.require(actor, "budgeting.manage_process", process.initiative)
    codes = new_codes(count)
    VotingCode.objects.bulk_create(
        VotingCode(process=process, code_hash=code_hash(code), district=district) for code in codes
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
        raise ValidationError({"choices": _("Choose each project at most once.")})
    unknown = [i for i in ids if i not in costs]
    if unknown:
        raise ValidationError(
            {
                "choices": _("Not a project on this ballot: %(unknown)s.")
                % {"unknown": ", ".join(map(str, unknown))}
            }
        )
    kind = process.ballot_type
    if kind == BallotType.CHOOSE_ONE and len(ids) != 1:
        raise ValidationError({"choices": _("Choose exactly one project.")})
    if not ids:
        raise ValidationError({"choices": _("Choose at least one project.")})
    if kind in (BallotType.APPROVAL_K, BallotType.RANKED) and len(ids) > (process.max_choices or 0):
        raise ValidationError(
            {"choices": _("Choose at most %(most)s projects.") % {"most": process.max_choices}}
        )
    if kind == BallotType.APPROVAL_BUDGET:
        total = sum(costs[i] for i in ids)
        if total > budget.amount:
            raise ValidationError(
                {
                    "choices": _("Your choices cost £%(total)s, more than the £%(budget)s budget.")
                    % {"total": f"{total / 100:,.2f}", "budget": f"{budget.amount / 100:,.2f}"}
                }
            )
    if kind == BallotType.CUMULATIVE:
        if any(c.points < 1 for c in choices):
            raise ValidationError({"choices": _("Give each chosen project at least one point.")})
        if sum(c.points for c in choices) > (process.points or 0):
            raise ValidationError(
                {"choices": _("Share out at most %(points)s points.") % {"points": process.points}}
            )
    elif any(c.points != 1 for c in choices):
        raise ValidationError({"choices": _("Points are for cumulative ballots only.")})


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
    require_phase(process, Phase, Phase.VOTING)
    voting_code = None
    if code is not None:
        voting_code = (
            VotingCode.objects.select_for_update()
            .filter(process=process, code_hash=code_hash(code))
            .first()
        )
        voting_code = unused(voting_code)
        if voting_code.district and budget.district and voting_code.district != budget.district:
            raise ValidationError({"code": _("That code is for another district.")})
        if not paper and process.residents_of_district_only and budget.district:
            _hold_district(process, budget, actor, area_vouched=True)
    else:
        if process.codes_required:
            raise ValidationError({"code": _("This vote needs a one-time voting code.")})
        if process.members_only and not is_member(process.initiative, actor):
            raise ValidationError({"voter": _("Only members of the initiative can vote.")})
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
                    "code": _(
                        "You have already voted on this budget; change your ballot without "
                        "a code, and keep the code for someone who has not voted."
                    )
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
        do_record_participation(
            process,
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
                    "voter": _(
                        "Only residents of %(district)s vote on this budget; set your area "
                        "on your profile if you live there."
                    )
                    % {"district": budget.district}
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
                "voter": _(
                    "You vote in %(district)s in this process: one person votes in one "
                    "district. You can change your ballot there until voting closes."
                )
                % {"district": fixed}
            }
        )


@transaction.atomic
def voter_district_verify(
    *, actor: Any, process: Process, voter: Any, district: str
) -> VoterDistrict:
    """A coordinator's check of where a person lives (proof of address at a registration
    desk, say) fixes the district they vote in, whatever their profile says. Done before
    voting opens only: no ballot exists yet, so the answer can tell nothing about whether
    the person has voted (ADR 0021). Checking again replaces the earlier answer. The person
    is told each time, so a district is never fixed around them unknown."""
    gate.require(actor, "budgeting.manage_process", process.initiative)
    process = Process.objects.select_for_update().get(pk=process.pk)  # the phase holds
    require_phase(process, Phase, Phase.SETUP, Phase.PROPOSALS, Phase.REVIEW)
    if not process.residents_of_district_only:
        raise ValidationError(
            {"district": _("This process does not keep district budgets to their residents.")}
        )
    districts = sorted({b.district for b in process.budgets.all() if b.district})
    chosen = next((d for d in districts if d.lower() == district.strip().lower()), None)
    if chosen is None:
        raise ValidationError(
            {
                "district": _("Choose one of the process's districts: %(districts)s.")
                % {"districts": ", ".join(districts)}
            }
        )
    verified, _created = VoterDistrict.objects.update_or_create(
        process=process, voter=voter, defaults={"district": chosen}
    )
    notify(
        recipients=[voter],
        kind=Kind.VOTE_OPENING,
        message="district_fixed",
        params={"person": actor.shown_name, "process": process.title, "district": chosen},
        link=reverse("budgeting:process", args=[process.pk]),
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
                "voter": _(
                    "This vote is for people aged %(minimum)s or over this year; add your "
                    "year of birth on your profile to vote."
                )
                % {"minimum": minimum}
            }
        )
    if timezone.localdate().year - voter.birth_year < minimum:
        raise ValidationError(
            {
                "voter": _("This vote is for people who are %(minimum)s or older this year.")
                % {"minimum": minimum}
            }
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
    return process, {pk: cost for _kind, pk, cost in rows if pk is not None}


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
