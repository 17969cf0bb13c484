"""The portal's panel on the initiative page: the notice that a demo record is illustrative."""

from typing import Any

from django.http import HttpRequest

from coproduce.initiatives.models import Initiative
from coproduce.portal.selectors import ILLUSTRATIVE, is_demo


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    return {"notice": ILLUSTRATIVE} if is_demo(initiative) else None
