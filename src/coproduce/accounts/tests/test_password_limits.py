"""One limit on password attempts, whichever door they come through (issue 16, finding 7):
the sign-in page, the admin's login and password change, the API's token endpoint and the
password-reset form share one counter per IP address."""

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from knox.models import AuthToken

from conftest import PASSWORD, make_user

# An hour's window rather than the minute production uses: a test must not straddle two
# windows and see its count start again.
LIMIT = override_settings(RATELIMIT_SIGN_IN="10/h")
TOO_MANY_PAGE = "You have tried this too many times."
TOO_MANY_API = "Too many password attempts from here: wait a minute and try again."


def sign_in_page(client: Client, password: str) -> Any:
    return client.post("/accounts/sign-in/", {"username": "victim", "password": password})


def admin_login(client: Client, password: str) -> Any:
    return client.post("/admin/login/?next=/admin/", {"username": "victim", "password": password})


def token_endpoint(client: Client, password: str) -> Any:
    return client.post(
        "/api/v1/auth/token/",
        {"username": "victim", "password": password},
        content_type="application/json",
    )


DOORS: list[tuple[str, Callable[[Client, str], Any]]] = [
    ("sign-in page", sign_in_page),
    ("admin login", admin_login),
    ("token endpoint", token_endpoint),
]


def test_the_limit_is_ten_a_minute_by_default() -> None:
    assert settings.RATELIMIT_SIGN_IN == "10/m"


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@LIMIT
@pytest.mark.parametrize("door", [d[1] for d in DOORS], ids=[d[0] for d in DOORS])
def test_ten_wrong_passwords_then_even_the_right_one_is_refused(
    client: Client, db, door: Callable[[Client, str], Any]
) -> None:
    make_user("victim", is_staff=True, is_superuser=True)
    for _ in range(10):
        assert door(client, "wrong-password").status_code in (200, 400)
    eleventh = door(client, PASSWORD)
    assert eleventh.status_code == 429
    assert not _signed_in(client)
    assert AuthToken.objects.count() == 0


@LIMIT
def test_changing_doors_does_not_start_the_count_again(client: Client, db) -> None:
    make_user("victim", is_staff=True, is_superuser=True)
    for door in (sign_in_page,) * 4 + (admin_login,) * 3 + (token_endpoint,) * 3:
        assert door(client, "wrong-password").status_code in (200, 400)
    for door in (sign_in_page, admin_login):
        refused = door(client, PASSWORD)
        assert (refused.status_code, TOO_MANY_PAGE in refused.content.decode()) == (429, True)
        assert not _signed_in(client)
    refused_token = token_endpoint(client, PASSWORD)
    assert (refused_token.status_code, refused_token.json()) == (429, {"detail": TOO_MANY_API})
    assert AuthToken.objects.count() == 0


@LIMIT
def test_the_admin_password_change_and_the_reset_form_count_too(client: Client, db) -> None:
    staff = make_user("victim", is_staff=True, is_superuser=True)
    client.force_login(staff)
    wrong_old = {
        "old_password": "wrong-password",
        "new_password1": "another-long-passphrase",
        "new_password2": "another-long-passphrase",
    }
    for _ in range(5):
        assert client.post("/admin/password_change/", wrong_old).status_code == 200
    reset = "/accounts/password-reset/MQ/set-password/"
    for _ in range(5):
        client.post(reset, {"new_password1": "x", "new_password2": "x"})
    right_old = {**wrong_old, "old_password": PASSWORD}
    assert client.post("/admin/password_change/", right_old).status_code == 429
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


@LIMIT
def test_pages_still_sign_in_below_the_limit(client: Client, db) -> None:
    make_user("victim", is_staff=True, is_superuser=True)
    for _ in range(9):
        sign_in_page(client, "wrong-password")
    assert admin_login(client, PASSWORD).status_code == 302
    assert _signed_in(client)


@LIMIT
def test_attempts_without_a_client_address_are_counted_not_a_500(db) -> None:
    """django-ratelimit's own "ip" key raised on an empty address (a 500)."""
    make_user("victim")
    client = Client(REMOTE_ADDR="")
    for _ in range(10):
        assert token_endpoint(client, "wrong-password").status_code == 400
    assert token_endpoint(client, PASSWORD).status_code == 429


@LIMIT
def test_each_address_has_its_own_count(db) -> None:
    make_user("victim")
    for _ in range(10):
        token_endpoint(Client(REMOTE_ADDR="192.0.2.1"), "wrong-password")
    assert token_endpoint(Client(REMOTE_ADDR="192.0.2.1"), PASSWORD).status_code == 429
    assert token_endpoint(Client(REMOTE_ADDR="192.0.2.2"), PASSWORD).status_code == 200


def test_pages_with_limits_answer_without_a_client_address(db) -> None:
    make_user("victim")
    client = Client(REMOTE_ADDR="")
    assert sign_in_page(client, "wrong-password").status_code == 400
    assert client.post("/accounts/sign-up/", {"username": "x"}).status_code == 400
    reset = client.post("/accounts/password-reset/", {"email": "victim@example.org"})
    assert reset.status_code == 302
