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
    for url, welsh in pages.items():
        page = client.get(url)
        text = page.content.decode()
        assert (url, page.status_code) == (url, 200)
        assert welsh in text, url
        assert "Sign out" not in text, url
