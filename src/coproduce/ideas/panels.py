"""The ideas' panel on the initiative page."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.ideas import selectors
from coproduce.initiatives.models import Initiative


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    return selectors.counts(initiative) | {
        "can_post": gate.allows(request.user, "ideas.post", initiative)
    }
