"""Pages that every signed-out visitor sees alike, kept for a few seconds.

The home page is the page most visitors open, most of them signed out, and what it shows
(what is live now) is read from a dozen tables. ``shared_with_visitors`` keeps a view's
page for a signed-out visitor in this process's memory for ``VISITOR_PAGE_SECONDS``
(``COPRODUCE_VISITOR_PAGE_SECONDS``; 0 turns it off), one copy per language and address,
so a burst of visitors costs one reading of those tables, and the page is at most that
many seconds old. What differs between visitors is left out: a signed-in person, a visitor
with a message waiting, anything but GET, and any answer but 200 are never kept; the forms'
CSRF token is taken out of the kept copy and each visitor's own is put back in. Only the
query parameters the view reads are kept (an address made up to fill the memory is
answered, not kept).
"""

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

CACHE = "visitor_pages"
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_HOLE = b"\x00csrf-token\x00"  # a NUL never appears in a rendered page
ADDRESS_LIMIT = 300  # characters of path and query string; longer ones are not kept


def _same_for_every_visitor(request: HttpRequest, parameters: frozenset[str]) -> bool:
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    if len(request.get_full_path()) > ADDRESS_LIMIT or not parameters.issuperset(request.GET):
        return False
    waiting = getattr(request, "_messages", None)
    return waiting is None or len(waiting) == 0


def _key(request: HttpRequest) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{get_language()}:{address}"


def shared_with_visitors(
    *, parameters: Iterable[str] = ()
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """The view, its page for signed-out visitors kept for a few seconds (see above), for
    addresses whose query parameters are among ``parameters``."""
    allowed = frozenset(parameters)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def kept(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            seconds = settings.VISITOR_PAGE_SECONDS
            if not seconds or not _same_for_every_visitor(request, allowed):
                return view(request, *args, **kwargs)
            pages, key = caches[CACHE], _key(request)
            kept_page = pages.get(key)
            if kept_page is not None:
                content_type, body = kept_page
                return HttpResponse(
                    body.replace(_HOLE, get_token(request).encode()), content_type=content_type
                )
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                body = _TOKEN.sub(rb"\1" + _HOLE + rb"\2", response.content)
                pages.set(key, (response["Content-Type"], body), seconds)
            return response

        return kept

    return decorate
