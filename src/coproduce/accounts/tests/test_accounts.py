"""Accounts: sign-up, sign-in with rate limits, profile and password reset by e-mail."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from conftest import PASSWORD, make_user
from coproduce.accounts.models import User

SIGN_UP = {
    "username": "newcomer",
    "display_name": "New Comer",
    "email": "new@example.org",
    "password1": "a-good-long-passphrase",
    "password2": "a-good-long-passphrase",
}


def test_sign_up_creates_the_account_and_signs_in(client: Client, db) -> None:
    response = client.post("/accounts/sign-up/", SIGN_UP)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    user = User.objects.get(username="newcomer")
    assert (user.display_name, user.email) == ("New Comer", "new@example.org")
    assert client.get("/accounts/profile/").status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password2": "different-passphrase"}, "The two passwords do not match."),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"username": "bad name!"}, "Use only letters, digits and @ . + - _ in a username."),
        ({"password1": "12345678", "password2": "12345678"}, "This password is entirely numeric."),
    ],
)
def test_sign_up_errors_name_what_to_fix(client: Client, db, changes, message) -> None:
    response = client.post("/accounts/sign-up/", {**SIGN_UP, **changes})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.filter(username=SIGN_UP["username"]).exists()


def test_taken_username_is_refused(client: Client, db) -> None:
    make_user("newcomer")
    response = client.post("/accounts/sign-up/", {**SIGN_UP, "email": "other@example.org"})
    assert response.status_code == 400
    assert "That username is taken" in response.content.decode()
    assert User.objects.filter(username="newcomer").count() == 1


@override_settings(RATELIMIT_SIGN_IN="3/m")
def test_sign_in_is_rate_limited(client: Client, db) -> None:
    make_user("victim")
    for _ in range(3):
        response = client.post("/accounts/sign-in/", {"username": "victim", "password": "wrong"})
        assert response.status_code == 400
    blocked = client.post("/accounts/sign-in/", {"username": "victim", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(RATELIMIT_SIGN_UP="2/m")
def test_sign_up_is_rate_limited(client: Client, db) -> None:
    for n in range(2):
        data = {
            **SIGN_UP,
            "username": f"user{n}",
            "email": f"u{n}@example.org",
            "display_name": f"User {n}",
        }
        assert client.post("/accounts/sign-up/", data).status_code == 302
        client.logout()
    blocked = client.post("/accounts/sign-up/", {**SIGN_UP, "username": "user9"})
    assert blocked.status_code == 429
    assert not User.objects.filter(username="user9").exists()


@override_settings(RATELIMIT_SIGN_UP="2/m", RATELIMIT_SIGN_UP_ATTEMPTS="30/m")
def test_failed_sign_ups_do_not_use_up_the_limit_on_accounts(client: Client, db) -> None:
    """A person correcting typos six times still gets their account: only accounts made
    count against the low limit."""
    for _ in range(6):
        mistyped = {**SIGN_UP, "password2": "a-different-passphrase"}
        assert client.post("/accounts/sign-up/", mistyped).status_code == 400
    assert client.post("/accounts/sign-up/", SIGN_UP).status_code == 302
    assert User.objects.filter(username="newcomer").count() == 1


@override_settings(RATELIMIT_SIGN_UP="2/m", RATELIMIT_SIGN_UP_ATTEMPTS="4/m")
def test_failed_sign_ups_have_their_own_limit(client: Client, db) -> None:
    for _ in range(4):
        mistyped = {**SIGN_UP, "password2": "a-different-passphrase"}
        assert client.post("/accounts/sign-up/", mistyped).status_code == 400
    blocked = client.post("/accounts/sign-up/", SIGN_UP)
    assert blocked.status_code == 429
    assert not User.objects.filter(username="newcomer").exists()


def test_sign_in_and_out(client: Client, db) -> None:
    user = make_user("someone")
    response = client.post("/accounts/sign-in/", {"username": "someone", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post("/accounts/sign-out/")
    assert "_auth_user_id" not in client.session


def test_profile_update_and_bad_email(client: Client, db) -> None:
    user = make_user("someone")
    client.force_login(user)
    data = {"display_name": "Sam One", "email": "sam@example.org", "locality": "Leeds", "bio": ""}
    assert client.post("/accounts/profile/", data).status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.locality) == ("Sam One", "Leeds")
    response = client.post("/accounts/profile/", {**data, "email": "nope", "locality": "York"})
    assert response.status_code == 400
    user.refresh_from_db()
    assert (user.email, user.locality) == ("sam@example.org", "Leeds")


def test_no_one_takes_the_name_another_person_is_shown_by(client: Client, db) -> None:
    """Pages name people by the name they are shown by: whoever took a coordinator's name
    could post as them. Capitals, spaces, punctuation (a full stop after it), invisible
    characters and letters of other alphabets drawn alike do not make another name; letters
    with accents do."""
    make_user("amara", display_name="Amara Okafor (co-production officer)")
    make_user("dylan")  # shown by the username
    sam = make_user("sam", display_name="Sam")
    client.force_login(sam)
    data = {"email": "sam@example.org", "locality": "Leeds", "bio": ""}
    for taken in (
        "Amara Okafor (co-production officer)",
        "amara  OKAFOR (co-production officer)",
        "Amara\u200b Okafor (co-production officer)",  # a zero-width space
        "Amara Okaf\u043er (co-production officer)",  # a Cyrillic o
        "Amara Okafor (co\u2011production officer)",  # a non-breaking hyphen
        "\uff21mara Okafor (co-production officer)",  # a full-width A
        "Amara Okafor (co-production officer).",  # a full stop after it
        "Amara Okafor co production officer",  # punctuation read past
        "AmaraOkafor (co-production officer)",
        "Dylan",
        "D.Y.L.A.N",
    ):
        response = client.post("/accounts/profile/", {**data, "display_name": taken})
        assert response.status_code == 400, taken
        assert "Someone is already shown by that name." in response.content.decode()
        sam.refresh_from_db()
        assert (sam.display_name, sam.locality) == ("Sam", ""), taken
    own = client.post("/accounts/profile/", {**data, "display_name": "  Sam   Jones "})
    assert own.status_code == 302
    sam.refresh_from_db()
    assert sam.display_name == "Sam Jones"
    assert (
        client.post("/accounts/profile/", {**data, "display_name": "Sam Jones"}).status_code == 302
    )
    client.logout()
    copied = client.post("/accounts/sign-up/", {**SIGN_UP, "display_name": "SAM JONES"})
    assert copied.status_code == 400
    assert "Someone is already shown by that name." in copied.content.decode()
    assert client.post("/accounts/sign-up/", {**SIGN_UP, "username": "Sam"}).status_code == 400
    assert not User.objects.filter(username__in=["newcomer", "Sam"]).exists()
    client.force_login(sam)
    accented = client.post("/accounts/profile/", {**data, "display_name": "Amára Okafor"})
    assert accented.status_code == 302
    sam.refresh_from_db()
    assert (sam.display_name, sam.name_key) == ("Amára Okafor", "amáraokafor")


def test_a_name_kept_is_never_refused_as_taken(client: Client, db) -> None:
    """Accounts made before names were compared past punctuation may share a key
    ("jo.smith" and "josmith"): each still saves their profile under the name they have."""
    make_user("josmith")
    dotted = make_user("jo.smith")
    client.force_login(dotted)
    data = {"display_name": "", "email": "new@example.org", "locality": "Leeds", "bio": ""}
    assert client.post("/accounts/profile/", data).status_code == 302
    dotted.refresh_from_db()
    assert (dotted.email, dotted.locality) == ("new@example.org", "Leeds")
    taken = client.post("/accounts/profile/", {**data, "display_name": "Jo Smith"})
    assert taken.status_code == 400
    assert "Someone is already shown by that name." in taken.content.decode()


def test_year_of_birth_is_optional_and_not_in_the_future(client: Client, db) -> None:
    from django.utils import timezone

    user = make_user("someone")
    client.force_login(user)
    data = {"display_name": "", "email": "sam@example.org", "locality": "", "bio": ""}
    assert client.post("/accounts/profile/", {**data, "birth_year": "2001"}).status_code == 302
    user.refresh_from_db()
    assert user.birth_year == 2001
    future = timezone.localdate().year + 1
    response = client.post("/accounts/profile/", {**data, "birth_year": str(future)})
    assert response.status_code == 400
    assert "Your year of birth cannot be in the future." in response.content.decode()
    user.refresh_from_db()
    assert user.birth_year == 2001
    assert client.post("/accounts/profile/", data).status_code == 302
    user.refresh_from_db()
    assert user.birth_year is None


def test_password_reset_link_works_once(client: Client, db) -> None:
    user = make_user("forgetful")
    response = client.post("/accounts/password-reset/", {"email": "forgetful@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    new = {"new_password1": "another-long-passphrase", "new_password2": "another-long-passphrase"}
    done = client.post(form.redirect_chain[-1][0], new)
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-passphrase")
    again = client.get(link.group(1), follow=True)
    assert "This link has been used or has expired" in again.content.decode()


@override_settings(RATELIMIT_SIGN_UP="2/m")
def test_password_reset_requests_are_rate_limited(client: Client, db) -> None:
    make_user("someone")
    for _ in range(2):
        client.post("/accounts/password-reset/", {"email": "someone@example.org"})
    blocked = client.post("/accounts/password-reset/", {"email": "someone@example.org"})
    assert blocked.status_code == 429
    assert len(mail.outbox) == 2
