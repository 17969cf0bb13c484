"""The journey map pages in Welsh (ADR 0050): each renders in the language the switcher
keeps, with the map's own words (its title, stages and notes) as written."""

from django.test import Client

from conftest import World
from coproduce.journeymaps.tests.conftest import Journey, feel, note, residents


def test_every_journey_map_page_renders_in_welsh(world: World, journey: Journey) -> None:
    feel(journey, residents(world, 3), [-2, -2, -1])
    pain = note(journey, world.member)
    client = Client()
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "cy"
    base = f"/initiatives/{world.initiative.slug}/journey-maps/"
    mapped = f"{base}{journey.map.pk}/"
    stage = journey.stages[0].pk
    pages = {
        base: "Creu map taith",
        f"{base}new/": "Creu map taith",
        mapped: "-1.7 (gwael iawn)",
        f"{mapped}edit/": "Newid Getting a repair done",
        f"{mapped}notes/new/": "Pwyntiau cyswllt",
        f"{mapped}notes/{pain.pk}/": "Statws y pwynt poen",
        f"{mapped}notes/{pain.pk}/idea/": "Postio'r syniad",
        f"{mapped}stages/": "Ychwanegu'r cam",
        f"{mapped}stages/{stage}/": "Ailenwi cam 1",
    }
    for address, welsh in pages.items():
        page = client.get(address)
        text = page.content.decode()
        assert (address, page.status_code) == (address, 200)
        assert welsh in text, address
        assert "Sign out" not in text and "Add a note" not in text, address
    grid = client.get(mapped).content.decode()
    assert "Reporting the repair" in grid  # the map's own words stay as written
    assert "Pwyntiau poen" in grid and "Pain points" not in grid
