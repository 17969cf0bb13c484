"""Events on the home page (ADR 0045): those coming up, soonest first, with places left."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.events.models import Event
from coproduce.events.selectors import with_places
from coproduce.initiatives.discovery import LiveItem, Scope, Section


def _places(event: Event) -> str:
    left = event.capacity - event.taken  # type: ignore[attr-defined]
    if left <= 0:
        return _("Full: you can join the waiting list.")
    return ngettext("%(n)d place left.", "%(n)d places left.", left) % {"n": left}


def live_items(scope: Scope) -> list[LiveItem]:
    coming = (
        with_places(Event.objects.filter(scope.visible(), ends_at__gt=scope.now))
        .select_related("initiative")
        .annotate(mine=scope.mine())
        .order_by("-mine", "starts_at", "pk")[: scope.limit]
    )
    return [
        LiveItem(
            section=Section.COMING_UP,
            title=event.title,
            url=reverse("events:detail", kwargs={"slug": event.initiative.slug, "pk": event.pk}),
            initiative=event.initiative,
            when=event.starts_at,
            timed=True,
            when_label=_("Event starts"),
            note=_places(event),
            mine=event.mine,
        )
        for event in coming
    ]


def initiatives_now(now: datetime.datetime) -> QuerySet[Any]:
    """Initiatives with an event not yet over."""
    return Event.objects.filter(ends_at__gt=now).values("initiative_id")
