"""Every permission decision about peer support."""

from typing import Any

import rules

from coproduce.initiatives.rules import is_active_member, is_coordinator


@rules.predicate
def in_the_match(user: Any, match: Any) -> bool:
    """The supporter or the person supported."""
    if match is None or not user.is_authenticated:
        return False
    return user.pk in (match.supporter.person_id, match.request.requester_id)


@rules.predicate
def sees_the_concern(user: Any, concern: Any) -> bool:
    return concern is not None and user.pk in (concern.raised_by_id, concern.professional_id)


@rules.predicate
def asked_for_it(user: Any, request: Any) -> bool:
    return request is not None and user.is_authenticated and request.requester_id == user.pk


@rules.predicate
def in_the_session(user: Any, session: Any) -> bool:
    return session is not None and in_the_match(user, session.match)


can_manage = is_coordinator | rules.is_staff

rules.add_perm("peersupport.ask", is_active_member)
rules.add_perm("peersupport.manage", can_manage)
rules.add_perm("peersupport.view_match", in_the_match | can_manage)
rules.add_perm("peersupport.take_part", in_the_match)
rules.add_perm("peersupport.view_concern", sees_the_concern)
rules.add_perm("peersupport.view_request", asked_for_it | can_manage)
rules.add_perm("peersupport.view_session", in_the_session)
