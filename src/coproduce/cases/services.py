"""Writes for the case library."""

from typing import Any

from django.db import transaction

from coproduce.cases.models import CaseStudy
from coproduce.core.vocabulary import Role, Side, StageStatus
from coproduce.initiatives import services as initiative_services
from coproduce.initiatives.models import Initiative, JoinPolicy
from coproduce.search.services import document_refresh

CASE_FIELDS = (
    "source",
    "policy_phase",
    "participants",
    "motivation",
    "leadership_style",
    "leadership_note",
    "typology",
    "coproduction_type",
    "started",
    "figures",
    "sources",
    "platform_reading",
)


@transaction.atomic
def case_add(*, actor: Any, case: dict[str, Any]) -> Initiative:
    """Add a published case as a public initiative with its stages and facts.

    The actor (a curator) becomes its coordinator. A case whose slug exists is left as it is,
    so loading the library twice changes nothing.
    """
    existing = Initiative.objects.filter(slug=case["slug"]).first()
    if existing is not None:
        return existing
    initiative = initiative_services.initiative_create(
        actor=actor,
        slug=case["slug"],
        title=case["title"],
        summary=case["summary"],
        service_area=case["service_area"],
        locality=case.get("locality", ""),
        country=case.get("country", "United Kingdom"),
        side=Side.REGULAR_PRODUCER,
        role=Role.EVALUATOR,
        join_policy=JoinPolicy.APPROVAL,
    )
    for kind in case["stages"]:
        initiative_services.stage_create(
            actor=actor, initiative=initiative, kind=kind, status=StageStatus.COMPLETED
        )
    study = CaseStudy(initiative=initiative, **{f: case[f] for f in CASE_FIELDS if f in case})
    study.full_clean()
    study.save()
    document_refresh(initiative)  # found as a case from now on
    return initiative
