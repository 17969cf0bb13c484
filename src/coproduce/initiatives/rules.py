"""Every permission decision about initiatives, their stages, goals and members.

Predicates take the initiative (or an object that has one) as their target.
"""

from typing import Any

import rules

from coproduce.initiatives.models import (
    Initiative,
    JoinPolicy,
    Membership,
    MembershipStatus,
    Visibility,
)
from coproduce.initiatives.selectors import NO_STANDING, Standing, standing


def initiative_of(target: Any) -> Initiative | None:
    """The initiative a permission target belongs to (the target itself if it is one)."""
    if isinstance(target, Initiative):
        return target
    return getattr(target, "initiative", None)


def standing_in(user: Any, target: Any) -> Standing:
    """The person's standing in the target's initiative (none without an initiative)."""
    initiative = initiative_of(target)
    return NO_STANDING if initiative is None else standing(user, initiative)


@rules.predicate
def is_active_member(user: Any, target: Any) -> bool:
    return standing_in(user, target).active


@rules.predicate
def is_invited(user: Any, target: Any) -> bool:
    return standing_in(user, target).status == MembershipStatus.INVITED


@rules.predicate
def is_coordinator(user: Any, target: Any) -> bool:
    found = standing_in(user, target)
    return found.active and found.is_coordinator


@rules.predicate
def is_reviewer(user: Any, target: Any) -> bool:
    """A coordinator named this active member a reviewer: powers go to named people, never
    to whoever says they are on a side."""
    found = standing_in(user, target)
    return found.active and found.is_reviewer


@rules.predicate
def about_themself(user: Any, target: Any) -> bool:
    """The target is the person's own membership (or their own request about it): no one
    approves their own side, join or power."""
    membership = target if isinstance(target, Membership) else getattr(target, "membership", None)
    return membership is not None and user.is_authenticated and membership.user_id == user.pk


@rules.predicate
def is_public(user: Any, target: Any) -> bool:
    initiative = initiative_of(target)
    return initiative is not None and initiative.visibility == Visibility.PUBLIC


@rules.predicate
def can_ask_to_join(user: Any, target: Any) -> bool:
    initiative = initiative_of(target)
    if initiative is None or not user.is_authenticated:
        return False
    status = standing(user, initiative).status
    if status == MembershipStatus.INVITED:
        return True
    if status in {MembershipStatus.ACTIVE, MembershipStatus.REQUESTED}:
        return False
    return initiative.join_policy != JoinPolicy.INVITATION


can_view_initiative = is_public | is_active_member | is_invited | rules.is_staff
can_manage_initiative = is_coordinator | rules.is_staff

rules.add_perm("initiatives.add_initiative", rules.is_authenticated)
rules.add_perm("initiatives.view_initiative", can_view_initiative)
rules.add_perm("initiatives.change_initiative", can_manage_initiative)
rules.add_perm("initiatives.manage_members", can_manage_initiative)
rules.add_perm("initiatives.join_initiative", can_view_initiative & can_ask_to_join)
# A citizen's request to join: any manager; the professional and political sides, every
# change of side and the reviewer's power: a coordinator, and never about themself.
rules.add_perm("initiatives.approve_join", can_manage_initiative & ~about_themself)
rules.add_perm("initiatives.appoint_coordinator", can_manage_initiative & ~about_themself)
rules.add_perm("initiatives.approve_side", is_coordinator & ~about_themself)
# Taking a member out is an exclusion a coordinator decides, never about themself.
rules.add_perm("initiatives.remove_member", is_coordinator & ~about_themself)
rules.add_perm("initiatives.grant_reviewer", is_coordinator & ~about_themself)
rules.add_perm("initiatives.change_side", is_active_member)
# Members' names, for picking a person by name: members only, never outsiders.
rules.add_perm("initiatives.find_people", is_active_member | rules.is_staff)
rules.add_perm("initiatives.leave_initiative", is_active_member)
rules.add_perm("initiatives.agree_goal", is_active_member)
# Ruling a goal out is a coordinator's decision (recorded as an exclusion), not staff's.
rules.add_perm("initiatives.reject_goal", is_coordinator)
# How the diagnostics read this initiative (docs/diagnostics.md): a manager's setting, like
# the initiative's description.
rules.add_perm("initiatives.change_diagnostic_settings", can_manage_initiative)
# A declaration of who plans and delivers a stage is a coordinator's statement for the
# record (a decision on the coordinator's side), not staff's.
rules.add_perm("initiatives.declare_stage", is_coordinator)
