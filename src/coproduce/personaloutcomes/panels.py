"""Personal outcomes' panel on the initiative page: the links each person may follow, and
nothing else (no figures, so nothing personal)."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.initiatives.models import Initiative
from coproduce.personaloutcomes import selectors


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    user = request.user
    if not user.is_authenticated:
        return None
    scale = selectors.scale_of(initiative)
    links = {
        "mine": selectors.has_readings(user, initiative),
        "people": selectors.people_of(user, initiative).exists(),
        "change": scale is not None
        and gate.allows(user, "personaloutcomes.view_change", initiative),
        "define": gate.allows(user, "personaloutcomes.define_scale", initiative),
    }
    if not any(links.values()):
        return None
    return {**links, "user_id": user.pk, "has_scale": scale is not None}
