"""The client's address behind our proxies: limits count each person, not the proxy."""

import pytest
from django.http import HttpRequest
from django.test import Client, RequestFactory, override_settings

from conftest import PASSWORD, make_user
from coproduce.core.network import client_ip

FORWARDED = "203.0.113.5, 198.51.100.7"  # written by the client, then by our proxy


def request_from(remote: str, forwarded: str | None = None) -> HttpRequest:
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@override_settings(TRUSTED_PROXIES=0)
def test_reached_directly_the_peer_is_the_client_and_the_header_is_ignored() -> None:
    assert client_ip(request_from("192.0.2.1", FORWARDED)) == "192.0.2.1"


@override_settings(TRUSTED_PROXIES=1)
def test_behind_one_proxy_the_client_is_the_address_it_appended() -> None:
    assert client_ip(request_from("127.0.0.1", FORWARDED)) == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=2)
def test_behind_two_proxies_the_client_is_two_places_from_the_right() -> None:
    assert client_ip(request_from("127.0.0.1", FORWARDED)) == "203.0.113.5"


@override_settings(TRUSTED_PROXIES=2)
def test_a_header_shorter_than_the_proxies_falls_back_to_the_peer() -> None:
    assert client_ip(request_from("127.0.0.1", "198.51.100.7")) == "127.0.0.1"
    assert client_ip(request_from("127.0.0.1")) == "127.0.0.1"


@override_settings(TRUSTED_PROXIES=1, RATELIMIT_SIGN_IN="3/m")
@pytest.mark.django_db
def test_behind_the_proxy_one_clients_guesses_do_not_lock_out_another(client: Client) -> None:
    make_user("victim")
    neighbour = make_user("neighbour")
    for _ in range(3):
        response = client.post(
            "/accounts/sign-in/",
            {"username": "victim", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
        assert response.status_code == 400
    blocked = client.post(
        "/accounts/sign-in/",
        {"username": "victim", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session
    other = Client()
    signed_in = other.post(
        "/accounts/sign-in/",
        {"username": "neighbour", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.44",
    )
    assert signed_in.status_code == 302
    assert other.session["_auth_user_id"] == str(neighbour.pk)
