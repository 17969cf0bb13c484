"""This capability's panel on the initiative page, and its section of the public
accountability page: published reports only."""

from typing import Any

from django.http import HttpRequest

from coproduce.initiatives.models import Initiative
from coproduce.inspections import selectors


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    return {"reports": selectors.published_reports(initiative)[:3]}


def accountability(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    """Published inspection reports with their recommendations and the provider's answers;
    nothing unpublished, and no inspector's name (the report page names those who chose)."""
    reports = list(selectors.published_reports(initiative))
    return {"inspection_reports": reports} if reports else None
