"""What every page's frame needs: the navigation from the registry, and the notice that a
demo initiative's record is illustrative on each of its pages."""

from typing import Any

from django.http import HttpRequest

from coproduce.core.capabilities import navigation
from coproduce.portal.selectors import DEMO_INITIATIVES, ILLUSTRATIVE


def site_navigation(request: HttpRequest) -> dict[str, Any]:
    """The main navigation's entries (each capability's ``Capability.nav``), and on any page
    inside a demo initiative (its URL names the initiative's slug) the illustrative notice."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    return {
        "navigation": navigation(),
        "illustrative": ILLUSTRATIVE if slug in DEMO_INITIATIVES else "",
    }
