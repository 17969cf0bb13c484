"""The panels' section on the initiative page: each panel, its state and a link, for
everyone who may see the initiative (no pool figure but its size)."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.initiatives.models import Initiative
from coproduce.panels import selectors


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    panels = list(selectors.panels_of(initiative))
    can_manage = gate.allows(request.user, "panels.manage", initiative)
    if not panels and not can_manage:
        return None
    return {"panels": panels, "can_manage": can_manage}
