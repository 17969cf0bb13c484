"""Writes for initiatives: the one path every page, API call and command goes through."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from coproduce.core import gate
from coproduce.core.vocabulary import (
    DECIDING_BODY_OF_SIDE,
    DecisionRule,
    Side,
    StageKind,
    StageStatus,
)
from coproduce.initiatives import selectors
from coproduce.initiatives.models import (
    Goal,
    Initiative,
    JoinPolicy,
    Membership,
    MembershipStatus,
    SideChange,
    SideChangeStatus,
    Stage,
)
from coproduce.organisations.models import Organisation
from coproduce.record import services as record

EDITABLE_FIELDS = (
    "title",
    "summary",
    "service_area",
    "locality",
    "country",
    "lead_organisation",
    "visibility",
    "join_policy",
)


def _unique_slug(title: str) -> str:
    base = slugify(title)[:70] or "initiative"
    slug, n = base, 2
    while Initiative.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def initiative_create(
    *,
    actor: Any,
    title: str,
    summary: str,
    service_area: str,
    side: str,
    role: str,
    locality: str = "",
    country: str = "United Kingdom",
    lead_organisation: Organisation | None = None,
    partner_organisations: Iterable[Organisation] = (),
    visibility: str = "public",
    join_policy: str = JoinPolicy.APPROVAL,
    leadership_type: str = "",
    slug: str = "",
) -> Initiative:
    """Start an initiative; its creator becomes its first coordinator, on the side they say."""
    gate.require(actor, "initiatives.add_initiative")
    initiative = Initiative(
        slug=slug or _unique_slug(title),
        title=title,
        summary=summary,
        service_area=service_area,
        locality=locality,
        country=country,
        lead_organisation=lead_organisation,
        visibility=visibility,
        join_policy=join_policy,
        created_by=actor,
    )
    initiative.full_clean()
    initiative.save()
    initiative.partner_organisations.set(partner_organisations)
    membership = Membership(
        initiative=initiative,
        user=actor,
        side=side,
        role=role,
        leadership_type=leadership_type,
        is_coordinator=True,
        status=MembershipStatus.ACTIVE,
    )
    membership.full_clean(exclude=["initiative", "user"])
    membership.save()
    return initiative


@transaction.atomic
def initiative_update(*, actor: Any, initiative: Initiative, **changes: Any) -> Initiative:
    """Change an initiative's description; only coordinators and staff may."""
    gate.require(actor, "initiatives.change_initiative", initiative)
    partners = changes.pop("partner_organisations", None)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in unknown})
    for name, value in changes.items():
        setattr(initiative, name, value)
    initiative.full_clean()
    initiative.save()
    if partners is not None:
        initiative.partner_organisations.set(partners)
    return initiative


@transaction.atomic
def stage_create(
    *,
    actor: Any,
    initiative: Initiative,
    kind: str,
    status: str = StageStatus.PLANNED,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    notes: str = "",
) -> Stage:
    """Add a stage of the value chain to the initiative's timeline."""
    gate.require(actor, "initiatives.change_initiative", initiative)
    if initiative.stages.filter(kind=kind).exists():
        raise ValidationError({"kind": "This initiative already has that stage; edit it instead."})
    stage = Stage(
        initiative=initiative,
        kind=kind,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        notes=notes,
    )
    _check_dates(stage)
    stage.full_clean(validate_constraints=False)
    stage.save()
    return stage


@transaction.atomic
def stage_update(*, actor: Any, stage: Stage, **changes: Any) -> Stage:
    gate.require(actor, "initiatives.change_initiative", stage.initiative)
    for name in ("status", "starts_on", "ends_on", "notes"):
        if name in changes:
            setattr(stage, name, changes[name])
    _check_dates(stage)
    stage.full_clean(validate_constraints=False)
    stage.save()
    return stage


def _check_dates(stage: Stage) -> None:
    if stage.starts_on and stage.ends_on and stage.ends_on < stage.starts_on:
        raise ValidationError({"ends_on": "The end date must be on or after the start date."})


@transaction.atomic
def goal_add(*, actor: Any, initiative: Initiative, text: str) -> Goal:
    """Propose a goal; the proposer's side counts as agreeing to it."""
    gate.require(actor, "initiatives.agree_goal", initiative)
    side = initiative.memberships.get(user=actor).side
    goal = Goal(
        initiative=initiative,
        text=text,
        proposed_by=actor,
        proposed_by_side=side,
        agreed_by_citizens=side == Side.CITIZEN,
        agreed_by_professionals=side == Side.REGULAR_PRODUCER,
    )
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def goal_agree(*, actor: Any, goal: Goal) -> Goal:
    """Record that the actor's side agrees with a goal (shared understanding)."""
    gate.require(actor, "initiatives.agree_goal", goal.initiative)
    side = goal.initiative.memberships.get(user=actor).side
    if side == Side.CITIZEN:
        goal.agreed_by_citizens = True
    elif side == Side.REGULAR_PRODUCER:
        goal.agreed_by_professionals = True
    else:
        raise ValidationError("Only the citizen and professional sides agree goals.")
    goal.save(update_fields=["agreed_by_citizens", "agreed_by_professionals"])
    return goal


def _lock_membership(initiative: Initiative, user: Any) -> Membership | None:
    return Membership.objects.select_for_update().filter(initiative=initiative, user=user).first()


@transaction.atomic
def membership_request(
    *,
    actor: Any,
    initiative: Initiative,
    side: str | None = None,
    role: str | None = None,
    leadership_type: str = "",
) -> Membership:
    """Ask to join, or accept an invitation on the side and in the role the coordinator chose
    (a different side or role is refused: ask for a change once a member). An open
    initiative admits citizens at once; the professional and political sides are claims
    others rely on, so they wait for a coordinator's approval even there."""
    gate.require(actor, "initiatives.join_initiative", initiative)
    membership = _lock_membership(initiative, actor)
    invited = membership is not None and membership.status == MembershipStatus.INVITED
    if membership is not None and invited:
        _check_as_invited(membership, side, role)
    else:
        if not side:
            raise ValidationError({"side": "Say which side you take part on."})
        if not role:
            raise ValidationError({"role": "Say in which role you take part."})
        if membership is None:
            membership = Membership(initiative=initiative, user=actor)
        membership.side, membership.role = side, role
    admitted = invited or (
        initiative.join_policy == JoinPolicy.OPEN and membership.side == Side.CITIZEN
    )
    membership.leadership_type = leadership_type
    membership.status = MembershipStatus.ACTIVE if admitted else MembershipStatus.REQUESTED
    membership.is_coordinator = membership.is_reviewer = False
    membership.full_clean(exclude=["initiative", "user"])
    membership.save()
    selectors.standing_changed(initiative)
    return membership


def _check_as_invited(membership: Membership, side: str | None, role: str | None) -> None:
    """An invitation is accepted as the coordinator made it."""
    if side and side != membership.side:
        raise ValidationError(
            {
                "side": f"You are invited as {membership.get_side_display()}; accept as "
                "invited, then ask a coordinator to change your side."
            }
        )
    if role and role != membership.role:
        raise ValidationError(
            {
                "role": f"You are invited as {membership.get_role_display()}; accept as "
                "invited, then ask a coordinator to change your role."
            }
        )


@transaction.atomic
def membership_invite(
    *, actor: Any, initiative: Initiative, user: Any, side: str, role: str
) -> Membership:
    """Invite a person on a side and in a role the coordinator chooses. Inviting someone on
    the professional or political side vouches for that side, so it is a coordinator's
    decision, recorded."""
    gate.require(actor, "initiatives.manage_members", initiative)
    if side != Side.CITIZEN:
        gate.require(actor, "initiatives.approve_side", initiative)
    if user.pk == actor.pk:
        raise ValidationError({"user": "You cannot invite yourself."})
    membership = _lock_membership(initiative, user)
    if membership is not None and membership.status == MembershipStatus.ACTIVE:
        raise ValidationError({"user": "That person is already a member."})
    if membership is None:
        membership = Membership(initiative=initiative, user=user)
    membership.side, membership.role = side, role
    membership.status, membership.invited_by = MembershipStatus.INVITED, actor
    membership.is_coordinator = membership.is_reviewer = False
    membership.full_clean(exclude=["initiative", "user"])
    membership.save()
    selectors.standing_changed(initiative)
    if side != Side.CITIZEN:
        _record_membership_decision(
            actor=actor,
            initiative=initiative,
            title=f"{user.shown_name} invited as {membership.get_side_display()}",
            outcome=f"{actor.shown_name} invited {user.shown_name} to join on the "
            f"{membership.get_side_display()} side, as {membership.get_role_display()}.",
        )
    return membership


@transaction.atomic
def membership_decide(*, actor: Any, membership: Membership, approve: bool) -> Membership:
    """A coordinator approves or declines a request to join. No one approves their own; the
    professional and political sides need a coordinator (not staff), and the approval is a
    decision in the record."""
    gate.require(actor, "initiatives.manage_members", membership.initiative)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if approve:
        gate.require(actor, "initiatives.approve_join", membership)
        if membership.side != Side.CITIZEN:
            gate.require(actor, "initiatives.approve_side", membership)
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError({"status": "Only a pending request can be approved or declined."})
    membership.status = MembershipStatus.ACTIVE if approve else MembershipStatus.DECLINED
    membership.save(update_fields=["status", "updated_at"])
    selectors.standing_changed(membership.initiative)
    if approve and membership.side != Side.CITIZEN:
        person = membership.user
        _record_membership_decision(
            actor=actor,
            initiative=membership.initiative,
            title=f"{person.shown_name} joins as {membership.get_side_display()}",
            outcome=f"{actor.shown_name} approved {person.shown_name}'s request to join on the "
            f"{membership.get_side_display()} side, as {membership.get_role_display()}.",
            initiated_by=person,
        )
    return membership


@transaction.atomic
def side_change_request(*, actor: Any, initiative: Initiative, side: str, role: str) -> SideChange:
    """A member asks to act on another side or in another role; it waits for a coordinator
    other than themself (``side_change_decide``). One request waits at a time."""
    gate.require(actor, "initiatives.change_side", initiative)
    membership = _lock_membership(initiative, actor)
    assert membership is not None  # the permission guarantees an active membership
    if (side, role) == (membership.side, membership.role):
        raise ValidationError({"side": "That is already your side and role here."})
    if selectors.pending_side_change(membership) is not None:
        raise ValidationError(
            {"side": "You already asked for a change; wait for a coordinator's answer."}
        )
    change = SideChange(
        membership=membership,
        from_side=membership.side,
        from_role=membership.role,
        side=side,
        role=role,
    )
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def side_change_decide(*, actor: Any, membership: Membership, approve: bool) -> SideChange:
    """A coordinator, never the member themself, approves or refuses a member's waiting
    request to change side; an approval changes the membership and is recorded as a
    decision, with who took it."""
    gate.require(actor, "initiatives.approve_side", membership)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    change = selectors.pending_side_change(membership)
    if change is None:
        raise ValidationError({"side": "This member has no request to change side waiting."})
    if approve and membership.status != MembershipStatus.ACTIVE:
        raise ValidationError({"side": "Only an active member's side can change."})
    change.status = SideChangeStatus.APPROVED if approve else SideChangeStatus.REFUSED
    change.decided_by, change.decided_at = actor, timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        membership.side, membership.role = change.side, change.role
        membership.full_clean(exclude=["initiative", "user"])
        membership.save(update_fields=["side", "role", "updated_at"])
        selectors.standing_changed(membership.initiative)
        person = membership.user
        _record_membership_decision(
            actor=actor,
            initiative=membership.initiative,
            title=f"{person.shown_name} now acts as {membership.get_side_display()}",
            outcome=f"{actor.shown_name} approved {person.shown_name}'s change from "
            f"{change.get_from_side_display()} ({change.get_from_role_display()}) to "
            f"{change.get_side_display()} ({change.get_role_display()}).",
            initiated_by=person,
        )
    return change


@transaction.atomic
def membership_set_reviewer(*, actor: Any, membership: Membership, is_reviewer: bool) -> Membership:
    """A coordinator names an active member a reviewer (feasibility reviews, implementation
    updates, paper ballots) or withdraws it: a power given to a named person, recorded as a
    decision, never taken by claiming a side."""
    gate.require(actor, "initiatives.grant_reviewer", membership)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if is_reviewer and membership.status != MembershipStatus.ACTIVE:
        raise ValidationError({"is_reviewer": "Only an active member can review."})
    if membership.is_reviewer == is_reviewer:
        return membership
    membership.is_reviewer = is_reviewer
    membership.save(update_fields=["is_reviewer", "updated_at"])
    selectors.standing_changed(membership.initiative)
    person = membership.user
    _record_membership_decision(
        actor=actor,
        initiative=membership.initiative,
        title=f"{person.shown_name} {'named' if is_reviewer else 'no longer'} a reviewer",
        outcome=f"{actor.shown_name} "
        + (
            f"named {person.shown_name} a reviewer: they review proposals' feasibility, "
            "report on funded projects and enter paper ballots."
            if is_reviewer
            else f"withdrew {person.shown_name}'s reviewer role."
        ),
    )
    return membership


def _record_membership_decision(
    *, actor: Any, initiative: Initiative, title: str, outcome: str, initiated_by: Any = None
) -> None:
    """Write a coordinator's decision about who takes part, and on which side, to the record
    (through ``record.decision_record``, as boards and counts do), in the stage the
    initiative is in; an initiative without stages gets its co-planning stage."""
    stage = selectors.current_stage(initiative)
    if stage is None:
        stage = Stage(
            initiative=initiative,
            kind=StageKind.CO_PLANNING,
            notes="Added to record who takes part, and on which side.",
        )
        stage.full_clean(validate_constraints=False)
        stage.save()
    decider = selectors.active_membership_for(actor, initiative)
    assert decider is not None  # these decisions are a coordinator's, an active member
    record.decision_record(
        actor=actor,
        initiative=initiative,
        stage=stage,
        title=title[:200],
        outcome=outcome[:4000],
        initiated_by=initiated_by or actor,
        decided_by=DECIDING_BODY_OF_SIDE[decider.side],
        rule=DecisionRule.DELEGATED,
        decided_on=timezone.localdate(),
        participants_citizen=int(decider.side == Side.CITIZEN),
        participants_professional=int(decider.side == Side.REGULAR_PRODUCER),
        participants_political=int(decider.side == Side.POLITICAL),
    )


def do_stage_for_record(initiative: Initiative, kind: str) -> Stage:
    """The initiative's stage of this kind, added (planned, with a note) if it has none: a
    capability that writes to the record in a stage the initiative has not set up gets the
    stage rather than leaving its entry out. Two requests adding it at once both get the
    one stage (the database keeps a kind once per initiative)."""
    stage = selectors.stage_of(initiative, kind)
    if stage is not None:
        return stage
    stage = Stage(
        initiative=initiative,
        kind=kind,
        notes="Added when the first entry of this stage was recorded.",
    )
    stage.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            stage.save()
    except IntegrityError:
        found = selectors.stage_of(initiative, kind)
        assert found is not None  # the other request's stage, which made ours fail
        return found
    return stage


@transaction.atomic
def membership_set_coordinator(
    *, actor: Any, membership: Membership, is_coordinator: bool
) -> Membership:
    """Appoint a coordinator, or step one down; no one appoints themself (staff who joined
    would otherwise make themselves coordinators)."""
    gate.require(actor, "initiatives.manage_members", membership.initiative)
    if is_coordinator:
        gate.require(actor, "initiatives.appoint_coordinator", membership)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if is_coordinator and membership.status != MembershipStatus.ACTIVE:
        raise ValidationError({"is_coordinator": "Only an active member can coordinate."})
    if not is_coordinator:
        _ensure_another_coordinator(membership)
    membership.is_coordinator = is_coordinator
    membership.save(update_fields=["is_coordinator", "updated_at"])
    selectors.standing_changed(membership.initiative)
    return membership


@transaction.atomic
def membership_leave(*, actor: Any, initiative: Initiative) -> Membership:
    """Leave; the powers given here (coordinating, reviewing) and a request to change side
    still waiting go with the membership, so a return starts afresh."""
    gate.require(actor, "initiatives.leave_initiative", initiative)
    membership = _lock_membership(initiative, actor)
    assert membership is not None  # the permission guarantees an active membership
    if membership.is_coordinator:
        _ensure_another_coordinator(membership)
    membership.status, membership.is_coordinator = MembershipStatus.LEFT, False
    membership.is_reviewer = False
    membership.save(update_fields=["status", "is_coordinator", "is_reviewer", "updated_at"])
    membership.side_changes.filter(status=SideChangeStatus.PENDING).delete()
    selectors.standing_changed(initiative)
    return membership


def _ensure_another_coordinator(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(initiative=membership.initiative, is_coordinator=True)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(
            "An initiative needs at least one coordinator: appoint another one first."
        )
