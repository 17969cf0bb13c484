"""The events' panel on the initiative page: the next few events and a way to add one."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.events import selectors
from coproduce.initiatives.models import Initiative


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    return {
        "next_events": list(selectors.upcoming(initiative)[:3]),
        "can_manage": gate.allows(request.user, "events.manage", initiative),
    }
