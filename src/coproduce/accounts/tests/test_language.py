"""The language switcher keeps a signed-in person's choice on their account (for the
e-mails the background worker writes them); a code the site does not offer is not kept."""

from django.test import Client

from conftest import PASSWORD, World
from coproduce.accounts.models import User
from coproduce.accounts.selectors import language_of


def test_the_switcher_keeps_a_signed_in_persons_choice(world: World) -> None:
    client = Client()
    client.login(username="member", password=PASSWORD)
    answer = client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    assert (answer.status_code, answer["Location"]) == (302, "/")
    assert answer.cookies["django_language"].value == "cy"
    assert User.objects.get(username="member").language == "cy"
    assert language_of(User.objects.get(username="member")) == "cy"
    client.post("/i18n/setlang/", {"language": "en-gb", "next": "/"})
    assert User.objects.get(username="member").language == "en-gb"


def test_a_language_not_offered_is_not_kept_and_others_are_untouched(world: World) -> None:
    client = Client()
    client.login(username="member", password=PASSWORD)
    answer = client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert answer.status_code == 302
    assert list(User.objects.order_by("username").values_list("username", "language")) == [
        ("coord", ""),
        ("member", ""),
        ("othercoord", ""),
        ("outsider", ""),
        ("staff", ""),
    ]
    assert language_of(User.objects.get(username="member")) == "en-gb"


def test_signed_out_the_choice_is_the_cookie_only(world: World) -> None:
    answer = Client().post("/i18n/setlang/", {"language": "cy", "next": "/"})
    assert answer.cookies["django_language"].value == "cy"
    assert set(User.objects.values_list("language", flat=True)) == {""}
