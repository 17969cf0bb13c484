"""Drafts on the home page (ADR 0045): the texts their groups adopted most recently."""

from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.drafts.models import Draft
from coproduce.initiatives.discovery import LiveItem, Scope, Section, on_day


def live_items(scope: Scope) -> list[LiveItem]:
    adopted = (
        Draft.objects.filter(scope.visible(), adoption__isnull=False)
        .select_related("initiative", "adoption")
        .annotate(mine=scope.mine())
        .order_by("-mine", "-adoption__decided_on", "-pk")[: scope.limit]
    )
    return [
        LiveItem(
            section=Section.RESULTS,
            title=_("Adopted: %(title)s") % {"title": draft.title},
            url=reverse("drafts:detail", kwargs={"slug": draft.initiative.slug, "pk": draft.pk}),
            initiative=draft.initiative,
            when=on_day(draft.adoption.decided_on) if draft.adoption else None,
            timed=False,
            when_label=_("Adopted on"),
            mine=draft.mine,
        )
        for draft in adopted
    ]
