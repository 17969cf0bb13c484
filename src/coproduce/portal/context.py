"""What every page's frame needs: the navigation from the registry, and what the frame needs
to say that a demo initiative's record is illustrative on each of its pages."""

from typing import Any

from django.http import HttpRequest

from coproduce.core.capabilities import navigation
from coproduce.portal.selectors import DEMO_INITIATIVES, ILLUSTRATIVE


def site_navigation(request: HttpRequest) -> dict[str, Any]:
    """The main navigation's entries (each capability's ``Capability.nav``), and the demo's
    notice with the initiatives it is shown in: the frame shows it on any page whose URL
    names a demo initiative's slug, or whose view shows one (``initiative``, or a PB
    ``process`` of one)."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    return {
        "navigation": navigation(),
        "illustrative": ILLUSTRATIVE,
        "demo_initiatives": DEMO_INITIATIVES,
        "in_demo_initiative": slug in DEMO_INITIATIVES,
    }
