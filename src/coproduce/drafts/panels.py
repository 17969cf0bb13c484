"""The drafts' panel on the initiative page: its drafts and where each stands."""

from typing import Any

from django.http import HttpRequest

from coproduce.drafts import selectors
from coproduce.initiatives.models import Initiative


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    return {"drafts": list(selectors.drafts_of(initiative)[:5])}
