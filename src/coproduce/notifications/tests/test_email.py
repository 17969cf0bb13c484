"""E-mail straight away and in a daily digest, each with its signed one-click unsubscribe,
and preferences respected."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from conftest import World, make_user
from coproduce.notifications import services
from coproduce.notifications.kinds import Delivery, Kind
from coproduce.notifications.models import Notification, Preference
from coproduce.notifications.tests.conftest import forget

pytestmark = pytest.mark.django_db


def tell(who, message: str = "idea_answer", kind: str = Kind.REPLY, **params: str):
    (made,) = services.notify(
        recipients=[who],
        kind=kind,
        message=message,
        params=params or {"title": "Benches"},
        link="/x/",
    )
    return made


def test_an_e_mail_says_what_happened_links_to_it_and_unsubscribes_in_one_click(
    world: World,
) -> None:
    made = tell(world.member, "join_approved", Kind.REQUEST_DECIDED, initiative="Riverside repairs")
    assert made.delivery == Delivery.IMMEDIATE
    assert services.emails_send(notification_ids=[made.pk]) == 1
    (sent,) = mail.outbox
    assert sent.subject == "Your request to join Riverside repairs was approved."
    assert sent.to == ["member@example.org"]
    lines = sent.body.splitlines()
    assert lines[:5] == [
        "Hello Mo Member,",
        "",
        "Your request to join Riverside repairs was approved.",
        "",
        "http://127.0.0.1:8000/x/",
    ]
    found = re.search(
        r"<(http://127\.0\.0\.1:8000/notifications/unsubscribe/[^>]+)>",
        sent.extra_headers["List-Unsubscribe"],
    )
    assert found is not None
    url = found.group(1)
    assert f"To stop e-mails about “A request of mine is decided”, open: {url}" in lines
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert services.emails_send(notification_ids=[made.pk]) == 0  # sent once only
    # RFC 8058: the mail program posts, without a session or a CSRF token
    path = url.removeprefix("http://127.0.0.1:8000")
    client = Client(enforce_csrf_checks=True)
    answer = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert (
        "we will no longer e-mail you about “A request of mine is decided”"
        in answer.content.decode()
    )
    assert Preference.objects.get(person=world.member).delivery == Delivery.IN_APP
    again = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert "You were already unsubscribed" in again.content.decode()
    assert Preference.objects.count() == 1
    later = tell(world.member, "join_approved", Kind.REQUEST_DECIDED, initiative="Riverside")
    assert later.delivery == Delivery.IN_APP  # still on the page, never e-mailed


def test_the_unsubscribe_page_asks_first_and_refuses_a_changed_or_expired_link(
    client: Client, world: World
) -> None:
    token = services.unsubscribe_token(world.member.pk, Kind.VOTE_OPENING)
    page = client.get(f"/notifications/unsubscribe/{token}/")
    assert page.status_code == 200
    assert "Stop e-mails about “A vote opens where I take part”?" in page.content.decode()
    assert Preference.objects.count() == 0  # a GET (a link checker, a preview) changes nothing
    _person_id, rest = token.split(":", 1)
    other = services.unsubscribe_token(world.coordinator.pk, Kind.VOTE_OPENING)
    for bad in (token[:-2] + "xx", other.split(":")[0] + ":" + rest, "nonsense", token + "a"):
        refused = client.post(f"/notifications/unsubscribe/{bad}/")
        assert refused.status_code == 400
        assert "This link is not valid" in refused.content.decode()
    with mock.patch("django.core.signing.time.time", return_value=10**11):
        expired = client.post(f"/notifications/unsubscribe/{token}/")
    assert expired.status_code == 400
    assert "This link has expired" in expired.content.decode()
    assert Preference.objects.count() == 0


def test_a_digest_gathers_one_persons_items_in_one_e_mail(world: World) -> None:
    tell(world.member, title="Benches")
    tell(world.member, "idea_comment", person="Cora", title="Benches")
    tell(world.coordinator, title="Lights")
    no_email = make_user("noemail")
    no_email.email = ""
    no_email.save()
    tell(no_email)
    call_command("notifications_digest", stdout=(out := __import__("io").StringIO()))
    assert out.getvalue().strip() == "Digests sent: 2"
    by_person = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_person) == ["coord@example.org", "member@example.org"]
    mine = by_person["member@example.org"]
    assert mine.subject == "Your Coproduce digest: 2 new"
    assert "- The coordinators answered your idea Benches." in mine.body
    assert "- Cora commented on your idea Benches." in mine.body
    assert "Lights" not in mine.body
    url = mine.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")
    Client().post(url)
    assert dict(Preference.objects.filter(person=world.member).values_list("kind", "delivery")) == {
        Kind.REPLY: Delivery.IN_APP,
        Kind.RESULT_PUBLISHED: Delivery.IN_APP,
    }  # every kind that came as a digest, and no other
    mail.outbox.clear()
    assert services.digest_send() == 0


def test_preferences_decide_how_each_kind_arrives(client: Client, world: World) -> None:
    forget()
    client.force_login(world.member)
    choices = {kind: Delivery.DIGEST for kind in Kind.values} | {Kind.REPLY: Delivery.IMMEDIATE}
    assert client.post("/notifications/preferences/", choices).status_code == 302
    assert services.delivery_of(world.member.pk)[Kind.REPLY] == Delivery.IMMEDIATE
    wrong = client.post("/notifications/preferences/", choices | {Kind.REPLY: "sometimes"})
    assert wrong.status_code == 400
    assert "Select a valid choice" in wrong.content.decode()
    assert services.delivery_of(world.member.pk)[Kind.REPLY] == Delivery.IMMEDIATE
    assert tell(world.member).delivery == Delivery.IMMEDIATE  # a reply: digest by default
    assert tell(world.coordinator).delivery == Delivery.DIGEST
    assert (
        tell(world.member, "join_approved", Kind.REQUEST_DECIDED, initiative="R").delivery
        == Delivery.DIGEST
    )
    assert Notification.objects.count() == 3


def test_e_mails_are_written_in_each_persons_own_language(world: World) -> None:
    world.member.language = "cy"
    world.member.save(update_fields=["language"])
    welsh = tell(world.member, "join_approved", Kind.REQUEST_DECIDED, initiative="Riverside")
    english = tell(world.coordinator, "join_approved", Kind.REQUEST_DECIDED, initiative="Lights")
    assert services.emails_send(notification_ids=[welsh.pk, english.pk]) == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    assert by_person["member@example.org"].subject == (
        "Mae eich cais i ymuno â Riverside wedi'i gymeradwyo."
    )
    assert by_person["member@example.org"].body.startswith("Helo Mo Member,\n")
    assert by_person["coord@example.org"].subject == "Your request to join Lights was approved."
    mail.outbox.clear()
    tell(world.member, title="Benches")
    tell(world.coordinator, title="Lights")
    assert services.digest_send() == 2
    digests = {m.to[0]: m for m in mail.outbox}
    assert digests["member@example.org"].subject == "Eich crynodeb Coproduce: 1 newydd"
    assert "- Mae'r cydlynwyr wedi ateb eich syniad Benches." in digests["member@example.org"].body
    assert digests["coord@example.org"].subject == "Your Coproduce digest: 1 new"
