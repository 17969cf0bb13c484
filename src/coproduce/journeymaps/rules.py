"""Every permission decision about journey maps, their stages and notes.

Anyone who may see the initiative reads its maps, notes and per-side summaries; active
members write notes; coordinators and staff make maps and name its editors; coordinators,
staff and the map's editors (while active members) manage its stages; a note is removed by
its author or a coordinator; authors are named to active members alone."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator


@rules.predicate
def edits_the_map(user: Any, target: Any) -> bool:
    """A coordinator named the person an editor of the map (the target, or a stage's map)."""
    from coproduce.journeymaps.models import JourneyMap

    journey_map = target if isinstance(target, JourneyMap) else getattr(target, "journey_map", None)
    if journey_map is None or not user.is_authenticated:
        return False
    return journey_map.editors.filter(pk=user.pk).exists()


@rules.predicate
def wrote_it(user: Any, note: Any) -> bool:
    return note is not None and user.is_authenticated and note.author_id == user.pk


can_manage = is_coordinator | rules.is_staff

rules.add_perm("journeymaps.view_map", can_view_initiative)
rules.add_perm("journeymaps.manage", can_manage)
# Add, rename and move a map's stages (the target is the map or the stage).
rules.add_perm("journeymaps.manage_stages", can_manage | (edits_the_map & is_active_member))
rules.add_perm("journeymaps.add_note", is_active_member)
rules.add_perm("journeymaps.remove_note", (wrote_it & is_active_member) | is_coordinator)
# Whether a pain point is open or taken up: the coordinators' call, for the initiative.
rules.add_perm("journeymaps.mark_pain_point", is_coordinator)
# Notes are opinions of named members: their names go to fellow members, not to the public.
rules.add_perm("journeymaps.see_authors", is_active_member)
