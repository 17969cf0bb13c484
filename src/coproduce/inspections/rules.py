"""Every permission decision about inspections and appraisals.

Coordinators (and staff) run the checklists, appoint inspectors, schedule and publish;
the inspectors on a visit complete it; the provider it names answers its recommendations;
a published report is for anyone who may view the initiative; an appraisal is answered by
active members, and only those who run it read its text answers and its export."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator


@rules.predicate
def on_the_visit(user: Any, visit: Any) -> bool:
    """An inspector on this visit, still an active member of the initiative."""
    if visit is None or not user.is_authenticated or not is_active_member(user, visit):
        return False
    return visit.team.filter(person=user.pk).exists()


@rules.predicate
def is_the_provider(user: Any, visit: Any) -> bool:
    """The provider the visit names, still an active member of the initiative."""
    if visit is None or not user.is_authenticated or visit.provider_id != user.pk:
        return False
    return bool(is_active_member(user, visit))


@rules.predicate
def is_published(user: Any, visit: Any) -> bool:
    return visit is not None and visit.is_published


can_manage = is_coordinator | rules.is_staff

rules.add_perm("inspections.manage", can_manage)
rules.add_perm("inspections.view_visit", can_manage | on_the_visit | is_the_provider)
rules.add_perm("inspections.inspect", on_the_visit)
rules.add_perm("inspections.respond", is_the_provider)
rules.add_perm("inspections.view_report", is_published & can_view_initiative)
rules.add_perm(
    "inspections.see_visit",
    can_manage | on_the_visit | is_the_provider | (is_published & can_view_initiative),
)
rules.add_perm("inspections.view_checklist", can_manage | is_active_member)
rules.add_perm("inspections.answer_appraisal", is_active_member)
rules.add_perm("inspections.read_appraisal_text", can_manage)
