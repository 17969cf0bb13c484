"""Who is asking: the client's address, also behind the proxies production runs in front.

Behind nginx every request arrives from the proxy's address, so limits per address would
count every person together. ``COPRODUCE_TRUSTED_PROXIES`` says how many proxies of ours
stand in front (0 when the app is reached directly); each appends the address it saw to
``X-Forwarded-For``, so the client is the entry that many places from the right. Entries
further left were written by the client itself and are never trusted.
"""

from typing import Any

from django.conf import settings


def client_ip(request: Any) -> str:
    """The address the outermost of our proxies saw, or the peer's when there is none."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))
