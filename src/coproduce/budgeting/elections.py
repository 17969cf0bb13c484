"""The budget as an election: for the counting engine, for comparing rules, and for the
files others count with (.pb and CSV). Reads only; the count itself is ``services.budget_count``."""

import io
import random
import secrets
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from coproduce.budgeting import selectors
from coproduce.budgeting.counting import Election, Project, tally, write_pb
from coproduce.budgeting.models import (
    PABULIB_VOTE_TYPE,
    PHASE_ORDER,
    BallotChoice,
    BallotType,
    Budget,
    CountingRule,
    Phase,
    ProposalStatus,
)
from coproduce.core.downloads import CsvWriter


def election_of(budget: Budget, in_pence: bool = True, voted_only: bool = False) -> Election:
    """The budget's feasible proposals and ballots as an election for the counting engine
    (money in pence, or in currency units for files others will read).

    ``voted_only`` leaves out projects no ballot chose: the platform never funds a project
    nobody voted for, though greedy completions (as in pabutools) would fill leftover money
    with them. Exports keep every project."""
    process = selectors.process_now(budget.process_id)
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


# The rules every result is set beside, after the process's own: greedy by votes, and
# the Method of Equal Shares as its authors complete it (add-one, nothing after).
COMPARED_RULES = (CountingRule.GREEDY, CountingRule.MES_ADD1)


def rule_comparison(budget: Budget) -> list[dict[str, Any]]:
    """The process's own rule, then greedy and Equal Shares, on the budget's ballots: what
    each funds, what it spends, and how many voters get at least one project they voted
    for. Each row is named by its rule's full name, so no row reads as a rule it is not.
    None where the budget's counts are withheld (``selectors.counts_withheld``)."""
    if selectors.counts_withheld(budget.ballots.count()):
        return []
    election = election_of(budget, voted_only=True)
    own = budget.process.rule
    rules = [own, *(rule for rule in COMPARED_RULES if rule != own)]
    rows = []
    for rule in rules:
        label = CountingRule(rule).label
        outcome = tally(election, rule)
        chosen = set(outcome.selected)
        funded = {i for i, p in enumerate(election.projects) if p.id in chosen}
        served = sum(g.count for g in election.groups if funded & set(g.projects))
        rows.append(
            {
                "rule": rule,
                "label": label,
                "used": rule == own,
                "funded": len(outcome.selected),
                "spent": int(outcome.spent),
                "voters_served": served,
                "voters": election.voter_count,
            }
        )
    return rows


# Draws the order of ballots in an export: the operating system's randomness, fresh each time.
BALLOT_SHUFFLE: random.Random = secrets.SystemRandom()


def _require_publishable(budget: Budget) -> None:
    """Ballots and their totals leave the platform only once no more can be cast: two exports
    a vote apart would show what the one ballot between them chose; and only from a budget
    with enough ballots that none can be read off the file (ADR 0021)."""
    process = selectors.process_now(budget.process_id)
    if PHASE_ORDER.index(process.phase) <= PHASE_ORDER.index(Phase.VOTING):
        raise ValidationError({"phase": _("Ballots are exported once voting has closed.")})
    if selectors.counts_withheld(budget.ballots.count()):
        raise ValidationError(
            {
                "ballots": _(
                    "This budget has fewer than %(fewest)d ballots: its ballots and votes are"
                    " not published, as they would show how each person voted."
                )
                % {"fewest": selectors.FEWEST_BALLOTS_COUNTED_IN_PUBLIC}
            }
        )


def budget_as_pb(budget: Budget) -> str:
    """The budget's proposals and ballots as a .pb file, money in currency units, with the
    latest count's funded projects marked as selected. Ballots come in a fresh random order
    with fresh numbers, never in the order they were cast (ADR 0021)."""
    _require_publishable(budget)
    election = election_of(budget, in_pence=False)
    latest = budget.tallies.first()
    return write_pb(
        election,
        selected=[str(i) for i in latest.selected] if latest else [],
        shuffle=BALLOT_SHUFFLE,
    )


def budget_results_csv(budget: Budget) -> str:
    """One row a proposal: id, title, cost in pounds, votes, funded (1/0)."""
    _require_publishable(budget)
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
