"""Every permission decision about volunteering."""

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator

can_manage = is_coordinator | rules.is_staff

rules.add_perm("volunteering.view", can_view_initiative)
rules.add_perm("volunteering.take_part", is_active_member)
rules.add_perm("volunteering.manage", can_manage)
