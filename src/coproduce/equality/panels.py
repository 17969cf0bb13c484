"""This capability's panel on the initiative page: a link to the locality baseline for those
who enter it (everyone else meets the figures in the initiative's diagnostics)."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.initiatives.models import Initiative


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    if not gate.allows(request.user, "equality.enter_baseline", initiative):
        return None
    return {}
