"""Every permission decision about outcome indicators and their measurements."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator


@rules.predicate
def open_to_members(user: Any, indicator: Any) -> bool:
    """The indicator's setting lets any active member measure it."""
    from coproduce.outcomes.models import WhoMeasures

    return indicator is not None and indicator.who_measures == WhoMeasures.MEMBERS


can_manage = is_coordinator | rules.is_staff

rules.add_perm("outcomes.view_indicator", can_view_initiative)
# Define and edit indicators, their baseline and targets: coordinators and staff.
rules.add_perm("outcomes.manage", can_manage)
# Record a measurement of an indicator: as its setting says, coordinators only or any
# active member (a measurer is a member: the record reads their side from the membership).
rules.add_perm("outcomes.measure", is_coordinator | (open_to_members & is_active_member))
# Name another member as the measurer, and import measurements from CSV: coordinators.
rules.add_perm("outcomes.measure_for_others", is_coordinator)
