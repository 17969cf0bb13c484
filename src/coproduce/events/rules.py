"""Every permission decision about events. Targets are the initiative or an event."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator


@rules.predicate
def is_facilitator(user: Any, event: Any) -> bool:
    """A member the coordinators named to run this event."""
    facilitators = getattr(event, "facilitators", None)
    return (
        facilitators is not None
        and user.is_authenticated
        and facilitators.filter(pk=user.pk).exists()
    )


rules.add_perm("events.view", can_view_initiative)
rules.add_perm("events.register", is_active_member)
# The initiative speaks through its coordinators: they plan events and alone see the
# access needs people share when registering.
rules.add_perm("events.manage", is_coordinator)
rules.add_perm("events.facilitate", is_coordinator | (is_facilitator & is_active_member))
