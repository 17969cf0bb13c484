"""Writes for initiatives: the one path every page, API call and command goes through."""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.core import gate
from coproduce.core.dates import date_problem, year_problem
from coproduce.core.queries import one_or_none
from coproduce.core.vocabulary import (
    DECIDING_BODY_OF_SIDE,
    DecisionKind,
    DecisionRule,
    Position,
    Side,
    StageKind,
    StageStatus,
    WhoDoesIt,
)
from coproduce.initiatives import selectors
from coproduce.initiatives.models import (
    DIAGNOSTIC_DEFAULTS,
    DiagnosticSettings,
    Goal,
    Initiative,
    JoinPolicy,
    Membership,
    MembershipStatus,
    SideChange,
    SideChangeStatus,
    Stage,
    StageDeclaration,
)
from coproduce.notifications.kinds import Kind
from coproduce.notifications.services import notify
from coproduce.organisations.models import Organisation
from coproduce.record import services as record
from coproduce.record.services import Participant
from coproduce.search.services import document_refresh

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
    document_refresh(initiative)
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
    document_refresh(initiative)
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
        raise ValidationError(
            {"kind": _("This initiative already has that stage; edit it instead.")}
        )
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
        raise ValidationError({"ends_on": _("The end date must be on or after the start date.")})


@transaction.atomic
def goal_add(*, actor: Any, initiative: Initiative, text: str) -> Goal:
    """Propose a goal; the proposer's side counts as agreeing to it."""
    gate.require(actor, "initiatives.agree_goal", initiative)
    side = selectors.standing(actor, initiative).side
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
    if goal.is_rejected:
        raise ValidationError({"goal": GOAL_REJECTED})
    side = selectors.standing(actor, goal.initiative).side
    if side == Side.CITIZEN:
        goal.agreed_by_citizens = True
    elif side == Side.REGULAR_PRODUCER:
        goal.agreed_by_professionals = True
    else:
        raise ValidationError(_("Only the citizen and professional sides agree goals."))
    goal.save(update_fields=["agreed_by_citizens", "agreed_by_professionals"])
    return goal


GOAL_REJECTED = "This goal was rejected."


@transaction.atomic
def goal_reject(*, actor: Any, goal: Goal, reason: str) -> Goal:
    """A coordinator rules a goal out, saying why: the goal stays listed, shown as rejected,
    and the exclusion is a decision in the record, whose source is the goal."""
    gate.require(actor, "initiatives.reject_goal", goal.initiative)
    goal = Goal.objects.select_for_update().select_related("initiative").get(pk=goal.pk)
    if goal.is_rejected:
        raise ValidationError({"goal": GOAL_REJECTED})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the goal is rejected.")})
    goal.rejected_at, goal.rejected_by, goal.rejection_reason = timezone.now(), actor, reason[:500]
    goal.full_clean()
    goal.save(update_fields=["rejected_at", "rejected_by", "rejection_reason"])
    _record_coordinator_decision(
        actor=actor,
        initiative=goal.initiative,
        source=goal,
        kind=DecisionKind.EXCLUSION,
        title=f"Goal rejected: {goal.text}",
        outcome=f"{actor.shown_name} rejected the goal \u201c{goal.text}\u201d: {reason}",
    )
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
    others rely on, so they wait for a coordinator's approval even there, as does the
    return of someone a coordinator removed."""
    gate.require(actor, "initiatives.join_initiative", initiative)
    membership = _lock_membership(initiative, actor)
    invited = membership is not None and membership.status == MembershipStatus.INVITED
    if membership is not None and invited:
        _check_as_invited(membership, side, role)
    else:
        if not side:
            raise ValidationError({"side": _("Say which side you take part on.")})
        if not role:
            raise ValidationError({"role": _("Say in which role you take part.")})
        if membership is None:
            membership = Membership(initiative=initiative, user=actor)
        membership.side, membership.role = side, role
    admitted = invited or (
        initiative.join_policy == JoinPolicy.OPEN
        and membership.side == Side.CITIZEN
        and not membership.was_removed
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
                "side": _(
                    "You are invited as %(side)s; accept as invited, then ask a coordinator "
                    "to change your side."
                )
                % {"side": membership.get_side_display()}
            }
        )
    if role and role != membership.role:
        raise ValidationError(
            {
                "role": _(
                    "You are invited as %(role)s; accept as invited, then ask a coordinator "
                    "to change your role."
                )
                % {"role": membership.get_role_display()}
            }
        )


# Said alike of someone the coordinator does not work with and of a name no one has, so
# that inviting tells no one who has an account.
NOT_INVITABLE = gettext_lazy(
    "You can invite only people you work with in your other initiatives; anyone else can "
    "ask to join from the initiative's page."
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
        raise ValidationError({"user": _("You cannot invite yourself.")})
    membership = _lock_membership(initiative, user)
    if membership is not None and membership.status == MembershipStatus.ACTIVE:
        raise ValidationError({"user": _("That person is already a member.")})
    if not selectors.invitable_people(initiative, actor).filter(pk=user.pk).exists():
        raise ValidationError({"user": NOT_INVITABLE})
    if membership is None:
        membership = Membership(initiative=initiative, user=user)
    membership.side, membership.role = side, role
    membership.status, membership.invited_by = MembershipStatus.INVITED, actor
    membership.is_coordinator = membership.is_reviewer = False
    membership.full_clean(exclude=["initiative", "user"])
    membership.save()
    selectors.standing_changed(initiative)
    if side != Side.CITIZEN:
        _record_coordinator_decision(
            actor=actor,
            initiative=initiative,
            source=membership,
            title=f"{user.shown_name} invited as {membership.get_side_display()}",
            outcome=f"{actor.shown_name} invited {user.shown_name} to join on the "
            f"{membership.get_side_display()} side, as {membership.get_role_display()}.",
        )
    return membership


@transaction.atomic
def membership_decide(*, actor: Any, membership: Membership, approve: bool) -> Membership:
    """A coordinator approves or declines a request to join. No one approves their own; the
    professional and political sides need a coordinator (not staff), and the approval is a
    decision in the record. A refusal, on any side, is a decision to exclude, recorded."""
    gate.require(actor, "initiatives.manage_members", membership.initiative)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if approve:
        gate.require(actor, "initiatives.approve_join", membership)
        if membership.side != Side.CITIZEN:
            gate.require(actor, "initiatives.approve_side", membership)
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError({"status": _("Only a pending request can be approved or declined.")})
    membership.status = MembershipStatus.ACTIVE if approve else MembershipStatus.DECLINED
    membership.save(update_fields=["status", "updated_at"])
    selectors.standing_changed(membership.initiative)
    person = membership.user
    if approve and membership.side != Side.CITIZEN:
        _record_coordinator_decision(
            actor=actor,
            initiative=membership.initiative,
            source=membership,
            title=f"{person.shown_name} joins as {membership.get_side_display()}",
            outcome=f"{actor.shown_name} approved {person.shown_name}'s request to join on the "
            f"{membership.get_side_display()} side, as {membership.get_role_display()}.",
            initiated_by=person,
        )
    elif not approve:
        _record_coordinator_decision(
            actor=actor,
            initiative=membership.initiative,
            source=membership,
            kind=DecisionKind.EXCLUSION,
            title=f"{person.shown_name}'s request to join refused",
            outcome=f"{actor.shown_name} refused {person.shown_name}'s request to join on the "
            f"{membership.get_side_display()} side, as {membership.get_role_display()}.",
        )
    notify(
        recipients=[person],
        kind=Kind.REQUEST_DECIDED,
        message="join_approved" if approve else "join_declined",
        params={"initiative": membership.initiative.title},
        link=reverse("initiatives:detail", args=[membership.initiative.slug]),
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
        raise ValidationError({"side": _("That is already your side and role here.")})
    if selectors.pending_side_change(membership) is not None:
        raise ValidationError(
            {"side": _("You already asked for a change; wait for a coordinator's answer.")}
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
        raise ValidationError({"side": _("This member has no request to change side waiting.")})
    if approve and membership.status != MembershipStatus.ACTIVE:
        raise ValidationError({"side": _("Only an active member's side can change.")})
    change.status = SideChangeStatus.APPROVED if approve else SideChangeStatus.REFUSED
    change.decided_by, change.decided_at = actor, timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        membership.side, membership.role = change.side, change.role
        membership.full_clean(exclude=["initiative", "user"])
        membership.save(update_fields=["side", "role", "updated_at"])
        selectors.standing_changed(membership.initiative)
        person = membership.user
        _record_coordinator_decision(
            actor=actor,
            initiative=membership.initiative,
            source=change,
            title=f"{person.shown_name} now acts as {membership.get_side_display()}",
            outcome=f"{actor.shown_name} approved {person.shown_name}'s change from "
            f"{change.get_from_side_display()} ({change.get_from_role_display()}) to "
            f"{change.get_side_display()} ({change.get_role_display()}).",
            initiated_by=person,
        )
    notify(
        recipients=[membership.user_id],
        kind=Kind.REQUEST_DECIDED,
        message="side_approved" if approve else "side_refused",
        params={"initiative": membership.initiative.title},
        link=reverse("initiatives:detail", args=[membership.initiative.slug]),
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
        raise ValidationError({"is_reviewer": _("Only an active member can review.")})
    if membership.is_reviewer == is_reviewer:
        return membership
    membership.is_reviewer = is_reviewer
    membership.save(update_fields=["is_reviewer", "updated_at"])
    selectors.standing_changed(membership.initiative)
    person = membership.user
    _record_coordinator_decision(
        actor=actor,
        initiative=membership.initiative,
        source=membership,
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


# A decider with no side here (staff, who manage members of any initiative) decides for the
# platform's operator, the council: the regular producers' side.
SIDE_OF_STAFF = Side.REGULAR_PRODUCER


def _record_coordinator_decision(
    *,
    actor: Any,
    initiative: Initiative,
    source: Any,
    title: str,
    outcome: str,
    initiated_by: Any = None,
    kind: str = DecisionKind.DECISION,
    stage: Stage | None = None,
    decided_on: datetime.date | None = None,
) -> None:
    """Write a coordinator's decision about who takes part, on which side, or what the
    initiative sets out to do, to the record through the trusted door (the caller checked
    the permission): taken by the decider alone (delegated), present in person, today, in
    the stage the initiative is in (an initiative without stages gets its co-planning
    stage), unless the caller names the stage and the day."""
    stage = (
        stage
        or selectors.current_stage(initiative)
        or do_stage_for_record(initiative, StageKind.CO_PLANNING)
    )
    decider = selectors.standing(actor, initiative)
    side = decider.side if decider.active else SIDE_OF_STAFF
    if initiated_by is None and decider.active:
        initiated_by = actor
    record.do_record_decision(
        source=source,
        recorded_by=actor,
        initiative=initiative,
        stage=stage,
        title=title[:200],
        outcome=outcome[:4000],
        initiated_by=initiated_by,
        initiated_by_side=side,
        decided_by=DECIDING_BODY_OF_SIDE[side],
        rule=DecisionRule.DELEGATED,
        decided_on=decided_on or timezone.localdate(),
        kind=kind,
        participants=[Participant(actor, Position.PRESENT, side=side)],
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
        raise ValidationError({"is_coordinator": _("Only an active member can coordinate.")})
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
    _end_membership(membership, initiative)
    return membership


def _end_membership(
    membership: Membership, initiative: Initiative, status: str = MembershipStatus.LEFT
) -> None:
    """A member leaves or is removed: the powers given here (coordinating, reviewing) and a
    request to change side still waiting go with the membership, so a return starts afresh;
    the last coordinator cannot go."""
    if membership.is_coordinator:
        _ensure_another_coordinator(membership)
    membership.status, membership.is_coordinator = status, False
    membership.is_reviewer = False
    membership.save(
        update_fields=["status", "is_coordinator", "is_reviewer", "was_removed", "updated_at"]
    )
    membership.side_changes.filter(status=SideChangeStatus.PENDING).delete()
    selectors.standing_changed(initiative)


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership, reason: str) -> Membership:
    """A coordinator takes an active member out of the initiative, saying why: the
    membership ends as leaving does (powers and a waiting change of side go with it), and
    the removal is an exclusion in the record, the membership its source."""
    gate.require(actor, "initiatives.remove_member", membership)
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if membership.status != MembershipStatus.ACTIVE:
        raise ValidationError({"status": _("Only an active member can be removed.")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the member is removed.")})
    membership.was_removed = True
    _end_membership(membership, membership.initiative, MembershipStatus.REMOVED)
    person = membership.user
    _record_coordinator_decision(
        actor=actor,
        initiative=membership.initiative,
        source=membership,
        kind=DecisionKind.EXCLUSION,
        title=f"{person.shown_name} removed",
        outcome=f"{actor.shown_name} removed {person.shown_name} (on the "
        f"{membership.get_side_display()} side) from the initiative: {reason}",
    )
    return membership


def _ensure_another_coordinator(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(initiative=membership.initiative, is_coordinator=True)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(
            _("An initiative needs at least one coordinator: appoint another one first.")
        )


# The hourly rates a coordinator can give: whole pence, up to £1,000 an hour.
MAX_RATE_PENCE = 100_000
# The weekly cap: from one hour to every hour of the week.
WEEKLY_CAP_MINUTES = (60, 168 * 60)
RATES = ("low", "high")


@transaction.atomic
def diagnostic_settings_save(
    *, actor: Any, initiative: Initiative, **fields: Any
) -> DiagnosticSettings:
    """Set how the diagnostics read this initiative (docs/diagnostics.md): the threshold t,
    the low and high hourly rates that value time (in pence, each with its source and
    year) and the weekly cap (in minutes). Fields left out keep their value (saved, or the
    default). Two saves at once leave one row, the later one's."""
    gate.require(actor, "initiatives.change_diagnostic_settings", initiative)
    unknown = sorted(set(fields) - set(DIAGNOSTIC_DEFAULTS))
    if unknown:
        raise ValidationError({name: "This is not a diagnostic setting." for name in unknown})
    saved = one_or_none(
        DiagnosticSettings.objects.select_for_update().filter(initiative=initiative)
    )
    current = saved or selectors.diagnostic_settings(initiative)
    values = {name: fields.get(name, getattr(current, name)) for name in DIAGNOSTIC_DEFAULTS}
    values = _checked_settings(values)
    # a row another request adds meanwhile is found and updated (get_or_create's retry)
    row, _ = DiagnosticSettings.objects.select_for_update().update_or_create(
        initiative=initiative, defaults={**values, "updated_by": actor}
    )
    return row


def _checked_settings(values: dict[str, Any]) -> dict[str, Any]:
    """The settings as they are stored, or every problem at once, each naming its field."""
    errors: dict[str, str] = {}
    threshold = _threshold(values["threshold"], errors)
    checked: dict[str, Any] = {"threshold": threshold}
    for rate in RATES:
        pence = values[f"{rate}_rate_pence"]
        if not _whole(pence) or not 0 < pence <= MAX_RATE_PENCE:
            errors[f"{rate}_rate_pence"] = (
                f"Give the {rate} hourly rate in whole pence, from 1 to "
                f"{MAX_RATE_PENCE:,} (£{MAX_RATE_PENCE // 100:,})."
            )
        source = str(values[f"{rate}_rate_source"] or "").strip()
        if not source:
            errors[f"{rate}_rate_source"] = f"Say where the {rate} rate comes from."
        elif len(source) > 200:
            errors[f"{rate}_rate_source"] = "Keep the source to 200 characters."
        year = values[f"{rate}_rate_year"]
        problem = year_problem(year, past_only=True) if _whole(year) else "Give a year."
        if problem:
            errors[f"{rate}_rate_year"] = problem
        checked |= {
            f"{rate}_rate_pence": pence,
            f"{rate}_rate_source": source,
            f"{rate}_rate_year": year,
        }
    if not errors.keys() & {"low_rate_pence", "high_rate_pence"} and (
        checked["high_rate_pence"] < checked["low_rate_pence"]
    ):
        errors["high_rate_pence"] = "The high rate cannot be below the low rate."
    cap = values["weekly_cap_minutes"]
    low, high = WEEKLY_CAP_MINUTES
    if not _whole(cap) or not low <= cap <= high:
        errors["weekly_cap_minutes"] = (
            f"Give the weekly cap from {low // 60} to {high // 60} hours "
            f"({low} to {high:,} minutes)."
        )
    checked["weekly_cap_minutes"] = cap
    if errors:
        raise ValidationError(errors)
    return checked


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _threshold(value: Any, errors: dict[str, str]) -> Decimal | None:
    """The threshold as two decimals in [0, 0.5), or None with the problem in ``errors``."""
    try:
        threshold = Decimal(str(value))
    except (InvalidOperation, ValueError):
        threshold = Decimal("NaN")
    if not threshold.is_finite() or isinstance(value, bool):
        errors["threshold"] = "Give the threshold as a number, e.g. 0.10."
    elif not 0 <= threshold < Decimal("0.5"):
        errors["threshold"] = "The threshold must be at least 0 and below 0.5."
    elif threshold != threshold.quantize(Decimal("0.01")):
        errors["threshold"] = "Give the threshold with at most two decimals, e.g. 0.15."
    else:
        return threshold.quantize(Decimal("0.01"))
    return None


# Who does it, as a declaration's decision says it ("planning by citizens alone").
WHO_IN_WORDS: dict[str, str] = {
    WhoDoesIt.PROFESSIONALS_ALONE: "professionals alone",
    WhoDoesIt.JOINT: "professionals and citizens jointly",
    WhoDoesIt.CITIZENS_ALONE: "citizens alone",
}


@transaction.atomic
def stage_declare(
    *,
    actor: Any,
    stage: Stage,
    planning: str = "",
    delivery: str = "",
    assessment: str = "",
    evidence: str,
    declared_on: datetime.date,
) -> StageDeclaration:
    """A coordinator states, with its evidence, who plans (or designs), who delivers and
    who assesses the service in a stage (professionals alone, jointly, citizens alone; any
    left blank is not declared), because much of that work happens off the platform. The
    declaration is the source of a declaration decision in the record, the coordinator's,
    on the day declared; reversing that decision (the record's reversal) withdraws it."""
    initiative = stage.initiative
    gate.require(actor, "initiatives.declare_stage", initiative)
    declared = {"planning": planning, "delivery": delivery, "assessment": assessment}
    errors = {
        field: "Choose professionals alone, jointly, citizens alone, or not declared."
        for field, value in declared.items()
        if value not in ("", *WhoDoesIt.values)
    }
    if not errors and not any(declared.values()):
        errors["planning"] = "Declare at least one of planning, delivery or assessment."
    evidence = (evidence or "").strip()
    if not evidence:
        errors["evidence"] = "Say what shows it: a meeting, a document, who does the work."
    elif len(evidence) > 1000:
        errors["evidence"] = "Keep the evidence to 1,000 characters."
    if not isinstance(declared_on, datetime.date):
        errors["declared_on"] = "Give the day as YYYY-MM-DD, e.g. 2026-04-01."
    elif problem := date_problem(declared_on, past_only=True):
        errors["declared_on"] = problem
    if errors:
        raise ValidationError(errors)
    declaration = StageDeclaration(
        stage=stage, evidence=evidence, declared_by=actor, declared_on=declared_on, **declared
    )
    declaration.full_clean()
    declaration.save()
    parts = [f"{part} by {WHO_IN_WORDS[who]}" for part, who in declared.items() if who]
    _record_coordinator_decision(
        actor=actor,
        initiative=initiative,
        source=declaration,
        kind=DecisionKind.DECLARATION,
        title=f"Declared for {stage.get_kind_display()}: " + "; ".join(parts),
        outcome=evidence,
        stage=stage,
        decided_on=declared_on,
    )
    return declaration
