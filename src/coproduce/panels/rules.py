"""Every permission decision about panels. Targets are a Panel (or its initiative).

The pool is personal data: only the initiative's coordinators (and staff, who administer the
site) see or change it. Anyone who may see the initiative sees the panel, its quotas, its
published composition, evidence, recommendations and answers, and may offer to serve. The
commissioning body's answers are given by a coordinator or the member the panel names as
its representative."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator


@rules.predicate
def represents_commissioner(user: Any, panel: Any) -> bool:
    return (
        panel is not None
        and user.is_authenticated
        and getattr(panel, "representative_id", None) == user.pk
    )


can_manage = is_coordinator | rules.is_staff

rules.add_perm("panels.view", can_view_initiative)
rules.add_perm("panels.register", can_view_initiative)
rules.add_perm("panels.manage", can_manage)
rules.add_perm("panels.view_pool", can_manage)
rules.add_perm("panels.answer", is_coordinator | (represents_commissioner & is_active_member))
