"""The journey maps' panel on the initiative page: the maps, with a link to make one for
those who may; left out where there is no map and the person may not make one."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.initiatives.models import Initiative
from coproduce.journeymaps import selectors


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    can_manage = gate.allows(request.user, "journeymaps.manage", initiative)
    maps = list(selectors.maps_of(initiative))
    if not maps and not can_manage:
        return None
    return {"maps": maps, "can_manage": can_manage}
