"""Every permission decision about campaigns, pledges, match rules, share offers, grants
and spending."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator


@rules.predicate
def own_pledge(user: Any, pledge: Any) -> bool:
    """The pledge is the person's own (an organisation's pledge is no one's own)."""
    return pledge is not None and user.is_authenticated and pledge.pledger_id == user.pk


rules.add_perm("financing.view", can_view_initiative)
# Campaigns, match rules, share offers, grants and spending: the initiative's coordinators.
# Staff are not given money powers by staff status alone.
rules.add_perm("financing.manage", is_coordinator)
# Pledge as oneself: any active member (the record reads their side from the membership).
rules.add_perm("financing.pledge", is_active_member)
# Key in an organisation's pledge, honour a pledge, lapse pledges: coordinators.
rules.add_perm("financing.pledge_for_organisation", is_coordinator)
rules.add_perm("financing.honour", is_coordinator)
# Withdraw an unhonoured pledge: the member who made it, or a coordinator.
rules.add_perm("financing.withdraw", (own_pledge & is_active_member) | is_coordinator)
# Buy shares: any active member. See the register of holders: coordinators only.
rules.add_perm("financing.buy_shares", is_active_member)
rules.add_perm("financing.view_holders", is_coordinator)
