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
    for url, welsh in pages.items():
        page = client.get(url)
        text = page.content.decode()
        assert (url, page.status_code) == (url, 200)
        assert welsh in text, url
        assert "Sign out" not in text, url
