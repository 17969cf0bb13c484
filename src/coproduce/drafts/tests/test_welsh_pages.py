"""The draft pages in Welsh (ADR 0050): each renders in the language the switcher keeps."""

from django.test import Client

from conftest import World
from coproduce.drafts import services
from coproduce.drafts.models import AmendmentKind, Draft
from coproduce.drafts.tests.conftest import keys


def test_every_draft_page_renders_in_welsh(world: World, draft: Draft) -> None:
    key = keys(draft)["How to report"]
    amendment = services.amendment_propose(
        actor=world.member,
        draft=draft,
        kind=AmendmentKind.REPLACE,
        section_key=key,
        body="Phone or write.",
        reason="Not everyone phones",
    )
    services.amendment_decide(
        actor=world.coordinator, amendment=amendment, accept=True, reason="Agreed"
    )
    client = Client()
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "cy"
    base = f"/initiatives/{draft.initiative.slug}/drafts/"
    pages = {
        base: "Dechrau drafft",
        f"{base}{draft.pk}/": "Grŵp drafftio",
        f"{base}{draft.pk}/edit/": "Cadw fersiwn newydd",
        f"{base}{draft.pk}/group/": "Pennu'r grŵp",
        f"{base}{draft.pk}/versions/": "Cymharu unrhyw ddwy fersiwn",
        f"{base}{draft.pk}/versions/1/": "Y drafft nawr",
        f"{base}{draft.pk}/versions/1/print/": "O http",
        f"{base}{draft.pk}/versions/1/draft.md": "fersiwn 1 (drafft), cadwyd",
        f"{base}{draft.pk}/compare/?from=1&to=2": "0 adran wedi'u hychwanegu",
        f"{base}{draft.pk}/amendments/new/": "Cynnig y gwelliant",
        f"{base}{draft.pk}/amendments/{amendment.pk}/": "Statws: Derbyniwyd",
        f"{base}{draft.pk}/adopt/": "Cofnodi'r mabwysiadu",
    }
    for address, welsh in pages.items():
        page = client.get(address)
        text = page.content.decode()
        assert (address, page.status_code) == (address, 200)
        assert welsh in text, address
        assert "Sign out" not in text and "version 1" not in text, address
