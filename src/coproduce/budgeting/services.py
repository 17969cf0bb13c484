"""Writes for participatory budgeting: the one path for pages, the API and commands.

Setting a process up, its proposals, its phases, the count and the funded projects'
progress are here; voting is in ``ballots``, the budget as an election (and its exports)
in ``elections``, imports from files in ``imports``.
"""

import datetime
import itertools
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.budgeting import selectors

# Voting is in ``ballots``; the demo loader (portal.demo) still votes through this module.
from coproduce.budgeting.ballots import Choice as Choice
from coproduce.budgeting.ballots import ballot_cast as ballot_cast
from coproduce.budgeting.counting import tally
from coproduce.budgeting.elections import election_of
from coproduce.budgeting.models import (
    Budget,
    Comment,
    ImplementationUpdate,
    Phase,
    Process,
    Proposal,
    ProposalStatus,
    Support,
    Tally,
)
from coproduce.budgeting.recording import (
    do_record_count,
    do_record_exclusion,
    do_record_participation,
)
from coproduce.core import dates, gate
from coproduce.core.images import clean_picture
from coproduce.core.phases import do_phase_log, next_phase, require_phase
from coproduce.core.queries import one_or_none
from coproduce.core.vocabulary import (
    ContributionKind,
    StageKind,
)
from coproduce.initiatives.models import Initiative, Stage
from coproduce.notifications.kinds import Kind
from coproduce.notifications.services import notify, pb_phase_notify
from coproduce.record.selectors import standing_entries_from
from coproduce.record.services import contribution_reverse
from coproduce.search.services import document_refresh


def _check_cost(field: str, cost: int, budget: Budget) -> None:
    if not 0 < cost <= budget.amount:
        raise ValidationError(
            {field: _("The cost must be more than nothing and within the budget.")}
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
        raise ValidationError({"stage": _("Choose this initiative's co-prioritisation stage.")})
    if not budgets:
        raise ValidationError({"budgets": _("Give at least one budget.")})
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
    for field, _label, day in given:
        if not earliest <= day <= latest:
            raise ValidationError(
                {
                    field: _("Give a date from %(earliest)s to %(latest)s.")
                    % {"earliest": _day(earliest), "latest": _day(latest)}
                }
            )
    for (_field, earlier_label, earlier), (field, label, later) in itertools.pairwise(given):
        if later < earlier:
            raise ValidationError(
                {
                    field: _("%(label)s on or after the day %(earlier)s (%(day)s).")
                    % {"label": label, "earlier": earlier_label.lower(), "day": _day(earlier)}
                }
            )


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


@transaction.atomic
def budget_add(
    *, actor: Any, process: Process, name: str, amount: int, district: str = ""
) -> Budget:
    gate.require(actor, "budgeting.manage_process", process.initiative)
    require_phase(selectors.process_now(process), Phase, Phase.SETUP, Phase.PROPOSALS)
    if not 0 < amount <= 10**13:
        raise ValidationError({"amount": _("A budget is between 1p and £100bn.")})
    budget = Budget(process=process, name=name, amount=amount, district=district)
    budget.full_clean()
    budget.save()
    return budget


@transaction.atomic
def phase_advance(*, actor: Any, process: Process, to: str | None = None) -> Process:
    """Move to the next phase, logging the counts as the phase closes (core.phases).
    Voting needs a feasible proposal in every budget; results, every budget counted.
    ``to`` names the phase the coordinator confirmed: a page sent twice, or one left open
    while someone else moved the process on, then moves nothing."""
    gate.require(actor, "budgeting.manage_process", process.initiative)
    process = Process.objects.select_for_update().get(pk=process.pk)
    following = next_phase(Phase, process.phase)
    if following is None:
        raise ValidationError({"phase": _("The process is already in its last phase.")})
    if to is not None and to != following:
        raise ValidationError(
            {
                "phase": _(
                    "The process is in %(phase)s now; it moves next to %(following)s. "
                    "Nothing was changed."
                )
                % {"phase": process.get_phase_display(), "following": Phase(following).label}
            }
        )
    if following == Phase.VOTING:
        for budget in process.budgets.all():
            if not budget.proposals.filter(status=ProposalStatus.FEASIBLE).exists():
                raise ValidationError(
                    {
                        "phase": _("%(budget)s has no feasible proposal to vote on yet.")
                        % {"budget": budget.name}
                    }
                )
    if following == Phase.RESULTS:
        uncounted = [b.name for b in process.budgets.all() if not b.tallies.exists()]
        if uncounted:
            raise ValidationError(
                {
                    "phase": _("Count every budget first: %(budgets)s.")
                    % {"budgets": ", ".join(uncounted)}
                }
            )
    do_phase_log(
        target=process, phase=process.phase, closed_by=actor, counts=selectors.totals(process)
    )
    process.phase = following
    process.save(update_fields=["phase"])
    pb_phase_notify(process=process, phase=following)
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
    process = selectors.process_now(budget.process_id)
    gate.require(actor, "budgeting.submit_proposal", process.initiative)
    require_phase(process, Phase, Phase.PROPOSALS)
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
    do_record_participation(process, actor, ContributionKind.IDEA, f"Proposal: {title}"[:500])
    document_refresh(proposal)
    return proposal


@transaction.atomic
def proposal_edit(*, actor: Any, proposal: Proposal, **changes: Any) -> Proposal:
    gate.require(actor, "budgeting.edit_proposal", proposal)
    require_phase(selectors.process_now(proposal.budget.process_id), Phase, Phase.PROPOSALS)
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
    document_refresh(proposal)
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
                "image_alt": _(
                    "Say in a few words what the picture shows, for people who cannot see it."
                )
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
    """Support someone else's proposal while proposals are open (not one's own)."""
    process = selectors.process_now(proposal.budget.process_id)
    gate.require(actor, "budgeting.support_proposal", process.initiative)
    require_phase(process, Phase, Phase.PROPOSALS, Phase.REVIEW)
    if proposal.author_id == actor.pk:
        raise ValidationError(_("You proposed this: support goes to other people's proposals."))
    try:
        with transaction.atomic():
            support = Support.objects.create(proposal=proposal, user=actor)
    except IntegrityError:
        raise ValidationError(_("You already support this proposal.")) from None
    do_record_participation(
        process,
        actor,
        ContributionKind.IDEA,
        f"Support for: {proposal.title}"[:500],
        source=support,
    )
    return support


@transaction.atomic
def proposal_support_withdraw(*, actor: Any, proposal: Proposal) -> Support:
    """Take back one's support while proposals are open: the support is marked withdrawn
    and its entry in the record reversed, so supporting again counts once more, not twice."""
    process = selectors.process_now(proposal.budget.process_id)
    gate.require(actor, "budgeting.support_proposal", process.initiative)
    require_phase(process, Phase, Phase.PROPOSALS, Phase.REVIEW)
    support = one_or_none(
        Support.objects.select_for_update().filter(
            proposal=proposal, user=actor, withdrawn_at__isnull=True
        )
    )
    if support is None:
        raise ValidationError(_("You do not support this proposal."))
    support.withdrawn_at = timezone.now()
    support.save(update_fields=["withdrawn_at"])
    for entry in standing_entries_from(support):
        contribution_reverse(actor=actor, contribution=entry, reason="Support withdrawn.")
    return support


@transaction.atomic
def proposal_comment(*, actor: Any, proposal: Proposal, text: str) -> Comment:
    """Discuss a proposal; open while proposals are collected and reviewed."""
    process = selectors.process_now(proposal.budget.process_id)
    gate.require(actor, "budgeting.support_proposal", process.initiative)
    require_phase(process, Phase, Phase.PROPOSALS, Phase.REVIEW)
    comment = Comment(proposal=proposal, author=actor, text=text.strip())
    comment.full_clean()
    comment.save()
    notify(
        recipients=[proposal.author_id] if proposal.author_id != actor.pk else [],
        kind=Kind.REPLY,
        message="proposal_comment",
        params={"person": actor.shown_name, "title": proposal.title},
        link=reverse("budgeting:proposal", args=[proposal.pk]),
    )
    return comment


@transaction.atomic
def proposal_review(
    *, actor: Any, proposal: Proposal, feasible: bool, reason: str, cost: int | None = None
) -> Proposal:
    """A reviewer's feasibility review: a published reason and the cost it finds. Each review
    is whole: without a cost the author's estimate stands again, so a later review (a
    coordinator's second look) never keeps an earlier reviewer's cost by leaving it out.
    A review that rules the proposal out is also an exclusion in the record."""
    process = selectors.process_now(proposal.budget.process_id)
    gate.require(actor, "budgeting.review_proposal", proposal)
    require_phase(process, Phase, Phase.REVIEW)
    if not reason.strip():
        raise ValidationError({"review_reason": _("Give the reason, for the author and everyone.")})
    if cost is not None:
        _check_cost("cost", cost, proposal.budget)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status in (ProposalStatus.MERGED, ProposalStatus.WITHDRAWN):
        raise ValidationError({"status": _("A merged or withdrawn proposal is not reviewed.")})
    proposal.status = ProposalStatus.FEASIBLE if feasible else ProposalStatus.INFEASIBLE
    proposal.review_reason, proposal.reviewed_by = reason.strip(), actor
    proposal.cost = cost
    proposal.full_clean()
    proposal.save()
    do_record_participation(
        process,
        actor,
        ContributionKind.SKILLS,
        f"Feasibility review: {proposal.title}"[:500],
    )
    if not feasible:
        do_record_exclusion(process=process, proposal=proposal, reviewer=actor)
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
    process = selectors.process_now(proposal.budget.process_id)
    gate.require(actor, "budgeting.manage_process", process.initiative)
    require_phase(process, Phase, Phase.PROPOSALS, Phase.REVIEW)
    if into.budget_id != proposal.budget_id or into.pk == proposal.pk:
        raise ValidationError({"merged_into": _("Merge into another proposal of the same budget.")})
    if into.status == ProposalStatus.MERGED:
        raise ValidationError(
            {"merged_into": _("That proposal was itself merged; choose its target.")}
        )
    standing = proposal.supports.filter(withdrawn_at__isnull=True)
    already = into.supports.filter(withdrawn_at__isnull=True).values("user")
    for support in standing.exclude(user__in=already).exclude(user=into.author_id):
        Support.objects.create(proposal=into, user=support.user)
    proposal.status, proposal.merged_into = ProposalStatus.MERGED, into
    proposal.save(update_fields=["status", "merged_into", "updated_at"])
    return proposal


# --- counting ------------------------------------------------------------------------------


@transaction.atomic
def budget_count(*, actor: Any, budget: Budget) -> Tally:
    """Count a budget under the process's rule; the allocation is the citizens' decision."""
    process = Process.objects.select_for_update().get(pk=budget.process_id)
    gate.require(actor, "budgeting.manage_process", process.initiative)
    require_phase(process, Phase, Phase.COUNTING)
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
    do_record_count(process=process, tally=result, counted_by=actor)
    return result


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
    process = selectors.process_now(proposal.budget.process_id)
    gate.require(actor, "budgeting.review_proposal", proposal)
    require_phase(process, Phase, Phase.RESULTS, Phase.IMPLEMENTATION)
    latest = proposal.budget.tallies.first()
    if latest is None or proposal.pk not in latest.selected:
        raise ValidationError({"proposal": _("Only funded projects are tracked.")})
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Give progress as a per cent from 0 to 100.")})
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
    do_record_participation(
        process,
        actor,
        ContributionKind.OTHER,
        f"Implementation update: {proposal.title} at {progress}%"[:500],
    )
    return update
