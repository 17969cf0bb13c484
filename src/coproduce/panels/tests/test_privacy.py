"""The pool is personal data: no page, API answer or export shows a pool member's name,
address or features to anyone but the initiative's coordinators — not to other members,
not to the person who registered, not to their neighbours in the pool."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import PASSWORD, make_user
from coproduce.panels import services
from coproduce.panels.tests.conftest import Jury, draw

SECRETS = ("Zebedee Quill", "77 Secret Street", "ZZ1 1ZZ")


@pytest.fixture
def registered(jury: Jury):
    neighbour = make_user("neighbour")
    services.pool_register(
        actor=neighbour,
        panel=jury.panel,
        details={"name": "Zebedee Quill", "address": "77 Secret Street", "postcode": "ZZ1 1ZZ"},
        answers={"age": "old", "area": "south"},
        consent=True,
    )
    draw(jury.world, jury.panel)
    services.composition_publish(actor=jury.world.coordinator, panel=jury.panel)
    return neighbour


def urls(jury: Jury) -> list[str]:
    slug, pk = jury.world.initiative.slug, jury.panel.pk
    base = f"/api/v1/initiatives/{slug}/panels/{pk}/"
    return [
        jury.world.initiative.get_absolute_url(),
        reverse("panels:list", args=[slug]),
        reverse("panels:detail", args=[slug, pk]),
        reverse("panels:pool", args=[slug, pk]),
        reverse("panels:selection", args=[slug, pk]),
        f"/api/v1/initiatives/{slug}/panels/",
        base,
        base + "pool/",
        base + "composition/",
        base + "features/",
        base + "selection/",
        base + "recommendations/",
    ]


def test_no_one_but_coordinators_sees_the_pool(jury: Jury, registered) -> None:
    world = jury.world
    people = [None, world.member, world.outsider, world.other_coordinator, registered]
    for person in people:
        for client in (Client(), APIClient()):
            if person is not None:
                client.login(username=person.username, password=PASSWORD)
            for url in urls(jury):
                body = client.get(url).content.decode()
                for secret in SECRETS:
                    assert secret not in body, (person, url, secret)
    coordinator = Client()
    coordinator.login(username=world.coordinator.username, password=PASSWORD)
    page = coordinator.get(reverse("panels:pool", args=[world.initiative.slug, jury.panel.pk]))
    assert all(secret in page.content.decode() for secret in SECRETS)
    api = APIClient()
    api.force_authenticate(world.coordinator)
    rows = api.get(f"/api/v1/initiatives/{world.initiative.slug}/panels/{jury.panel.pk}/pool/")
    zebedee = next(row for row in rows.json() if row["name"] == "Zebedee Quill")
    assert zebedee["features"] == {"age": "old", "area": "south"}


def test_the_pool_page_and_api_refuse_members(jury: Jury) -> None:
    world = jury.world
    client = Client()
    client.login(username=world.member.username, password=PASSWORD)
    assert (
        client.get(reverse("panels:pool", args=[world.initiative.slug, jury.panel.pk])).status_code
        == 403
    )
    api = APIClient()
    api.force_authenticate(world.member)
    url = f"/api/v1/initiatives/{world.initiative.slug}/panels/{jury.panel.pk}/pool/"
    assert api.get(url).status_code == 403
    api.force_authenticate(world.other_coordinator)
    assert api.get(url).status_code == 403
