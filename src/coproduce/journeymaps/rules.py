"""Every permission decision about journey maps, their stages and notes.

Anyone who may see the initiative reads its maps, notes and per-side summaries; active
members write notes; coordinators and staff make maps and manage their stages; a note is
removed by its author or a coordinator; authors are named to active members alone."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator


@rules.predicate
def wrote_it(user: Any, note: Any) -> bool:
    return note is not None and user.is_authenticated and note.author_id == user.pk


can_manage = is_coordinator | rules.is_staff

rules.add_perm("journeymaps.view_map", can_view_initiative)
rules.add_perm("journeymaps.manage", can_manage)
rules.add_perm("journeymaps.add_note", is_active_member)
rules.add_perm("journeymaps.remove_note", (wrote_it & is_active_member) | is_coordinator)
# Whether a pain point is open or taken up: the coordinators' call, for the initiative.
rules.add_perm("journeymaps.mark_pain_point", is_coordinator)
# Notes are opinions of named members: their names go to fellow members, not to the public.
rules.add_perm("journeymaps.see_authors", is_active_member)
