"""Every permission decision about ratings and the answers to them.

The target of ``ratings.view_thing`` and ``ratings.rate`` is a ``things.Thing``. Anyone who
may see the initiative reads the ratings of the service, its volunteering activities and
shifts and its delivered PB projects; a peer-support session's ratings are read by those its
match is shown to (the two people in it, coordinators, staff). An active member rates the
service and delivered projects, and what they took part in: a shift they attended (a
coordinator marked them present), an activity one of whose shifts they attended, a confirmed
session they were in. Coordinators answer comments on the public kinds. No rule
shows an anonymous rater's name: the selectors never put it in what they return."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator
from coproduce.peersupport.rules import can_manage as can_manage_peer_support
from coproduce.peersupport.rules import in_the_match
from coproduce.ratings.models import ThingKind
from coproduce.volunteering.models import SignUp, SignUpStatus


@rules.predicate
def is_public_kind(user: Any, thing: Any) -> bool:
    return thing is not None and bool(getattr(thing, "is_public", False))


@rules.predicate
def sees_the_session(user: Any, thing: Any) -> bool:
    if thing is None or thing.kind != ThingKind.SESSION:
        return False
    match = thing.obj.match
    return bool(in_the_match(user, match) or can_manage_peer_support(user, match))


@rules.predicate
def took_part(user: Any, thing: Any) -> bool:
    """The person was in the thing (for the kinds that have people in them)."""
    if thing is None or not user.is_authenticated:
        return False
    if thing.kind in (ThingKind.SERVICE, ThingKind.PROJECT):
        return True
    if thing.kind == ThingKind.SESSION:
        return bool(in_the_match(user, thing.obj.match))
    attended = SignUp.objects.filter(person=user, status=SignUpStatus.ATTENDED)
    if thing.kind == ThingKind.SHIFT:
        return attended.filter(shift=thing.obj).exists()
    return attended.filter(shift__opportunity=thing.obj).exists()


rules.add_perm("ratings.view_thing", (is_public_kind & can_view_initiative) | sees_the_session)
rules.add_perm("ratings.rate", is_active_member & took_part)
# the initiative answers through its coordinators; staff do not speak for it
rules.add_perm("ratings.answer", is_coordinator)
