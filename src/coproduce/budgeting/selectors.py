"""Reads for participatory budgeting: processes, proposals, results (totals only)."""

import datetime
from fractions import Fraction
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from coproduce.budgeting.models import (
    PHASE_ORDER,
    Ballot,
    BallotChoice,
    Budget,
    Comment,
    ImplementationStatus,
    ImplementationUpdate,
    Phase,
    Process,
    Proposal,
    ProposalStatus,
    Support,
)
from coproduce.core.charts import bars
from coproduce.core.numbers import rounded
from coproduce.core.phases import next_phase, phase_logs
from coproduce.core.queries import RowReader, as_id, select_clause
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import initiatives_visible_to


def processes_visible_to(user: Any) -> QuerySet[Process]:
    return Process.objects.filter(initiative__in=initiatives_visible_to(user)).select_related(
        "initiative", "stage"
    )


_BUDGET, _PROCESS, _INITIATIVE = RowReader(Budget), RowReader(Process), RowReader(Initiative)
BUDGET_WITH_PROCESS = select_clause((_BUDGET, "b"), (_PROCESS, "p"), (_INITIATIVE, "i")) + (
    " FROM budgeting_budget b JOIN budgeting_process p ON p.id = b.process_id"
    " JOIN initiatives_initiative i ON i.id = p.initiative_id WHERE b.id = %s"
)


def process_now(process: Process | int) -> Process:
    """The process as it is now in the database (its phase may have moved on)."""
    pk = process if isinstance(process, int) else process.pk
    return Process.objects.select_related("initiative", "stage").get(pk=pk)


def budget_with_process(pk: Any) -> Budget | None:
    """A budget with its process and initiative, for every request about one budget (each
    ballot among them): one join written in SQL, as ``select_related`` would write it,
    without building it on every request (ADR 0017). None if there is no such budget."""
    budget_id = as_id(pk)
    if budget_id is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(BUDGET_WITH_PROCESS, [budget_id])
        row = cursor.fetchone()
    if row is None:
        return None
    budget = _BUDGET.read(row)
    process = _PROCESS.read(row, _BUDGET.width)
    process.initiative = _INITIATIVE.read(row, _BUDGET.width + _PROCESS.width)
    budget.process = process
    return budget


def totals(process: Process) -> dict[str, int]:
    """The process's counts now: what the audit log keeps as each phase closes."""
    proposals = Proposal.objects.filter(budget__process=process)
    ballots = Ballot.objects.filter(budget__process=process)
    counted = ballots.aggregate(
        ballots=Count("pk"),
        casts=Sum("casts"),
        paper_ballots=Count("pk", filter=Q(entered_by__isnull=False)),
    )
    codes = process.codes.aggregate(
        codes_issued=Count("pk"), codes_used=Count("pk", filter=Q(used_at__isnull=False))
    )
    return {
        "proposals": proposals.count(),
        "feasible": proposals.filter(status=ProposalStatus.FEASIBLE).count(),
        "supports": Support.objects.filter(
            proposal__budget__process=process, withdrawn_at__isnull=True
        ).count(),
        "comments": Comment.objects.filter(proposal__budget__process=process).count(),
        "ballots": counted["ballots"],
        "casts": counted["casts"] or 0,
        "paper_ballots": counted["paper_ballots"],
        **codes,
    }


def phase_log(process: Process) -> list[dict[str, Any]]:
    """The process's audit log for its page: each phase closed, by whom, when, and the
    counts then (``totals``)."""
    return [
        {
            "phase": Phase(log.phase).label,
            "closed_at": log.closed_at,
            "closed_by": log.closed_by,
            **log.counts,
        }
        for log in phase_logs(process)
    ]


# What moving into each phase does, said where a coordinator confirms the move.
PHASE_MEANING = {
    Phase.PROPOSALS: gettext_lazy("people can propose projects and support and discuss them"),
    Phase.REVIEW: gettext_lazy(
        "no new proposals; the reviewers check each one's feasibility and cost"
    ),
    Phase.VOTING: gettext_lazy(
        "the ballot opens to everyone who can vote; proposals can no longer change"
    ),
    Phase.COUNTING: gettext_lazy("voting closes for good; you then count each budget"),
    Phase.RESULTS: gettext_lazy("the counted results are published for everyone to see"),
    Phase.IMPLEMENTATION: gettext_lazy("the funded projects are delivered, with progress updates"),
}


def timeline(process: Process, today: datetime.date) -> list[dict[str, Any]]:
    """The process's phases in order for its page: each one done (with the day it closed),
    the current one (with the time left where a closing day is published) or to come (with
    its published opening day)."""
    closed = {log.phase: log.closed_at for log in phase_logs(process)}
    current = PHASE_ORDER.index(process.phase)
    opens: dict[str, datetime.date | None] = {
        Phase.PROPOSALS: process.proposals_open,
        Phase.VOTING: process.voting_open,
    }
    steps = []
    for at, phase in enumerate(PHASE_ORDER):
        if phase == Phase.SETUP:
            continue
        step: dict[str, Any] = {"label": str(Phase(phase).label), "state": "later", "when": ""}
        if at < current:
            step["state"] = "done"
            if phase in closed:
                step["when"] = _("closed %(day)s") % {"day": _shown_day(closed[phase])}
        elif at == current:
            step["state"] = "now"
            if phase == Phase.VOTING and process.voting_close:
                step["when"] = _closing(process.voting_close, today)
        elif opens.get(phase):
            step["when"] = _("opens %(day)s") % {"day": _shown_day(opens[phase])}
        if phase == Phase.COUNTING and at > current and process.voting_close:
            step["when"] = _("after voting closes on %(day)s") % {
                "day": _shown_day(process.voting_close)
            }
        steps.append(step)
    return steps


def _shown_day(day: datetime.date | None) -> str:
    """A day as "6 Dec 2026", its month named in the language of the page."""
    return dateformat.format(day, "j M Y") if day else ""


def _closing(day: datetime.date, today: datetime.date) -> str:
    left = (day - today).days
    if left < 0:
        return _("was due to close %(day)s") % {"day": _shown_day(day)}
    if left == 0:
        return _("closes today")
    return ngettext(
        "closes %(day)s: %(left)s day left", "closes %(day)s: %(left)s days left", left
    ) % {"day": _shown_day(day), "left": left}


def next_phase_of(process: Process) -> dict[str, str] | None:
    """The phase a coordinator moves the process to next, and what that does."""
    following = next_phase(Phase, process.phase)
    if following is None:
        return None
    return {
        "value": following,
        "label": str(Phase(following).label),
        "meaning": str(PHASE_MEANING[Phase(following)]),
    }


def support_count(proposal: Proposal) -> int:
    return Support.objects.filter(proposal=proposal, withdrawn_at__isnull=True).count()


def supports(user: Any, proposal: Proposal) -> bool:
    """Whether the person supports the proposal now."""
    return Support.objects.filter(proposal=proposal, user=user, withdrawn_at__isnull=True).exists()


def who_can_vote(process: Process) -> list[str]:
    """The process's eligibility rules in words, for its public page."""
    rules = []
    if process.codes_required:
        rules.append("people with a one-time voting code (handed out on paper or at events)")
    if process.members_only:
        rules.append("members of the initiative")
    if process.residents_of_district_only:
        rules.append("for a district's budget, people who live in that district")
    if process.minimum_age:
        rules.append(f"people who are {process.minimum_age} or older this year")
    return rules or ["anyone with an account"]


def processes_of(initiative: Initiative) -> QuerySet[Process]:
    return Process.objects.filter(initiative=initiative).order_by("-created_at")


def proposals_of(process: Process) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(budget__process=process)
        .select_related("budget", "author", "reviewed_by")
        .annotate(
            support_count=Count(
                "supports", filter=Q(supports__withdrawn_at__isnull=True), distinct=True
            )
        )
        .order_by("budget__name", "title")
    )


def own_ballot(budget: Budget, user: Any) -> Ballot | None:
    if not user.is_authenticated:
        return None
    return Ballot.objects.filter(budget=budget, voter=user).prefetch_related("choices").first()


# A budget with at least one ballot but fewer than this publishes what it funded, never
# its votes per project, its rules compared or its ballots: with so few, they would be the
# voters' choices (a district fixed around one person, ADR 0021).
FEWEST_BALLOTS_COUNTED_IN_PUBLIC = 5


def counts_withheld(ballots: int) -> bool:
    """Whether a budget with this many ballots keeps its counts to itself."""
    return 0 < ballots < FEWEST_BALLOTS_COUNTED_IN_PUBLIC


def results(budget: Budget) -> dict[str, Any]:
    """Turnout and votes per proposal (totals only: ballots stay secret), and the count;
    the votes are ``None`` where the budget has too few ballots to publish them."""
    votes = dict(
        BallotChoice.objects.filter(ballot__budget=budget)
        .values_list("proposal")
        .annotate(n=Sum("points"))
        .values_list("proposal", "n")
    )
    ballots = budget.ballots.count()
    withheld = counts_withheld(ballots)
    latest = budget.tallies.first()
    funded = list(latest.selected) if latest else []
    # the latest update per project (later ones overwrite earlier ones)
    progress = {
        u.proposal_id: u
        for u in ImplementationUpdate.objects.filter(proposal__budget=budget).order_by(
            "posted_at", "id"
        )
    }
    rows = [
        {
            "proposal": p.pk,
            "title": p.title,
            "cost": p.final_cost,
            "votes": None if withheld else votes.get(p.pk, 0),
            "funded": p.pk in funded,
            "share_of_budget": rounded(Fraction(p.final_cost, budget.amount), 4)
            if p.pk in funded
            else 0.0,
            "status": progress[p.pk].status if p.pk in progress else None,
            "progress": progress[p.pk].progress if p.pk in progress else None,
        }
        for p in budget.proposals.filter(Q(status="feasible")).order_by("title")
    ]
    return {
        "budget": budget.pk,
        "amount": budget.amount,
        "ballots": ballots,
        "counts_withheld": withheld,
        "rule": latest.rule if latest else None,
        "funded": funded,
        "spent": latest.spent if latest else 0,
        "proposals": rows,
    }


def funded_projects(processes: list[Process]) -> list[dict[str, Any]]:
    """Each budget of these processes with the projects its latest count funded (purpose,
    cost, latest progress): where the initiative's money goes."""
    budgets = []
    for process in processes:
        for budget in process.budgets.order_by("name"):
            answer = results(budget)
            projects = [p for p in answer["proposals"] if p["funded"]]
            categories = dict(
                Proposal.objects.filter(pk__in=answer["funded"]).values_list("pk", "category")
            )
            for project in projects:
                project["purpose"] = categories[project["proposal"]] or "Not given"
                status = project["status"]
                project["status_label"] = ImplementationStatus(status).label if status else ""
            budgets.append(
                {
                    "process": process,
                    "budget": budget,
                    "spent": answer["spent"],
                    "projects": sorted(projects, key=lambda p: (p["purpose"], p["title"])),
                }
            )
    return budgets


def results_charts(results: dict[str, Any], comparison: list[dict[str, Any]]) -> dict[str, Any]:
    """The results as bar charts: votes per project (most first, funded ones marked), and
    voters with a funded project they voted for under each rule (none of either where the
    counts are withheld)."""
    shown = [] if results["counts_withheld"] else results["proposals"]
    by_votes = sorted(shown, key=lambda row: (-row["votes"], row["title"]))
    return {
        "votes": bars(
            (
                row["title"],
                row["votes"],
                f"{row['votes']} vote{'s' if row['votes'] != 1 else ''}"
                + (" · funded" if row["funded"] else ""),
                row["funded"],
            )
            for row in by_votes
        ),
        "served": bars(
            (
                row["label"],
                row["voters_served"],
                f"{row['voters_served']} of {row['voters']} voters"
                + (f" ({row['voters_served'] / row['voters']:.0%})" if row["voters"] else ""),
                False,
            )
            for row in comparison
        ),
    }
