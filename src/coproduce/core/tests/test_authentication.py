"""How API requests say who is asking: a session (the pages' sign-in) or a token."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.utils.functional import SimpleLazyObject
from knox.models import AuthToken
from rest_framework.request import Request

from conftest import World
from coproduce.core.authentication import SessionAuthentication


def test_without_a_session_cookie_the_session_is_not_read() -> None:
    loaded: list[int] = []

    def load_session_user() -> AnonymousUser:
        loaded.append(1)
        return AnonymousUser()

    request = RequestFactory().get("/api/v1/cases/")
    request.user = SimpleLazyObject(load_session_user)  # type: ignore[assignment]
    assert SessionAuthentication().authenticate(Request(request)) is None
    assert loaded == []


def test_with_a_session_cookie_the_session_says_who_is_asking(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    account = client.get(f"/api/v1/initiatives/{world.initiative.slug}/credits/")
    assert (account.status_code, account.json()["owner"]) == (200, "Mo Member")
    client.logout()
    assert client.get(f"/api/v1/initiatives/{world.initiative.slug}/credits/").status_code == 403


def test_a_token_says_who_is_asking_without_a_session(world: World) -> None:
    _, token = AuthToken.objects.create(user=world.member)
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    account = client.get(f"/api/v1/initiatives/{world.initiative.slug}/credits/")
    assert (account.status_code, account.json()["owner"]) == (200, "Mo Member")
    assert settings.SESSION_COOKIE_NAME not in account.cookies
