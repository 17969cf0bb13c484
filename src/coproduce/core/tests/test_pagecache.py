"""The signed-out home page kept for a few seconds (core.pagecache): the same page for every
signed-out visitor until it expires, never for a signed-in person, never a visitor's
message or another visitor's CSRF token, one copy per language."""

import re
import time
from typing import Any

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory, override_settings

from conftest import PASSWORD, World
from coproduce.budgeting.tests.conftest import make_pb, open_voting
from coproduce.portal.views import home

VOTE = "Riverside decides"  # the PB process make_pb opens


def _home(client: Client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_signed_out_visitor_sees_the_kept_page_until_it_expires(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert VOTE not in _home(Client())
    open_voting(make_pb(world))
    assert VOTE not in _home(Client())  # another visitor, within the 30 seconds
    later = time.time() + 31
    monkeypatch.setattr(time, "time", lambda: later)
    assert VOTE in _home(Client())


def test_a_signed_in_person_always_gets_the_page_as_it_is_now(world: World) -> None:
    assert VOTE not in _home(Client())
    open_voting(make_pb(world))
    member = Client()
    assert member.login(username="member", password=PASSWORD)
    assert VOTE in _home(member)


@override_settings(VISITOR_PAGE_SECONDS=0)
def test_nothing_is_kept_when_the_time_is_zero(world: World) -> None:
    assert VOTE not in _home(Client())
    open_voting(make_pb(world))
    assert VOTE in _home(Client())


def _token(page: str) -> str:
    found = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, "the page has a form with a CSRF token"
    return found[0]


def test_each_visitor_gets_a_token_for_their_own_cookie_and_can_use_it(db: Any) -> None:
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page, second_page = _home(first), _home(second)  # the second from the kept copy
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value

    def switch(client: Client, token: str) -> Any:
        return client.post(
            "/i18n/setlang/", {"language": "cy", "next": "/", "csrfmiddlewaretoken": token}
        )

    assert switch(second, _token(first_page)).status_code == 403  # the other's: refused
    assert "django_language" not in second.cookies
    switched = switch(second, _token(second_page))
    assert switched.status_code == 302
    assert switched.cookies["django_language"].value == "cy"
    assert switch(first, _token(first_page)).status_code == 302


def test_a_copy_is_kept_for_each_language(db: Any) -> None:
    english = _home(Client())
    welsh = _home(Client(headers={"cookie": "django_language=cy"}))
    assert english != welsh
    assert '<html lang="en-gb"' in english
    assert '<html lang="cy"' in welsh
    assert '<html lang="cy"' in _home(Client(headers={"cookie": "django_language=cy"}))
    assert '<html lang="en-gb"' in _home(Client())


def _visitor_request(message: str = "") -> Any:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    if message:
        messages.info(request, message)
    return request


def test_a_page_with_a_visitors_message_is_neither_kept_nor_served_from_the_copy(
    db: Any,
) -> None:
    note = "Your unsubscribe request is done"
    assert note in home(_visitor_request(note)).content.decode()
    assert note not in home(_visitor_request()).content.decode()
    assert note in home(_visitor_request(note)).content.decode()


def test_a_page_refused_for_bad_input_is_not_kept(db: Any) -> None:
    refused = Client().get("/", {"locality": "Nowhere at all"})
    assert refused.status_code == 400
    # a kept copy would be served as a 200
    assert Client().get("/", {"locality": "Nowhere at all"}).status_code == 400


@pytest.mark.parametrize(
    "address",
    [
        "/?utm_source=leaflet",  # a parameter the home page does not read
        "/?" + "&".join(["locality="] * 40),  # the one it reads, in an address over 300 long
    ],
)
def test_an_address_made_up_to_fill_the_memory_is_answered_not_kept(
    world: World, address: str
) -> None:
    assert VOTE not in _home_at(address)
    open_voting(make_pb(world))
    assert VOTE in _home_at(address)


def _home_at(address: str) -> str:
    response = Client().get(address)
    assert response.status_code == 200
    return response.content.decode()
