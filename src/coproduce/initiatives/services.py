"""Writes for initiatives: the one path every page, API call and command goes through."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from coproduce.core import gate
from coproduce.core.vocabulary import Side, StageStatus
from coproduce.initiatives import selectors
from coproduce.initiatives.models import (
    Goal,
    Initiative,
    JoinPolicy,
    Membership,
    MembershipStatus,
    Stage,
)
from coproduce.organisations.models import Organisation

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
    *, actor: Any, initiative: Initiative, side: str, role: str, leadership_type: str = ""
) -> Membership:
    """Ask to join (or accept an invitation). Open initiatives admit at once."""
    gate.require(actor, "initiatives.join_initiative", initiative)
    membership = _lock_membership(initiative, actor)
    invited = membership is not None and membership.status == MembershipStatus.INVITED
    admitted = invited or initiative.join_policy == JoinPolicy.OPEN
    if membership is None:
        membership = Membership(initiative=initiative, user=actor)
    membership.side, membership.role, membership.leadership_type = side, role, leadership_type
    membership.status = MembershipStatus.ACTIVE if admitted else MembershipStatus.REQUESTED
    membership.is_coordinator = False
    membership.full_clean(exclude=["initiative", "user"])
    membership.save()
    selectors.statuses_changed(initiative)
    return membership


@transaction.atomic
def membership_invite(
    *, actor: Any, initiative: Initiative, user: Any, side: str, role: str
) -> Membership:
    gate.require(actor, "initiatives.manage_members", initiative)
    membership = _lock_membership(initiative, user)
    if membership is not None and membership.status == MembershipStatus.ACTIVE:
        raise ValidationError({"user": "That person is already a member."})
    if membership is None:
        membership = Membership(initiative=initiative, user=user)
    membership.side, membership.role = side, role
    membership.status, membership.invited_by = MembershipStatus.INVITED, actor
    membership.full_clean(exclude=["initiative", "user"])
    membership.save()
    selectors.statuses_changed(initiative)
    return membership


@transaction.atomic
def membership_decide(*, actor: Any, membership: Membership, approve: bool) -> Membership:
    """A coordinator approves or declines a request to join."""
    gate.require(actor, "initiatives.manage_members", membership.initiative)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError({"status": "Only a pending request can be approved or declined."})
    membership.status = MembershipStatus.ACTIVE if approve else MembershipStatus.DECLINED
    membership.save(update_fields=["status", "updated_at"])
    selectors.statuses_changed(membership.initiative)
    return membership


@transaction.atomic
def membership_set_coordinator(
    *, actor: Any, membership: Membership, is_coordinator: bool
) -> Membership:
    gate.require(actor, "initiatives.manage_members", membership.initiative)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if is_coordinator and membership.status != MembershipStatus.ACTIVE:
        raise ValidationError({"is_coordinator": "Only an active member can coordinate."})
    if not is_coordinator:
        _ensure_another_coordinator(membership)
    membership.is_coordinator = is_coordinator
    membership.save(update_fields=["is_coordinator", "updated_at"])
    return membership


@transaction.atomic
def membership_leave(*, actor: Any, initiative: Initiative) -> Membership:
    gate.require(actor, "initiatives.leave_initiative", initiative)
    membership = _lock_membership(initiative, actor)
    assert membership is not None  # the permission guarantees an active membership
    if membership.is_coordinator:
        _ensure_another_coordinator(membership)
    membership.status, membership.is_coordinator = MembershipStatus.LEFT, False
    membership.save(update_fields=["status", "is_coordinator", "updated_at"])
    selectors.statuses_changed(initiative)
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
