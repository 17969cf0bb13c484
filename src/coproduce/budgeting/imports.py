"""Bringing PB in from elsewhere: a finished election from a pabulib .pb file (for study),
and proposals gathered on paper or in a spreadsheet (CSV)."""

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.budgeting import selectors, services
from coproduce.budgeting.counting import Election, tally
from coproduce.budgeting.elections import election_of
from coproduce.budgeting.models import (
    Ballot,
    BallotChoice,
    BallotType,
    Budget,
    Phase,
    Process,
    Proposal,
    ProposalStatus,
    Tally,
    VotingCode,
)
from coproduce.core import gate
from coproduce.core.codes import code_hash
from coproduce.core.phases import require_phase
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives.models import Initiative, Stage
from coproduce.search.services import documents_refresh

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
        raise ValidationError({"stage": _("Choose this initiative's co-prioritisation stage.")})
    ballot_type = IMPORTABLE.get(election.vote_type)
    if ballot_type is None:
        raise ValidationError(
            {"file": _("%(kind)s ballots cannot be imported.") % {"kind": election.vote_type}}
        )
    if election.budget <= 0 or (election.budget * 100).denominator != 1:
        raise ValidationError({"file": _("The budget must be a positive amount in whole pence.")})
    if any((p.cost * 100).denominator != 1 or p.cost <= 0 for p in election.projects):
        raise ValidationError({"file": _("Every cost must be a positive amount in whole pence.")})
    if any(p.denominator != 1 for g in election.groups for p in g.points or ()):
        raise ValidationError({"file": _("Points must be whole numbers.")})
    currency = election.meta.get("currency", "").strip().upper() or "GBP"
    if not re.fullmatch("[A-Z]{3}", currency):
        raise ValidationError({"file": _("The currency in META must be a code such as EUR.")})
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
        currency=currency,
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
        VotingCode(process=process, code_hash=code_hash(f"imported:{process.pk}:{n}"), used_at=now)
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
    # last: the index's edition stays locked from here until the import commits
    documents_refresh(proposals)
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
    process = selectors.process_now(process)
    require_phase(process, Phase, Phase.PROPOSALS)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = {(name or "").strip().lower() for name in reader.fieldnames or []}
    missing = {"title", "description", "cost"} - header
    if missing:
        raise ValidationError(
            {
                "file": _("The first row must name the columns; missing: %(missing)s.")
                % {"missing": ", ".join(sorted(missing))}
            }
        )
    rows = [
        {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        for raw in reader
    ]
    if not rows or len(rows) > MAX_IMPORTED_PROPOSALS:
        raise ValidationError(
            {"file": _("Give between 1 and %(most)s proposals.") % {"most": MAX_IMPORTED_PROPOSALS}}
        )
    budgets = {b.name.strip().lower(): b for b in process.budgets.all()}
    problems, ready = [], []
    for line, row in enumerate(rows, start=2):
        checked = _imported_proposal(row, budgets)
        if isinstance(checked, str):
            problems.append(_("row %(line)s: %(problem)s") % {"line": line, "problem": checked})
        else:
            ready.append((row, *checked))
    if problems:
        more = len(problems) - 10
        shown = problems[:10] + ([_("and %(more)s more") % {"more": more}] if more > 0 else [])
        raise ValidationError(
            {"file": _("Nothing was imported. Fix %(problems)s.") % {"problems": "; ".join(shown)}}
        )
    return [
        services.proposal_submit(
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
        return _("name one of the budgets: %(budgets)s") % {
            "budgets": ", ".join(sorted(b.name for b in budgets.values()))
        }
    if not row["title"] or not row["description"]:
        return _("a title and a description are needed")
    if (
        len(row["title"]) > 200
        or len(row["description"]) > 4000
        or len(row.get("category", "")) > 80
    ):
        return _("too long (at most 200 characters of title, 4000 of description, 80 of category)")
    try:
        pence = Decimal(row["cost"].replace("£", "").replace(",", "")) * 100
    except InvalidOperation:
        pence = Decimal(0)
    if pence != pence.to_integral_value() or not 0 < pence <= budget.amount:
        return _(
            "the cost %(cost)r must be in pounds (such as 1250.00), more than nothing "
            "and within %(budget)s's budget"
        ) % {"cost": row["cost"], "budget": budget.name}
    return budget, int(pence)
