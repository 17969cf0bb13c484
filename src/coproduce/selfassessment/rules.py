"""Every permission decision about the self-assessment: anyone who may see the initiative
sees the results; its active members, of any side, answer."""

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member

rules.add_perm("selfassessment.view", can_view_initiative)
rules.add_perm("selfassessment.answer", is_active_member)
