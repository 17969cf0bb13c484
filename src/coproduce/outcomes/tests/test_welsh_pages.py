"""The outcome pages in Welsh (ADR 0050): each renders in the language the switcher keeps,
the progress sentence and the dates included."""

import datetime

from django.test import Client

from conftest import World
from coproduce.outcomes.tests.test_outcomes import define, measure


def test_every_outcome_page_renders_in_welsh(world: World) -> None:
    indicator = define(world)
    measure(world, indicator, 70, datetime.date(2026, 6, 1))
    client = Client()
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "cy"
    base = f"/initiatives/{world.initiative.slug}/outcomes/"
    pages = {
        base: "Dangosyddion a chynnydd",
        f"{base}new/": "Diffinio dangosydd",
        f"{base}{indicator.pk}/": "Ar y trywydd iawn: 70 % ar 1 Mehefin 2026",
        f"{base}{indicator.pk}/edit/": "Gwerth y llinell sylfaen",
        f"{base}{indicator.pk}/import/": "Mesuriadau fel ffeil CSV",
        f"/initiatives/{world.initiative.slug}/": "Gweld y canlyniadau",
    }
    for address, welsh in pages.items():
        page = client.get(address)
        text = page.content.decode()
        assert (address, page.status_code) == (address, 200)
        assert welsh in text, address
        assert "Sign out" not in text and "On track" not in text, address
