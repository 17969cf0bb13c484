"""Writes to the co-production record. Nothing else writes these tables."""

import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.core import gate
from coproduce.core.vocabulary import KIND_UNITS, Side
from coproduce.initiatives.models import Initiative, MembershipStatus, Stage
from coproduce.record.models import MAX_QUANTITY, Contribution, ContributionVerification, Decision

EARLIEST_DATE = datetime.date(1900, 1, 1)
E = TypeVar("E", Contribution, Decision)


def _check_stage(initiative: Initiative, stage: Stage) -> None:
    if stage.initiative_id != initiative.pk:
        raise ValidationError({"stage": "That stage belongs to another initiative."})


def _check_date(field: str, value: datetime.date) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: "The date cannot be in the future."})
    if value < EARLIEST_DATE:
        raise ValidationError({field: "The date must be in 1900 or later."})


def _side_of(initiative: Initiative, user: Any) -> str | None:
    """The side an active member acts on in this initiative, or None for non-members."""
    side = (
        initiative.memberships.filter(user=user, status=MembershipStatus.ACTIVE)
        .values_list("side", flat=True)
        .first()
    )
    return None if side is None else str(side)


def _active_side(initiative: Initiative, user: Any, field: str) -> str:
    side = _side_of(initiative, user)
    if side is None:
        raise ValidationError({field: "That person is not an active member of this initiative."})
    return side


def _lock_for_reversal(entry: E, reason: str) -> E:
    """Lock an entry and check it may be reversed: once, not a reversal, with a reason."""
    model = type(entry)
    locked = model.objects.select_for_update().get(pk=entry.pk)
    noun = model._meta.verbose_name
    if locked.reverses_id is not None:
        raise ValidationError(f"A reversal cannot itself be reversed; record a new {noun}.")
    if model.objects.filter(reverses=locked).exists():
        raise ValidationError(f"This {noun} has already been reversed.")
    if not reason.strip():
        raise ValidationError({"reason": f"Say why the {noun} is being reversed."})
    return locked


@transaction.atomic
def contribution_record(
    *,
    actor: Any,
    initiative: Initiative,
    stage: Stage,
    kind: str,
    quantity: int,
    unit: str,
    occurred_on: datetime.date,
    description: str = "",
    contributor: Any = None,
) -> Contribution:
    """Record what someone put in. People record their own; coordinators anyone's."""
    contributor = contributor or actor
    if contributor.pk == actor.pk:
        gate.require(actor, "record.add_contribution", initiative)
    else:
        gate.require(actor, "record.add_contribution_for_others", initiative)
    return contribution_of_confirmed_work(
        recorded_by=actor,
        initiative=initiative,
        stage=stage,
        kind=kind,
        quantity=quantity,
        unit=unit,
        occurred_on=occurred_on,
        description=description,
        contributor=contributor,
    )


@transaction.atomic
def contribution_of_confirmed_work(
    *,
    recorded_by: Any,
    initiative: Initiative,
    stage: Stage,
    kind: str,
    quantity: int,
    unit: str,
    occurred_on: datetime.date,
    description: str,
    contributor: Any,
) -> Contribution:
    """Write a contribution that another capability has confirmed under its own permission
    (hours approved by the person served, a session both sides logged). The caller's
    service has checked who may confirm; every check on the entry itself still applies."""
    _check_stage(initiative, stage)
    side = _active_side(initiative, contributor, "contributor")
    if unit not in KIND_UNITS.get(kind, set()):
        allowed = ", ".join(sorted(KIND_UNITS.get(kind, set()))) or "none"
        raise ValidationError({"unit": f"A {kind} contribution is measured in: {allowed}."})
    if not 0 < quantity <= MAX_QUANTITY[unit]:
        raise ValidationError(
            {"quantity": f"The quantity must be between 1 and {MAX_QUANTITY[unit]:,} {unit}."}
        )
    _check_date("occurred_on", occurred_on)
    contribution = Contribution(
        initiative=initiative,
        stage=stage,
        contributor=contributor,
        side=side,
        kind=kind,
        quantity=quantity,
        unit=unit,
        description=description,
        occurred_on=occurred_on,
        recorded_by=recorded_by,
    )
    contribution.full_clean()
    contribution.save()
    return contribution


@transaction.atomic
def contribution_verify(*, actor: Any, contribution: Contribution) -> ContributionVerification:
    """A coordinator confirms someone else's contribution; each is verified once."""
    gate.require(actor, "record.verify_contribution", contribution)
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if locked.reverses_id is not None or hasattr(locked, "reversed_by"):
        raise ValidationError("A reversed contribution, or a reversal, cannot be verified.")
    if ContributionVerification.objects.filter(contribution=locked).exists():
        raise ValidationError("This contribution is already verified.")
    return ContributionVerification.objects.create(contribution=locked, verified_by=actor)


@transaction.atomic
def contribution_reverse(*, actor: Any, contribution: Contribution, reason: str) -> Contribution:
    """Correct a contribution by appending its negative, with the reason."""
    gate.require(actor, "record.reverse_contribution", contribution)
    locked = _lock_for_reversal(contribution, reason)
    reversal = Contribution(
        initiative_id=locked.initiative_id,
        stage_id=locked.stage_id,
        contributor_id=locked.contributor_id,
        side=locked.side,
        kind=locked.kind,
        quantity=-locked.quantity,
        unit=locked.unit,
        description=locked.description,
        occurred_on=locked.occurred_on,
        recorded_by=actor,
        reverses=locked,
        reason=reason.strip(),
    )
    reversal.full_clean()
    reversal.save()
    return reversal


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    initiative: Initiative,
    stage: Stage,
    title: str,
    decided_by: str,
    rule: str,
    decided_on: datetime.date,
    outcome: str = "",
    initiated_by: Any = None,
    initiated_by_side: str = "",
    participants_citizen: int = 0,
    participants_professional: int = 0,
    participants_political: int = 0,
    evidence_url: str = "",
) -> Decision:
    """Record a decision: what, who started it, who took it, how, and who was in the room."""
    gate.require(actor, "record.add_decision", initiative)
    _check_stage(initiative, stage)
    if initiated_by is not None:
        initiated_by_side = _active_side(initiative, initiated_by, "initiated_by")
    elif initiated_by_side not in Side.values:
        raise ValidationError(
            {"initiated_by_side": "Say which side initiated the decision, or who did."}
        )
    counts = {
        "participants_citizen": participants_citizen,
        "participants_professional": participants_professional,
        "participants_political": participants_political,
    }
    for field, count in counts.items():
        if not 0 <= count <= 1_000_000:
            raise ValidationError({field: "Give a number of people between 0 and 1,000,000."})
    _check_date("decided_on", decided_on)
    decision = Decision(
        initiative=initiative,
        stage=stage,
        title=title,
        outcome=outcome,
        initiated_by=initiated_by,
        initiated_by_side=initiated_by_side,
        decided_by=decided_by,
        rule=rule,
        evidence_url=evidence_url,
        decided_on=decided_on,
        recorded_by=actor,
        **counts,
    )
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def decision_reverse(*, actor: Any, decision: Decision, reason: str) -> Decision:
    """Withdraw a decision recorded in error, by appending a reversing entry."""
    gate.require(actor, "record.reverse_decision", decision)
    locked = _lock_for_reversal(decision, reason)
    reversal = Decision(
        initiative_id=locked.initiative_id,
        stage_id=locked.stage_id,
        title=f"Reversal: {locked.title}"[:200],
        outcome=locked.outcome,
        initiated_by=actor,
        initiated_by_side=_side_of(locked.initiative, actor) or locked.initiated_by_side,
        decided_by=locked.decided_by,
        rule=locked.rule,
        decided_on=timezone.localdate(),
        recorded_by=actor,
        reverses=locked,
        reason=reason.strip(),
    )
    reversal.full_clean()
    reversal.save()
    return reversal
