"""Every permission decision about participatory budgeting."""

from typing import Any

import rules

from coproduce.budgeting.models import Phase
from coproduce.core.phases import phase_in
from coproduce.initiatives.rules import can_view_initiative, is_coordinator, is_reviewer


@rules.predicate
def is_author(user: Any, proposal: Any) -> bool:
    return proposal is not None and proposal.author_id == user.pk


# a process, or one of its budgets (which reads its process's phase)
results_published = phase_in(Phase.RESULTS, Phase.IMPLEMENTATION)


can_manage = is_coordinator | rules.is_staff
# Feasibility review, implementation updates and paper ballots: coordinators, staff and the
# members a coordinator named reviewers, never a side claimed at joining (issue 16).
can_review = can_manage | is_reviewer

rules.add_perm("budgeting.view_process", can_view_initiative)
rules.add_perm("budgeting.manage_process", can_manage)
rules.add_perm("budgeting.submit_proposal", rules.is_authenticated & can_view_initiative)
rules.add_perm("budgeting.edit_proposal", is_author)
rules.add_perm("budgeting.support_proposal", rules.is_authenticated & can_view_initiative)
rules.add_perm("budgeting.review_proposal", can_review)
rules.add_perm("budgeting.vote", rules.is_authenticated & can_view_initiative)
rules.add_perm("budgeting.enter_paper_ballot", can_review)
rules.add_perm("budgeting.view_results", can_view_initiative & results_published)
