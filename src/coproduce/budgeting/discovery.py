"""Participatory budgeting on the home page (ADR 0045): the votes open now, with their
closing dates, and the results published most recently."""

import datetime
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.budgeting.models import Phase, Process, Tally
from coproduce.initiatives.discovery import LiveItem, Scope, Section, on_day

RESULTS_PUBLISHED = (Phase.RESULTS, Phase.IMPLEMENTATION)


def live_items(scope: Scope) -> list[LiveItem]:
    in_scope = Process.objects.filter(scope.visible()).select_related("initiative")
    voting = (
        in_scope.filter(phase=Phase.VOTING)
        .annotate(mine=scope.mine())
        .order_by("-mine", F("voting_close").asc(nulls_last=True), "pk")[: scope.limit]
    )
    counted = Tally.objects.filter(budget__process=OuterRef("pk")).order_by("-counted_at")
    published = (
        in_scope.filter(phase__in=RESULTS_PUBLISHED)
        .annotate(mine=scope.mine(), counted_at=Subquery(counted.values("counted_at")[:1]))
        .order_by("-mine", F("counted_at").desc(nulls_last=True), "-pk")[: scope.limit]
    )
    items = [
        LiveItem(
            section=Section.VOTES,
            title=process.title,
            url=reverse("budgeting:process", kwargs={"pk": process.pk}),
            initiative=process.initiative,
            when=on_day(process.voting_close),
            timed=False,
            when_label=_("Voting closes on"),
            note="" if process.voting_close else _("No closing date is set yet."),
            mine=process.mine,
        )
        for process in voting
    ]
    items.extend(
        LiveItem(
            section=Section.RESULTS,
            title=_("Results of %(title)s") % {"title": process.title},
            url=reverse("budgeting:process", kwargs={"pk": process.pk}),
            initiative=process.initiative,
            when=process.counted_at,
            timed=False,
            when_label=_("Counted on"),
            mine=process.mine,
        )
        for process in published
    )
    return items


def initiatives_now(now: datetime.datetime) -> QuerySet[Any]:
    """Initiatives collecting proposals or votes now."""
    return Process.objects.filter(phase__in=[Phase.PROPOSALS, Phase.VOTING]).values("initiative_id")
