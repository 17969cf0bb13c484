"""API tokens that end (issue 16, finding 8): a new token for each request for one, stored
hashed, expiring, revoked by a new password, seen and revoked by their owner; a refused
token is a 401 that says to send another."""

import datetime
import hashlib
import os
import re
import subprocess
import sys

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken

from conftest import PASSWORD, World, make_user
from coproduce.accounts import services
from coproduce.core.authentication import TokenAuthentication

CREDITS = "/api/v1/initiatives/{slug}/credits/"


def ask_for_token(client: Client, username: str = "member", password: str = PASSWORD) -> str:
    response = client.post(
        "/api/v1/auth/token/",
        {"username": username, "password": password},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    token: str = response.json()["token"]
    return token


def balance_with(token: str, world: World) -> int:
    """The status of an API request made with this token."""
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    status: int = client.get(CREDITS.format(slug=world.initiative.slug)).status_code
    return status


def test_each_request_makes_a_new_token_kept_only_as_its_hash(world: World) -> None:
    client = Client()
    first, second = ask_for_token(client), ask_for_token(client)
    assert first != second
    assert re.fullmatch("[0-9a-f]{64}", first)
    stored = {token.digest: token for token in AuthToken.objects.filter(user=world.member)}
    assert set(stored) == {
        hashlib.sha512(first.encode()).hexdigest(),
        hashlib.sha512(second.encode()).hexdigest(),
    }
    for token in stored.values():
        assert first not in (token.digest, token.token_key)
        assert second not in (token.digest, token.token_key)
    assert (balance_with(first, world), balance_with(second, world)) == (200, 200)


def test_the_answer_gives_the_token_its_prefix_and_expiry(world: World) -> None:
    response = Client().post(
        "/api/v1/auth/token/",
        {"username": "member", "password": PASSWORD},
        content_type="application/json",
    )
    body = response.json()
    assert sorted(body) == ["expiry", "prefix", "token"]
    assert body["prefix"] == body["token"][:8]
    expiry = datetime.datetime.fromisoformat(body["expiry"])
    assert expiry == AuthToken.objects.get().expiry


def test_a_wrong_password_gets_no_token(world: World) -> None:
    response = Client().post(
        "/api/v1/auth/token/",
        {"username": "member", "password": "wrong-password"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["The username or password is wrong."]},
    )
    assert AuthToken.objects.count() == 0


def test_tokens_expire_after_thirty_days_by_default(world: World) -> None:
    before = timezone.now()
    token, text = services.token_create(actor=world.member)
    assert before + datetime.timedelta(days=30) <= token.expiry
    assert token.expiry <= timezone.now() + datetime.timedelta(days=30)
    AuthToken.objects.filter(pk=token.pk).update(expiry=timezone.now())
    response = Client(HTTP_AUTHORIZATION=f"Token {text}").get(
        CREDITS.format(slug=world.initiative.slug)
    )
    assert (response.status_code, response.json()) == (401, {"detail": "Invalid token."})
    assert response["WWW-Authenticate"] == "Token"


@override_settings(REST_KNOX={"TOKEN_TTL": datetime.timedelta(days=2), "AUTO_REFRESH": False})
def test_the_lifetime_is_a_setting(world: World) -> None:
    token, _ = services.token_create(actor=world.member)
    lifetime = token.expiry - token.created
    assert abs(lifetime - datetime.timedelta(days=2)) < datetime.timedelta(seconds=5)


def test_the_lifetime_comes_from_coproduce_token_ttl_days() -> None:
    env = {**os.environ, "COPRODUCE_TOKEN_TTL_DAYS": "7"}
    days = subprocess.run(  # noqa: S603 (a fixed command: this interpreter reading settings)
        [sys.executable, "-c", READ_TTL], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert days.strip() == "7 days, 0:00:00"


READ_TTL = "from coproduce import settings; print(settings.REST_KNOX['TOKEN_TTL'])"


def test_expired_tokens_are_deleted_when_the_person_asks_for_another(world: World) -> None:
    old, _ = services.token_create(actor=world.member)
    AuthToken.objects.filter(pk=old.pk).update(expiry=timezone.now() - datetime.timedelta(1))
    kept, _ = services.token_create(actor=world.coordinator)
    AuthToken.objects.filter(pk=kept.pk).update(expiry=timezone.now() - datetime.timedelta(1))
    new, _ = services.token_create(actor=world.member)
    assert set(AuthToken.objects.values_list("digest", flat=True)) == {kept.digest, new.digest}


@pytest.mark.parametrize(
    "header",
    [
        "Token " + "0" * 64,  # unknown
        "Token " + "0" * 40,  # what DRF's old tokens looked like
        "Token",  # no token
        "Token a b",  # spaces
        "Token " + "g" * 64,  # not hexadecimal
    ],
)
def test_a_refused_token_is_a_401_with_www_authenticate(world: World, header: str) -> None:
    response = Client(HTTP_AUTHORIZATION=header).get(CREDITS.format(slug=world.initiative.slug))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_no_credentials_is_still_a_403(world: World) -> None:
    response = Client().get(CREDITS.format(slug=world.initiative.slug))
    assert response.status_code == 403
    assert "WWW-Authenticate" not in response


def test_the_token_check_is_one_read_and_no_write(world: World) -> None:
    """On every API request (ADR 0017): no renewal, no clean-up of other tokens."""
    token, text = services.token_create(actor=world.member)
    with CaptureQueriesContext(connection) as queries:
        user, found = TokenAuthentication().authenticate_credentials(text.encode())
    assert (user, found.digest) == (world.member, token.digest)
    assert len(queries) == 1
    assert queries[0]["sql"].lstrip().upper().startswith("SELECT")


def test_a_password_reset_revokes_every_token(world: World) -> None:
    kept = services.token_create(actor=world.coordinator)[1]
    texts = [services.token_create(actor=world.member)[1] for _ in range(2)]
    client = Client()
    client.post("/accounts/password-reset/", {"email": "member@example.org"})
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    form = client.get(link.group(1), follow=True)
    new = {"new_password1": "another-long-passphrase", "new_password2": "another-long-passphrase"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    world.member.refresh_from_db()
    assert world.member.check_password("another-long-passphrase")
    assert AuthToken.objects.filter(user=world.member).count() == 0
    assert [balance_with(text, world) for text in texts] == [401, 401]
    assert balance_with(kept, world) == 200  # another person's tokens stay


def test_a_password_changed_in_the_admin_revokes_the_tokens(world: World) -> None:
    staff_token = services.token_create(actor=world.staff)[1]
    member_token = services.token_create(actor=world.member)[1]
    client = Client()
    client.force_login(world.staff)
    own = client.post(
        "/admin/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase",
            "new_password2": "another-long-passphrase",
        },
    )
    assert own.status_code == 302
    assert AuthToken.objects.filter(user=world.staff).count() == 0
    assert AuthToken.objects.filter(user=world.member).count() == 1
    theirs = client.post(
        f"/admin/accounts/user/{world.member.pk}/password/",
        {
            "password1": "a-third-long-passphrase",
            "password2": "a-third-long-passphrase",
            "usable_password": "true",
        },
    )
    assert theirs.status_code == 302
    world.member.refresh_from_db()
    assert world.member.check_password("a-third-long-passphrase")
    assert AuthToken.objects.count() == 0
    assert (balance_with(staff_token, world), balance_with(member_token, world)) == (401, 401)


def test_the_profile_lists_tokens_without_showing_them_and_revokes_one(world: World) -> None:
    token, text = services.token_create(actor=world.member)
    other, other_text = services.token_create(actor=world.member)
    client = Client()
    client.force_login(world.member)
    page = client.get("/accounts/profile/").content.decode()
    assert "Your API tokens" in page
    assert f"<code>{text[:8]}…</code>" in page
    assert text not in page and other_text not in page
    assert token.digest not in page and other.digest not in page  # nor what the server keeps
    assert f"/accounts/profile/tokens/{token.digest[:16]}/revoke/" in page
    revoked = client.post(f"/accounts/profile/tokens/{token.digest[:16]}/revoke/")
    assert (revoked.status_code, revoked["Location"]) == (302, "/accounts/profile/")
    assert list(AuthToken.objects.values_list("digest", flat=True)) == [other.digest]
    assert balance_with(text, world) == 401


def test_no_one_revokes_another_persons_token(world: World) -> None:
    token, text = services.token_create(actor=world.member)
    client = Client()
    client.force_login(world.coordinator)
    assert client.post(f"/accounts/profile/tokens/{token.digest[:16]}/revoke/").status_code == 404
    api = Client(HTTP_AUTHORIZATION=f"Token {services.token_create(actor=world.coordinator)[1]}")
    assert api.delete(f"/api/v1/auth/tokens/{token.digest[:16]}/").status_code == 404
    assert AuthToken.objects.filter(user=world.member).count() == 1
    assert balance_with(text, world) == 200


def test_the_api_lists_a_persons_tokens_and_revokes_one(world: World) -> None:
    old, old_text = services.token_create(actor=world.member)
    current, current_text = services.token_create(actor=world.member)
    services.token_create(actor=world.coordinator)
    api = Client(HTTP_AUTHORIZATION=f"Token {current_text}")
    listed = api.get("/api/v1/auth/tokens/").json()
    assert [sorted(item) for item in listed] == [["created", "expiry", "id", "prefix"]] * 2
    assert [(item["id"], item["prefix"]) for item in listed] == [
        (current.digest[:16], current_text[:8]),
        (old.digest[:16], old_text[:8]),
    ]
    assert old.digest not in api.get("/api/v1/auth/tokens/").content.decode()
    assert api.delete(f"/api/v1/auth/tokens/{old.digest}/").status_code == 404  # not an id
    assert api.delete(f"/api/v1/auth/tokens/{old.digest[:16]}/").status_code == 204
    assert balance_with(old_text, world) == 401
    assert balance_with(current_text, world) == 200


def test_signing_out_of_the_api_revokes_the_token_used(world: World) -> None:
    text = services.token_create(actor=world.member)[1]
    other = services.token_create(actor=world.member)[1]
    assert (
        Client(HTTP_AUTHORIZATION=f"Token {text}").delete("/api/v1/auth/token/").status_code == 204
    )
    assert (balance_with(text, world), balance_with(other, world)) == (401, 200)


def test_signing_out_of_the_api_needs_a_token(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    services.token_create(actor=world.member)
    response = client.delete("/api/v1/auth/token/")
    assert response.status_code == 400
    assert AuthToken.objects.count() == 1


def test_a_deactivated_persons_token_is_refused(db) -> None:
    person = make_user("leaver")
    text = services.token_create(actor=person)[1]
    person.is_active = False
    person.save(update_fields=["is_active"])
    response = Client(HTTP_AUTHORIZATION=f"Token {text}").get("/api/v1/auth/tokens/")
    assert (response.status_code, response.json()) == (401, {"detail": "User inactive or deleted."})
