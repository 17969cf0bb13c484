"""Volunteering's pages in Welsh (ADR 0050): they render, and in Welsh."""

from typing import Any

from django.utils import timezone

from coproduce.volunteering import services
from coproduce.volunteering.tests.conftest import Rota


def test_the_pages_render_in_welsh(client: Any, rota: Rota) -> None:
    world, slug = rota.world, rota.world.initiative.slug
    services.shift_sign_up(actor=rota.volunteers[0], shift=rota.shift)
    services.hours_log(
        actor=rota.volunteers[1],
        opportunity=rota.opportunity,
        minutes=90,
        worked_on=timezone.localdate(),
    )
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "cy"
    base = f"/initiatives/{slug}/volunteering/"
    pages = {
        base: "Oriau'n aros am gymeradwyaeth",
        f"{base}{rota.opportunity.pk}/": "Ychwanegu sifft",
        f"{base}report/": "Adroddiad gwirfoddoli",
        f"{base}new/": "Cyfle gwirfoddoli newydd",
        f"{base}hours/": "Cofnodi amser a roesoch",
    }
    texts = {url: client.get(url).content.decode() for url in pages}
    # in Welsh: the page's own words, and the frame's ("Sign out" is "Allgofnodi")
    assert {url: welsh in texts[url] for url, welsh in pages.items()} == dict.fromkeys(pages, True)
    assert [url for url, text in texts.items() if "Sign out" in text] == []
