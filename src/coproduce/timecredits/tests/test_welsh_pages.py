"""Time credits' pages in Welsh (ADR 0050): they render, and in Welsh."""

from typing import Any

from conftest import World
from coproduce.timecredits import services


def test_the_pages_render_in_welsh(client: Any, world: World) -> None:
    services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=60
    )
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "cy"
    base = f"/initiatives/{world.initiative.slug}/credits/"
    pages = {
        base: "Rhoi credyd i aelod arall",
        f"{base}ledger/": "Mae'r cyfriflyfr yn gywir",
    }
    texts = {url: client.get(url).content.decode() for url in pages}
    # in Welsh: the page's own words, and the frame's ("Sign out" is "Allgofnodi")
    assert {url: welsh in texts[url] for url, welsh in pages.items()} == dict.fromkeys(pages, True)
    assert [url for url, text in texts.items() if "Sign out" in text] == []
