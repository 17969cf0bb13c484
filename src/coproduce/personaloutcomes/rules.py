"""Every permission decision about personal outcomes.

A person's readings are theirs: they and the worker a coordinator paired them with see and
enter them, and no one else does (not the coordinator, not staff, not other members). The
coordinators define the scale, pair people with workers and see only the change across
people, with small groups suppressed."""

from typing import Any

import rules
from django.db.models import Exists, OuterRef

from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import Membership, MembershipStatus
from coproduce.initiatives.rules import is_active_member, is_coordinator
from coproduce.personaloutcomes.models import Pairing, Reading


def _person_and_initiative(target: Any) -> tuple[int | None, int | None]:
    """Whose readings the target is about, and in which initiative: a membership (the
    person's own) or a reading."""
    if isinstance(target, Membership):
        return target.user_id, target.initiative_id
    if isinstance(target, Reading):
        return target.person_id, target.scale.initiative_id
    return None, None


@rules.predicate
def is_the_person(user: Any, target: Any) -> bool:
    person, _ = _person_and_initiative(target)
    return user.is_authenticated and person is not None and person == user.pk


@rules.predicate
def is_their_worker(user: Any, target: Any) -> bool:
    """The worker a live pairing joins to the person, still an active member on the
    professionals' side."""
    person, initiative = _person_and_initiative(target)
    if person is None or initiative is None or not user.is_authenticated:
        return False
    still_a_worker = Membership.objects.filter(
        initiative_id=OuterRef("initiative_id"),
        user_id=OuterRef("worker_id"),
        status=MembershipStatus.ACTIVE,
        side=Side.REGULAR_PRODUCER,
    )
    return Pairing.objects.filter(
        Exists(still_a_worker),
        initiative_id=initiative,
        person_id=person,
        worker=user,
        ended_at__isnull=True,
    ).exists()


@rules.predicate
def pairs_themself(user: Any, target: Any) -> bool:
    """The target is a pairing that would make the user the worker: a coordinator who did
    that would read the person's readings, which are not the coordinators' to see."""
    return isinstance(target, Pairing) and user.is_authenticated and target.worker_id == user.pk


@rules.predicate
def is_an_active_membership(user: Any, target: Any) -> bool:
    return isinstance(target, Membership) and target.status == MembershipStatus.ACTIVE


can_manage = is_coordinator | rules.is_staff
sees_readings = is_the_person | is_their_worker

rules.add_perm("personaloutcomes.view_scale", is_active_member | can_manage)
rules.add_perm("personaloutcomes.define_scale", is_coordinator)
rules.add_perm("personaloutcomes.pair", is_coordinator)
# the target is the pairing to be made: another coordinator pairs a coordinator as a worker
rules.add_perm("personaloutcomes.pair_worker", is_coordinator & ~pairs_themself)
rules.add_perm("personaloutcomes.view_change", can_manage)
rules.add_perm("personaloutcomes.view_pairings", can_manage)
# the target is the person's membership, or one of their readings
rules.add_perm("personaloutcomes.view_readings", sees_readings)
rules.add_perm("personaloutcomes.take_reading", is_an_active_membership & sees_readings)
rules.add_perm("personaloutcomes.correct_reading", sees_readings)
# a worker's list of the people they work with: any member may look (it lists only their own)
rules.add_perm("personaloutcomes.view_own_people", is_active_member)
