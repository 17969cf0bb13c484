"""Exchanges' page in Welsh (ADR 0050): it renders, and in Welsh."""

from typing import Any

from conftest import World
from coproduce.exchanges import services


def test_the_page_renders_in_welsh(client: Any, world: World, neighbours: tuple[Any, Any]) -> None:
    driver, patient = neighbours
    lifts = services.listing_add(
        actor=driver, initiative=world.initiative, kind="offer", title="Lifts", minutes=60
    )
    services.listing_add(actor=patient, initiative=world.initiative, kind="request", title="Dog")
    asked = services.exchange_propose(actor=patient, listing=lifts, minutes=45, note="Tuesday?")
    services.exchange_answer(actor=driver, exchange=asked, agree=True)
    client.force_login(patient)
    client.cookies["django_language"] = "cy"
    text = client.get(f"/initiatives/{world.initiative.slug}/exchanges/").content.decode()
    # (an apostrophe a variable prints is escaped, one in the translated text is not)
    for welsh in ("Cyfnewid gwasanaethau", "Wedi&#x27;i gytuno", "Mae wedi'i wneud: talu"):
        assert welsh in text
    # the frame is in Welsh too ("Sign out" is "Allgofnodi")
    assert "Sign out" not in text
