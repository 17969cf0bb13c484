"""Every permission decision about time credits."""

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator

can_manage = is_coordinator | rules.is_staff

rules.add_perm("timecredits.view_credits", can_view_initiative)
rules.add_perm("timecredits.use_credits", is_active_member)
rules.add_perm("timecredits.manage_credits", can_manage)
rules.add_perm("timecredits.view_ledger", can_manage)


@rules.predicate
def represents_partner(user: object, partner: object) -> bool:
    """The user redeems vouchers for this partner."""
    if partner is None or not getattr(user, "is_authenticated", False):
        return False
    return partner.representatives.filter(pk=user.pk).exists()  # type: ignore[attr-defined]


rules.add_perm("timecredits.redeem_vouchers", represents_partner | can_manage)
