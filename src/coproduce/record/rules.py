"""Every permission decision about the co-production record."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator


@rules.predicate
def recorded_it(user: Any, entry: Any) -> bool:
    return entry is not None and entry.recorded_by_id == user.pk


@rules.predicate
def is_own_contribution(user: Any, contribution: Any) -> bool:
    return contribution is not None and contribution.contributor_id == user.pk


can_manage = is_coordinator | rules.is_staff

rules.add_perm("record.view_record", can_view_initiative)
rules.add_perm("record.add_contribution", is_active_member)
rules.add_perm("record.add_contribution_for_others", can_manage)
rules.add_perm("record.verify_contribution", can_manage & ~is_own_contribution)
rules.add_perm("record.reverse_contribution", can_manage | recorded_it)
rules.add_perm("record.add_decision", is_active_member | can_manage)
# naming someone else as who started a decision puts words in their mouth that they cannot
# take back: a coordinator's to do, as recording someone else's contribution is
rules.add_perm("record.add_decision_for_others", can_manage)
rules.add_perm("record.reverse_decision", can_manage | recorded_it)
