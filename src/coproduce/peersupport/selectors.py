"""Reads for peer support: suggested supporters, with the reasons."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.initiatives.models import Initiative
from coproduce.peersupport.models import (
    Concern,
    Match,
    PeerSupporter,
    RequestStatus,
    SupportRequest,
    words,
)


@dataclass(frozen=True)
class Suggestion:
    supporter: PeerSupporter
    score: int
    reasons: list[str]

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)


def suggestions(request: SupportRequest, limit: int = 5) -> list[Suggestion]:
    """Active, trained, checked supporters, best first: the need matters most (3), then the
    language (2), the area (1) and the time of day or week (1); a supporter must share the
    need or the language to be suggested. Fewer current matches first among equals."""
    today = timezone.localdate()
    candidates = (
        PeerSupporter.objects.filter(
            initiative=request.initiative, is_active=True, checked_until__gt=today
        )
        .exclude(person=request.requester)
        .select_related("person")
        .annotate(load=Count("matches", filter=Q(matches__request__status=RequestStatus.MATCHED)))
    )
    ranked = []
    for supporter in candidates:
        score, reasons = 0, []
        if request.need.strip().lower() in words(supporter.supports):
            score += 3
            reasons.append(_("supports %(need)s") % {"need": request.need.strip().lower()})
        if request.language.strip().lower() in words(supporter.languages):
            score += 2
            reasons.append(_("speaks %(language)s") % {"language": request.language.strip()})
        if request.area and request.area.strip().lower() in words(supporter.areas):
            score += 1
            reasons.append(_("covers %(area)s") % {"area": request.area.strip()})
        shared = words(request.availability) & words(supporter.availability)
        if shared:
            score += 1
            reasons.append(_("free %(when)s") % {"when": ", ".join(sorted(shared))})
        if score >= 2:
            load = supporter.load
            ranked.append(
                (score, -load, supporter.person.username, Suggestion(supporter, score, reasons))
            )
    ranked.sort(key=lambda item: (-item[0], -item[1], item[2]))
    return [item[3] for item in ranked[:limit]]


def open_requests(initiative: Initiative) -> QuerySet[SupportRequest]:
    return SupportRequest.objects.filter(
        initiative=initiative, status=RequestStatus.OPEN
    ).select_related("requester")


def matches_of(initiative: Initiative, user: Any) -> QuerySet[Match]:
    """The matches a person is in (as supporter or supported)."""
    if not user.is_authenticated:
        return Match.objects.none()
    return (
        Match.objects.filter(request__initiative=initiative)
        .filter(supporter__person=user)
        .union(Match.objects.filter(request__initiative=initiative, request__requester=user))
    )


def concerns_for(user: Any) -> QuerySet[Concern]:
    if not user.is_authenticated:
        return Concern.objects.none()
    return Concern.objects.filter(professional=user).select_related("raised_by", "match__request")
