"""Reads of the case library: filters and full-text search."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from coproduce.cases.models import CaseStudy
from coproduce.initiatives.models import Initiative, Visibility

SEARCHED_FIELDS = (
    "title",
    "summary",
    "locality",
    "country",
    "case_study__source",
    "case_study__policy_phase",
    "case_study__participants",
    "case_study__motivation",
    "case_study__leadership_note",
    "case_study__typology",
)


@dataclass(frozen=True)
class CaseFilters:
    service_area: str = ""
    stage: str = ""
    leadership_style: str = ""
    country: str = ""
    q: str = ""


def search(initiatives: QuerySet[Initiative], text: str) -> QuerySet[Initiative]:
    """Keep initiatives in which every word of ``text`` appears in some text field.

    The same query on SQLite and PostgreSQL, so that results do not depend on the database.
    """
    for word in text.split()[:10]:
        match = Q()
        for field in SEARCHED_FIELDS:
            match |= Q(**{f"{field}__icontains": word})
        initiatives = initiatives.filter(match)
    return initiatives


def cases(filters: CaseFilters | None = None) -> QuerySet[Initiative]:
    """Public initiatives that are case studies, filtered as asked, in title order."""
    filters = filters or CaseFilters()
    found = Initiative.objects.filter(
        case_study__isnull=False, visibility=Visibility.PUBLIC
    ).select_related("case_study", "lead_organisation")
    if filters.service_area:
        found = found.filter(service_area=filters.service_area)
    if filters.stage:
        found = found.filter(stages__kind=filters.stage)
    if filters.leadership_style:
        found = found.filter(case_study__leadership_style=filters.leadership_style)
    if filters.country:
        found = found.filter(country__iexact=filters.country)
    if filters.q:
        found = search(found, filters.q)
    return found.prefetch_related("stages").distinct().order_by("title")


def countries() -> list[str]:
    return list(
        CaseStudy.objects.values_list("initiative__country", flat=True)
        .distinct()
        .order_by("initiative__country")
    )


def case_library_summary() -> dict[str, Any]:
    found = cases()
    return {"cases": found.count(), "countries": len(countries())}
