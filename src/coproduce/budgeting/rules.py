"""Every permission decision about participatory budgeting."""

from typing import Any

import rules

from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import MembershipStatus
from coproduce.initiatives.rules import can_view_initiative, initiative_of, is_coordinator


@rules.predicate
def is_professional_member(user: Any, target: Any) -> bool:
    """Paid staff in the initiative: they review proposals and enter paper ballots."""
    initiative = initiative_of(target)
    if initiative is None or not user.is_authenticated:
        return False
    return initiative.memberships.filter(
        user=user, status=MembershipStatus.ACTIVE, side=Side.REGULAR_PRODUCER
    ).exists()


@rules.predicate
def is_author(user: Any, proposal: Any) -> bool:
    return proposal is not None and proposal.author_id == user.pk


@rules.predicate
def results_published(user: Any, target: Any) -> bool:
    process = getattr(target, "process", target)
    return getattr(process, "phase", None) in ("results", "implementation")


can_manage = is_coordinator | rules.is_staff
can_review = can_manage | is_professional_member

rules.add_perm("budgeting.view_process", can_view_initiative)
rules.add_perm("budgeting.manage_process", can_manage)
rules.add_perm("budgeting.submit_proposal", rules.is_authenticated & can_view_initiative)
rules.add_perm("budgeting.edit_proposal", is_author)
rules.add_perm("budgeting.support_proposal", rules.is_authenticated & can_view_initiative)
rules.add_perm("budgeting.review_proposal", can_review)
rules.add_perm("budgeting.vote", rules.is_authenticated & can_view_initiative)
rules.add_perm("budgeting.enter_paper_ballot", can_review)
rules.add_perm("budgeting.view_results", can_view_initiative & results_published)
