"""Answers remembered for one request, and only for it.

Some questions are asked many times while one request is handled (is this person a member
here, on which side?): the permission rules ask, the service asks, the serializer asks. A
selector that owns such a question keeps its answers in ``request_memo(name)``, a dict that
``RequestMemoMiddleware`` makes empty for each request and drops after it, so nothing
outlives the request and no answer is smuggled on a model instance. Outside a request (a
command, a task, a test calling a service) there is no memo and every question is asked.
A service that changes what a memo holds forgets it (``forget``).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_memos: ContextVar[dict[str, dict[Any, Any]] | None] = ContextVar("request_memos", default=None)


def request_memo(name: str) -> dict[Any, Any] | None:
    """This request's memo called ``name``, or None outside a request."""
    memos = _memos.get()
    return None if memos is None else memos.setdefault(name, {})


def forget(name: str, matching: Callable[[Any], bool] = lambda key: True) -> None:
    """Drop the remembered answers whose key matches (all of them by default)."""
    memo = request_memo(name)
    if memo:
        for key in [key for key in memo if matching(key)]:
            del memo[key]


@contextmanager
def request_scope() -> Iterator[None]:
    """Fresh memos for the code inside (one request), dropped after it."""
    token = _memos.set({})
    try:
        yield
    finally:
        _memos.reset(token)


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_scope():
            return self.get_response(request)
