"""This capability's panel on the initiative page: a link to its pages, open to everyone
who may see the initiative."""

from typing import Any

from django.http import HttpRequest

from coproduce.initiatives.models import Initiative


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    return {}
