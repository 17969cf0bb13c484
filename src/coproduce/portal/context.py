"""What every page's frame needs from the registry."""

from typing import Any

from django.http import HttpRequest

from coproduce.core.capabilities import navigation


def site_navigation(request: HttpRequest) -> dict[str, Any]:
    """The main navigation's entries, each capability's own (``Capability.nav``)."""
    return {"navigation": navigation()}
