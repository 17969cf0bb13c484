"""Writes to the co-production record. Nothing else writes these tables.

Two doors, one naming rule (docs/architecture.md): a service that takes ``actor`` checks
the permission gate itself (``contribution_record``, ``decision_record``: a person
recording by hand); a ``do_…`` function trusts its caller, a capability's service that has
already checked its own permission (hours approved, a board's vote, a count), and takes
the entry's ``source`` (the object that caused it) and ``recorded_by`` (whose action wrote
it). Every check on the entry itself is made in the door, whichever way it is reached.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.core import gate
from coproduce.core.vocabulary import (
    DECIDING_BODY_OF_SIDE,
    KIND_UNITS,
    ContributionKind,
    DecidingBody,
    DecisionKind,
    Position,
    Side,
    Unit,
)
from coproduce.initiatives.models import Initiative, Stage
from coproduce.initiatives.selectors import check_stage, standing
from coproduce.organisations.models import Organisation
from coproduce.record import totals
from coproduce.record.models import (
    MAX_QUANTITY,
    Contribution,
    ContributionVerification,
    Decision,
    DecisionParticipant,
)

EARLIEST_DATE = datetime.date(1900, 1, 1)
E = TypeVar("E", Contribution, Decision)


def _check_date(field: str, value: datetime.date) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if value < EARLIEST_DATE:
        raise ValidationError({field: _("The date must be in 1900 or later.")})


def _side_of(initiative: Initiative, user: Any) -> str | None:
    """The side an active member acts on in this initiative, or None for non-members."""
    found = standing(user, initiative)
    return found.side if found.active else None


def _active_side(initiative: Initiative, user: Any, field: str) -> str:
    side = _side_of(initiative, user)
    if side is None:
        raise ValidationError({field: _("That person is not an active member of this initiative.")})
    return side


def _lock_for_reversal(entry: E, reason: str) -> E:
    """Lock an entry and check it may be reversed: once, not a reversal, with a reason."""
    model = type(entry)
    locked = model.objects.select_for_update().get(pk=entry.pk)
    noun = {"noun": _("contribution") if model is Contribution else _("decision")}
    if locked.reverses_id is not None:
        raise ValidationError(
            _("A reversal cannot itself be reversed; record a new %(noun)s.") % noun
        )
    if model.objects.filter(reverses=locked).exists():
        raise ValidationError(_("This %(noun)s has already been reversed.") % noun)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the %(noun)s is being reversed.") % noun})
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
    return do_record_contribution(
        source=None,
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


def _source_fields(source: Model | None) -> dict[str, Any]:
    if source is None:
        return {"source_type": None, "source_id": None}
    if source.pk is None:
        raise ValueError("A record entry's source is saved before the entry.")
    return {"source_type": ContentType.objects.get_for_model(source), "source_id": source.pk}


@transaction.atomic
def do_record_contribution(
    *,
    source: Model | None,
    recorded_by: Any,
    initiative: Initiative,
    stage: Stage,
    kind: str,
    quantity: int,
    unit: str,
    occurred_on: datetime.date,
    description: str = "",
    contributor: Any = None,
    organisation: Organisation | None = None,
    side: str | None = None,
    paid: bool | None = None,
) -> Contribution:
    """Write a contribution for a capability that has checked its own permission (hours
    approved by the person served, a session both sides logged). ``source`` is what caused
    it, ``recorded_by`` whose action wrote it; the contributor is a member (their side is
    read from their membership) or an organisation (whose side the caller names). Time is
    paid when it is staff time unless the caller knows better."""
    check_stage(initiative, stage)
    if contributor is not None:
        side = _active_side(initiative, contributor, "contributor")
    elif organisation is None:
        raise ValidationError({"contributor": _("Name who contributed: a member or a body.")})
    elif side not in Side.values:
        raise ValidationError({"side": _("Say which side the organisation contributes on.")})
    if paid is None:
        paid = side == Side.REGULAR_PRODUCER and unit == Unit.MINUTES
    if unit not in KIND_UNITS.get(kind, set()):
        units = sorted(KIND_UNITS.get(kind, set()))
        allowed = ", ".join(str(Unit(u).label).lower() for u in units) or _("none")
        kind_label = (
            ContributionKind(kind).label.lower() if kind in ContributionKind.values else kind
        )
        raise ValidationError(
            {
                "unit": _("A %(kind)s contribution is measured in: %(allowed)s.")
                % {"kind": kind_label, "allowed": allowed}
            }
        )
    if not 0 < quantity <= MAX_QUANTITY[unit]:
        raise ValidationError(
            {
                "quantity": _("The quantity must be between 1 and %(most)s %(unit)s.")
                % {"most": f"{MAX_QUANTITY[unit]:,}", "unit": str(Unit(unit).label).lower()}
            }
        )
    _check_date("occurred_on", occurred_on)
    contribution = Contribution(
        initiative=initiative,
        stage=stage,
        contributor=contributor,
        organisation=organisation,
        side=side,
        paid=paid,
        kind=kind,
        quantity=quantity,
        unit=unit,
        description=description,
        occurred_on=occurred_on,
        recorded_by=recorded_by,
        **_source_fields(source),
    )
    contribution.full_clean()
    contribution.save()
    totals.do_add(contribution)
    return contribution


@transaction.atomic
def contribution_verify(*, actor: Any, contribution: Contribution) -> ContributionVerification:
    """A coordinator confirms someone else's contribution; each is verified once."""
    gate.require(actor, "record.verify_contribution", contribution)
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if locked.reverses_id is not None or hasattr(locked, "reversed_by"):
        raise ValidationError(_("A reversed contribution, or a reversal, cannot be verified."))
    if ContributionVerification.objects.filter(contribution=locked).exists():
        raise ValidationError(_("This contribution is already verified."))
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
        organisation_id=locked.organisation_id,
        side=locked.side,
        paid=locked.paid,
        kind=locked.kind,
        quantity=-locked.quantity,
        unit=locked.unit,
        description=locked.description,
        occurred_on=locked.occurred_on,
        recorded_by=actor,
        reverses=locked,
        reason=reason.strip(),
        source_type_id=locked.source_type_id,
        source_id=locked.source_id,
    )
    reversal.full_clean()
    reversal.save()
    totals.do_add(reversal)
    return reversal


ONLY_COORDINATORS_NAME_OTHERS = gettext_lazy(
    "Only a coordinator can name someone else as who started a decision: name yourself, "
    "or say which side started it."
)
ONLY_COORDINATORS_NAME_OTHER_SIDES = gettext_lazy(
    "Only a coordinator can say another side started a decision: choose your own side, "
    "or ask a coordinator to record it."
)


ONLY_COORDINATORS_NAME_OTHER_BODIES = gettext_lazy(
    "Only a coordinator can record a decision another side took alone: say your own side "
    "took it, or that it was taken jointly."
)


def bodies_named_by(actor: Any, initiative: Initiative) -> list[str]:
    """The bodies ``actor`` may say took a decision: any, for a coordinator (or staff); a
    member, their own side's or a joint one, never another side's alone."""
    own = {DECIDING_BODY_OF_SIDE[side] for side in sides_named_by(actor, initiative)}
    return [body for body in DecidingBody.values if body in own or body == DecidingBody.JOINT]


def sides_named_by(actor: Any, initiative: Initiative) -> list[str]:
    """The sides ``actor`` may say started a decision: any, for a coordinator (or staff);
    a member speaks for their own side alone, never for another's."""
    if gate.allows(actor, "record.add_decision_for_others", initiative):
        return list(Side.values)
    side = _side_of(initiative, actor)
    return [side] if side else []


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
    """Record a decision by hand: what, who started it, who took it, how, and how many of
    each side were in the room (people counted, not named)."""
    gate.require(actor, "record.add_decision", initiative)
    if not gate.allows(actor, "record.add_decision_for_others", initiative):
        if initiated_by is not None and getattr(initiated_by, "pk", None) != actor.pk:
            raise ValidationError({"initiated_by": ONLY_COORDINATORS_NAME_OTHERS})
        if initiated_by is None and initiated_by_side not in sides_named_by(actor, initiative):
            raise ValidationError({"initiated_by_side": ONLY_COORDINATORS_NAME_OTHER_SIDES})
        if decided_by not in bodies_named_by(actor, initiative):
            raise ValidationError({"decided_by": ONLY_COORDINATORS_NAME_OTHER_BODIES})
    counts = {
        "participants_citizen": participants_citizen,
        "participants_professional": participants_professional,
        "participants_political": participants_political,
    }
    for field, count in counts.items():
        if not 0 <= count <= 1_000_000:
            raise ValidationError({field: _("Give a number of people between 0 and 1,000,000.")})
    return do_record_decision(
        source=None,
        recorded_by=actor,
        initiative=initiative,
        stage=stage,
        title=title,
        decided_by=decided_by,
        rule=rule,
        decided_on=decided_on,
        outcome=outcome,
        initiated_by=initiated_by,
        initiated_by_side=initiated_by_side,
        headcounts={
            Side.CITIZEN: participants_citizen,
            Side.REGULAR_PRODUCER: participants_professional,
            Side.POLITICAL: participants_political,
        },
        evidence_url=evidence_url,
    )


@dataclass(frozen=True)
class Participant:
    """One person's part in a decision; their side is the one they act on in the initiative
    now unless the caller knows it from the occasion (a board seat's side)."""

    person: Any
    position: str
    side: str | None = None


def _participant_rows(
    initiative: Initiative,
    participants: Sequence[Participant],
    headcounts: Mapping[str, int] | None,
) -> list[DecisionParticipant]:
    rows = []
    seen: set[int] = set()
    for participant in participants:
        if participant.person.pk in seen:
            raise ValidationError(
                {"participants": _("%(person)s is named twice.") % {"person": participant.person}}
            )
        seen.add(participant.person.pk)
        if participant.position not in Position.values:
            raise ValidationError({"participants": _("Say how each person took part.")})
        side = participant.side or _active_side(initiative, participant.person, "participants")
        rows.append(
            DecisionParticipant(person=participant.person, side=side, position=participant.position)
        )
    for side, count in (headcounts or {}).items():
        if side not in Side.values or not 0 <= count <= 1_000_000:
            raise ValidationError(
                {
                    "participants": _(
                        "Give a number of people between 0 and 1,000,000 for each side."
                    )
                }
            )
        if count:
            rows.append(DecisionParticipant(side=side, position=Position.PRESENT, headcount=count))
    return rows


@transaction.atomic
def do_record_decision(
    *,
    source: Model | None,
    recorded_by: Any,
    initiative: Initiative,
    stage: Stage,
    title: str,
    decided_by: str,
    rule: str,
    decided_on: datetime.date,
    outcome: str = "",
    initiated_by: Any = None,
    initiated_by_side: str = "",
    carried: bool = True,
    kind: str = DecisionKind.DECISION,
    participants: Sequence[Participant] = (),
    headcounts: Mapping[str, int] | None = None,
    evidence_url: str = "",
) -> Decision:
    """Write a decision for a capability that has checked its own permission (a board's
    vote, a count, a coordinator's ruling): who started it, who took it and how, whether it
    carried, each participant as they took part, and its source."""
    check_stage(initiative, stage)
    if initiated_by is not None:
        initiated_by_side = _active_side(initiative, initiated_by, "initiated_by")
    elif initiated_by_side not in Side.values:
        raise ValidationError(
            {"initiated_by_side": _("Say which side initiated the decision, or who did.")}
        )
    _check_date("decided_on", decided_on)
    rows = _participant_rows(initiative, participants, headcounts)
    decision = Decision(
        initiative=initiative,
        stage=stage,
        title=title,
        outcome=outcome,
        initiated_by=initiated_by,
        initiated_by_side=initiated_by_side,
        decided_by=decided_by,
        rule=rule,
        kind=kind,
        carried=carried,
        evidence_url=evidence_url,
        decided_on=decided_on,
        recorded_by=recorded_by,
        **_source_fields(source),
    )
    decision.full_clean()
    decision.save()
    for row in rows:
        row.decision = decision
    DecisionParticipant.objects.bulk_create(rows)
    totals.do_add_decision(decision, rows)
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
        kind=locked.kind,
        carried=locked.carried,
        source_type_id=locked.source_type_id,
        source_id=locked.source_id,
        decided_on=timezone.localdate(),
        recorded_by=actor,
        reverses=locked,
        reason=reason.strip(),
    )
    reversal.full_clean()
    reversal.save()
    totals.do_take_away_decision(locked)
    return reversal
