"""One limit on guessing passwords, whichever door the guesses come through.

Every view that checks a password (the sign-in page, the admin's login and its password
change, the API's token endpoint, the password-reset form) counts its POSTs in one counter
per client address (``client_key``; ``settings.RATELIMIT_SIGN_IN``, 10 a minute by
default), kept in the shared database cache: going from one door to another does not start
the count again.
"""

import ipaddress
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.core.cache import caches
from django_ratelimit.core import get_usage, is_ratelimited
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited
from rest_framework import throttling

from coproduce.core.network import client_ip

ATTEMPTS_GROUP = "password-attempts"  # the counter's group, shared by every door
SIGN_UPS_GROUP = "sign-ups"  # accounts made from one address
SIGN_UP_ATTEMPTS_GROUP = "sign-up-attempts"  # every sign-up form sent from one address


def _rate(group: str, request: Any) -> str:
    return settings.RATELIMIT_SIGN_IN


def client_key(group: str, request: Any) -> str:
    """Whom the attempts are counted against: the client's address (``core.network``), an
    IPv6 client's /64 as one (one household or machine holds the whole block). A request
    without a usable address (a Unix socket without a proxy header, a test harness) is
    counted with every other such request rather than failing (django-ratelimit's own
    ``"ip"`` key raises on an empty address)."""
    address = client_ip(request)
    try:
        network = ipaddress.ip_network(f"{address}/{64 if ':' in address else 32}", strict=False)
    except ValueError:
        return "no-address"
    return str(network.network_address)


def password_attempt_refused(request: Any) -> bool:
    """Count this request if it is a POST (an attempt), and say whether it is one too many."""
    return is_ratelimited(
        request, group=ATTEMPTS_GROUP, key=client_key, rate=_rate, method="POST", increment=True
    )


def password_door(view: Callable[..., Any]) -> Callable[..., Any]:
    """A page view that takes a password: its POSTs count as attempts, and one too many is
    refused (``Ratelimited``; the middleware answers 429) before the view runs."""
    return ratelimit(group=ATTEMPTS_GROUP, key=client_key, rate=_rate, method="POST")(view)


def refuse_password_attempt(request: Any) -> None:
    """For a view that cannot be wrapped: count the attempt, raise ``Ratelimited`` if over."""
    if password_attempt_refused(request):
        raise Ratelimited()


def _sign_up_rate(group: str, request: Any) -> str:
    return settings.RATELIMIT_SIGN_UP


def _sign_up_attempts_rate(group: str, request: Any) -> str:
    return settings.RATELIMIT_SIGN_UP_ATTEMPTS


def sign_up_door(view: Callable[..., Any]) -> Callable[..., Any]:
    """The sign-up form: every POST counts against the generous limit on attempts
    (``settings.RATELIMIT_SIGN_UP_ATTEMPTS``), so a person correcting typos is not locked out
    by the much lower limit on accounts made (``sign_ups_used_up``, ``sign_up_made``)."""
    return ratelimit(
        group=SIGN_UP_ATTEMPTS_GROUP, key=client_key, rate=_sign_up_attempts_rate, method="POST"
    )(view)


def _sign_ups(request: Any, increment: bool) -> dict[str, Any] | None:
    return get_usage(
        request,
        group=SIGN_UPS_GROUP,
        key=client_key,
        rate=_sign_up_rate,
        method=("POST",),
        increment=increment,
    )


def sign_ups_used_up(request: Any) -> bool:
    """Whether this address has made as many accounts as ``settings.RATELIMIT_SIGN_UP``
    allows in its period; only accounts actually made count (``sign_up_made``)."""
    usage = _sign_ups(request, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def sign_up_made(request: Any) -> None:
    """Count an account made from this request's address."""
    _sign_ups(request, increment=True)


class _CountedInThisProcess(throttling.SimpleRateThrottle):
    """DRF's throttle (a sliding window of the client's recent requests) over the
    per-process ``throttle`` cache, the API's own throttles' cache, for a page view."""

    cache = caches["throttle"]

    def __init__(self, group: str, rate: str) -> None:
        self.group = self.scope = group
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.group, "ident": client_key(self.group, request)}

    def allows(self, request: Any) -> bool:
        return self.allow_request(request, cast(Any, None))  # a page: the key needs no view


def limited_in_each_process(
    group: str, rate: Callable[[], str]
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A page view that does heavy reading, limited per client to ``rate()`` (``"120/m"``)
    as the API's throttles limit the API: counted in each server process's memory, so the
    limit costs no database statement; with several processes it is per process, which is
    enough to stop a flood. Over it, ``Ratelimited`` (the middleware answers 429)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def limited(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not _CountedInThisProcess(group, rate()).allows(request):
                raise Ratelimited()
            return view(request, *args, **kwargs)

        return limited

    return decorate
