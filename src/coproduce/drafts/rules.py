"""Every permission decision about drafts."""

from typing import Any

import rules

from coproduce.drafts.models import Amendment, Draft
from coproduce.initiatives.rules import can_manage_initiative, can_view_initiative, is_active_member


def _draft_of(target: Any) -> Draft | None:
    if isinstance(target, Draft):
        return target
    return getattr(target, "draft", None)


@rules.predicate
def in_drafting_group(user: Any, target: Any) -> bool:
    """An active member of the initiative sitting in the draft's drafting group."""
    draft = _draft_of(target)
    if draft is None or not user.is_authenticated:
        return False
    return draft.group.filter(person=user).exists()


@rules.predicate
def wrote_it(user: Any, target: Any) -> bool:
    return isinstance(target, Amendment) and target.author_id == user.pk


drafters = in_drafting_group & is_active_member

rules.add_perm("drafts.view", can_view_initiative)
rules.add_perm("drafts.create", can_manage_initiative)
rules.add_perm("drafts.set_group", can_manage_initiative)
rules.add_perm("drafts.edit", drafters)
rules.add_perm("drafts.comment", is_active_member)
rules.add_perm("drafts.propose", is_active_member)
# backing an amendment is for others: its author has already said they want it
rules.add_perm("drafts.support", is_active_member & ~wrote_it)
rules.add_perm("drafts.update_amendment", is_active_member & wrote_it)
rules.add_perm("drafts.decide", drafters)
rules.add_perm("drafts.adopt", drafters)
