"""Peer support's pages in Welsh (ADR 0050): they render, and in Welsh."""

import datetime
from typing import Any

from django.utils import timezone

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import Role, Side, StageKind
from coproduce.initiatives import services as initiatives
from coproduce.peersupport import selectors, services


def test_the_pages_render_in_welsh(client: Any, world: World) -> None:
    initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_PERFORMING
    )
    ada, mum, nurse = (make_user(name) for name in ("ada", "mum", "nurse"))
    add_member(world.initiative, ada)
    add_member(world.initiative, mum)
    add_member(
        world.initiative, nurse, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL
    )
    today = timezone.localdate()
    supporter = services.supporter_register(
        actor=world.coordinator,
        initiative=world.initiative,
        person=ada,
        supports="sleep",
        languages="English",
        training="Peer supporter course",
        trained_on=today - datetime.timedelta(days=10),
        checked_until=today + datetime.timedelta(days=300),
    )
    services.support_ask(actor=mum, initiative=world.initiative, need="sleep", language="English")
    waiting = services.support_ask(
        actor=world.member, initiative=world.initiative, need="sleep", language="English"
    )
    assert [s.supporter for s in selectors.suggestions(waiting)] == [supporter]
    match = services.match_make(
        actor=world.coordinator,
        request=waiting.__class__.objects.get(requester=mum),
        supporter=supporter,
    )
    concern = services.concern_raise(actor=mum, match=match, professional=nurse, text="Worried.")
    base = f"/initiatives/{world.initiative.slug}/peer-support/"
    pages = {
        (world.coordinator, base): "Ceisiadau'n aros am baru",
        (mum, f"{base}matches/{match.pk}/"): "Wedi'u paru oherwydd bod y cefnogwr",
        (nurse, f"{base}concerns/{concern.pk}/"): "Cydnabod",
    }
    texts = {}
    client.cookies["django_language"] = "cy"
    for person, url in pages:
        client.force_login(person)
        texts[url] = client.get(url).content.decode()
    found = {url: welsh in texts[url] for (_, url), welsh in pages.items()}
    assert found == dict.fromkeys(texts, True)
    # the frame is in Welsh too ("Sign out" is "Allgofnodi")
    assert [url for url, text in texts.items() if "Sign out" in text] == []
