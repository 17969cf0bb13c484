"""Every permission decision about surveys. The target is a Survey (or the Initiative, to
create one). Coordinators build, open and close surveys, issue codes, read free text and
the answers' CSV, and adopt results as goals; coordinators and reviewers key in paper
responses. Those who may see the initiative see an open or closed survey and its results
in aggregate; a draft is seen by coordinators only. Who answers depends on the audience:
active members, anyone with the link, or holders of a code (checked in the service). The
asset list, which names people, is for active members."""

from typing import Any

import rules

from coproduce.initiatives.rules import (
    can_view_initiative,
    is_active_member,
    is_coordinator,
    is_reviewer,
)
from coproduce.surveys.models import Audience, Survey, SurveyStatus


@rules.predicate
def is_published(user: Any, survey: Any) -> bool:
    return isinstance(survey, Survey) and survey.status != SurveyStatus.DRAFT


@rules.predicate
def audience_lets_in(user: Any, survey: Any) -> bool:
    """Members' surveys take active members; link surveys anyone who reaches them; codes
    surveys anyone with a code (the service checks the code)."""
    if not isinstance(survey, Survey):
        return False
    if survey.audience == Audience.MEMBERS:
        return bool(is_active_member(user, survey))
    return True


can_view = (is_published & can_view_initiative) | is_coordinator

rules.add_perm("surveys.create_survey", is_coordinator)
rules.add_perm("surveys.view_survey", can_view)
rules.add_perm("surveys.manage_survey", is_coordinator)
# a closed survey is refused by the service with a message (400), not a 403
rules.add_perm("surveys.respond", can_view & is_published & audience_lets_in)
rules.add_perm("surveys.enter_paper", is_published & (is_coordinator | is_reviewer))
# free text and the answers one by one: the coordinators, who act on them
rules.add_perm("surveys.read_answers", is_coordinator)
rules.add_perm("surveys.view_assets", is_active_member)
