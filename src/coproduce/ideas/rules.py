"""Every permission decision about ideas.

Targets are the initiative, an idea or a comment (each has an ``initiative``). Anyone who
may see the initiative reads its ideas, comments and moderation log; its active members
post, comment and support (not their own idea); its coordinators moderate, answer and read
what they hid. Staff do not speak for an initiative, so they neither moderate nor answer."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator


@rules.predicate
def is_author(user: Any, target: Any) -> bool:
    return target is not None and user.is_authenticated and target.author_id == user.pk


rules.add_perm("ideas.view", can_view_initiative)
rules.add_perm("ideas.post", is_active_member)
rules.add_perm("ideas.comment", is_active_member)
rules.add_perm("ideas.support", is_active_member & ~is_author)
rules.add_perm("ideas.moderate", is_coordinator)
rules.add_perm("ideas.answer", is_coordinator)
rules.add_perm("ideas.see_hidden", is_coordinator)
