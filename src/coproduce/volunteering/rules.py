"""Every permission decision about volunteering."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator


@rules.predicate
def was_served(user: Any, log: Any) -> bool:
    """The person the logged time was given to (they can confirm it was given)."""
    return log is not None and user.is_authenticated and log.served_id == user.pk


can_manage = is_coordinator | rules.is_staff

rules.add_perm("volunteering.view", can_view_initiative)
rules.add_perm("volunteering.take_part", is_active_member)
rules.add_perm("volunteering.manage", can_manage)
rules.add_perm("volunteering.decide_hours", can_manage | (was_served & is_active_member))
