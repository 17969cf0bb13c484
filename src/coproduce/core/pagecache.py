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

A page read from something that says when it changed (search, from its index) may be kept
longer, elsewhere: the view names where (``find`` and ``keep``), and the store answers with
the edition of what the page is read from, so a page kept under an older one is never
served.
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


Kept = tuple[str, bytes]  # the page's content type and body, its CSRF token cut out


def _key(request: HttpRequest) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{get_language()}:{address}"


def _visitor_page_seconds() -> int:
    return int(settings.VISITOR_PAGE_SECONDS)


def _find_in_memory(key: str) -> tuple[object, Kept | None]:
    return "", caches[CACHE].get(key)


def _keep_in_memory(key: str, edition: object, page: Kept, seconds: int) -> None:
    caches[CACHE].set(key, page, seconds)


def shared_with_visitors(
    *,
    parameters: Iterable[str] = (),
    seconds: Callable[[], int] = _visitor_page_seconds,
    find: Callable[[str], tuple[Any, Kept | None]] = _find_in_memory,
    keep: Callable[[str, Any, Kept, int], None] = _keep_in_memory,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """The view, its page for signed-out visitors kept for ``seconds()`` (see above), for
    addresses whose query parameters are among ``parameters``. By default in this
    process's memory; else ``find(key)`` answers the edition now and the page kept under
    it, and ``keep(key, edition, page, seconds)`` keeps a page read after that answer."""
    allowed = frozenset(parameters)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def kept(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            lifetime = seconds()
            if not lifetime or not _same_for_every_visitor(request, allowed):
                return view(request, *args, **kwargs)
            key = _key(request)
            edition, kept_page = find(key)
            if kept_page is not None:
                content_type, body = kept_page
                return HttpResponse(
                    body.replace(_HOLE, get_token(request).encode()), content_type=content_type
                )
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                body = _TOKEN.sub(rb"\1" + _HOLE + rb"\2", response.content)
                keep(key, edition, (response["Content-Type"], body), lifetime)
            return response

        return kept

    return decorate
