"""Volunteering on the home page (ADR 0045): shifts coming up that still need people, and
the open opportunities, newest first."""

import datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.initiatives.discovery import LiveItem, Scope, Section
from coproduce.volunteering.models import Opportunity, Shift
from coproduce.volunteering.selectors import shifts_with_places


def live_items(scope: Scope) -> list[LiveItem]:
    shifts = (
        shifts_with_places(
            Shift.objects.filter(
                scope.visible("opportunity__initiative"),
                opportunity__is_open=True,
                starts_at__gt=scope.now,
            )
        )
        .filter(Q(taken__lt=F("capacity")))
        .select_related("opportunity__initiative")
        .annotate(mine=scope.mine("opportunity__initiative"))
        .order_by("-mine", "starts_at", "pk")[: scope.limit]
    )
    opportunities = (
        Opportunity.objects.filter(scope.visible(), is_open=True)
        .select_related("initiative")
        .annotate(mine=scope.mine())
        .order_by("-mine", "-created_at", "-pk")[: scope.limit]
    )
    items = []
    for shift in shifts:
        opportunity, left = shift.opportunity, shift.capacity - shift.taken  # type: ignore[attr-defined]
        items.append(
            LiveItem(
                section=Section.COMING_UP,
                title=_("Volunteer: %(title)s") % {"title": opportunity.title},
                url=_opportunity_url(opportunity),
                initiative=opportunity.initiative,
                when=shift.starts_at,
                timed=True,
                when_label=_("Shift starts"),
                note=ngettext("%(n)d volunteer needed.", "%(n)d volunteers needed.", left)
                % {"n": left},
                mine=shift.mine,
            )
        )
    items.extend(
        LiveItem(
            section=Section.ASKING,
            title=_("Volunteer: %(title)s") % {"title": opportunity.title},
            url=_opportunity_url(opportunity),
            initiative=opportunity.initiative,
            when=opportunity.created_at,
            timed=False,
            when_label=_("Posted on"),
            note=opportunity.role,
            mine=opportunity.mine,
        )
        for opportunity in opportunities
    )
    return items


def _opportunity_url(opportunity: Opportunity) -> str:
    return reverse(
        "volunteering:opportunity",
        kwargs={"slug": opportunity.initiative.slug, "pk": opportunity.pk},
    )


def initiatives_now(now: datetime.datetime) -> QuerySet[Any]:
    """Initiatives with an open opportunity that has a shift to come."""
    to_come = Shift.objects.filter(opportunity=OuterRef("pk"), starts_at__gt=now)
    return Opportunity.objects.filter(Exists(to_come), is_open=True).values("initiative_id")
