"""Every permission decision about time credits."""

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator

can_manage = is_coordinator | rules.is_staff

rules.add_perm("timecredits.view_credits", can_view_initiative)
rules.add_perm("timecredits.use_credits", is_active_member)
rules.add_perm("timecredits.manage_credits", can_manage)
rules.add_perm("timecredits.view_ledger", can_manage)
