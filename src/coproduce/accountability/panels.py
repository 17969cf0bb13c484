"""The accountability page's link on the initiative page."""

from typing import Any

from django.http import HttpRequest

from coproduce.initiatives.models import Initiative


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    return {}
