"""A person's readings are seen by them and their paired worker only: not the coordinator,
not staff, not other members, in no page, API answer, export or admin page; the change
across people names no one and shows nothing under five people."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

import coproduce
from conftest import World, add_member, make_user
from coproduce.initiatives import services as initiatives
from coproduce.personaloutcomes.models import Domain, Pairing, Reading, Scale, Score
from coproduce.personaloutcomes.tests.people import Setup, pairings_url, read, set_up
from coproduce.record.models import Contribution, Decision

SOURCE = Path(coproduce.__file__).parent
SECRET = "Borrowed from a loan shark"
DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def setup(world: World) -> Setup:
    found = set_up(world)
    read(found, found.worker, (2, 4, 5), DAY, note=SECRET)
    read(found, world.member, (7, 4, 6), DAY + datetime.timedelta(days=60))
    return found


def _person_url(world: World) -> str:
    return f"/initiatives/{world.initiative.slug}/personal-outcomes/people/{world.member.pk}/"


def test_the_person_and_their_worker_see_the_readings(
    client: Client, world: World, setup: Setup
) -> None:
    for viewer in (world.member, setup.worker):
        client.force_login(viewer)
        page = client.get(_person_url(world))
        html = page.content.decode()
        assert page.status_code == 200
        assert SECRET in html
        # the first and latest reading's table, beside the radar
        assert '<th scope="row">Managing money</th><td>2</td><td>7</td>' in html
        assert '<title id="radar-title">' in html
        assert page["Cache-Control"].startswith("max-age=0")


def test_no_one_else_sees_them_not_even_the_coordinator_or_staff(
    client: Client, world: World, setup: Setup
) -> None:
    other = make_user("neighbour")
    add_member(world.initiative, other)
    for viewer in (world.coordinator, world.staff, other, world.other_coordinator):
        client.force_login(viewer)
        for url in (
            _person_url(world),
            _person_url(world) + "readings/new/",
            f"/initiatives/{world.initiative.slug}/personal-outcomes/readings/"
            f"{Reading.objects.first().pk}/correct/",  # type: ignore[union-attr]
        ):
            response = client.get(url)
            assert response.status_code == 404, (viewer, url)
            assert SECRET not in response.content.decode()


def test_a_coordinator_cannot_pair_themself_to_read_a_persons_readings(
    client: Client, world: World, setup: Setup
) -> None:
    client.force_login(world.coordinator)
    url = pairings_url(world)
    refused = client.post(url, {"person": world.member.pk, "worker": world.coordinator.pk})
    assert refused.status_code == 400
    assert "Worker: You cannot pair yourself as a worker" in refused.content.decode()
    assert list(Pairing.objects.values_list("person", "worker")) == [
        (world.member.pk, setup.worker.pk)
    ]
    for page in (_person_url(world), _person_url(world) + "readings/new/"):
        response = client.get(page)
        assert response.status_code == 404, page
        assert SECRET not in response.content.decode()
    # another coordinator may pair them
    membership = world.initiative.memberships.get(user=setup.worker)
    initiatives.membership_set_coordinator(
        actor=world.coordinator, membership=membership, is_coordinator=True
    )
    client.force_login(setup.worker)
    paired = client.post(url, {"person": world.member.pk, "worker": world.coordinator.pk})
    assert paired.status_code == 302
    assert Pairing.objects.filter(worker=world.coordinator, paired_by=setup.worker).count() == 1


def test_an_ended_pairing_hides_the_readings_from_the_worker(
    client: Client, world: World, setup: Setup
) -> None:
    client.force_login(world.coordinator)
    pairing = Pairing.objects.get()
    url = pairings_url(world)
    assert client.post(url, {"end": pairing.pk}).status_code == 302
    client.force_login(setup.worker)
    assert client.get(_person_url(world)).status_code == 404


def test_the_coordinators_pages_hold_nothing_of_anyones_readings(
    client: Client, world: World, setup: Setup
) -> None:
    client.force_login(world.coordinator)
    slug = world.initiative.slug
    for url in (
        f"/initiatives/{slug}/",
        f"/initiatives/{slug}/personal-outcomes/change/",
        f"/initiatives/{slug}/personal-outcomes/pairings/",
    ):
        html = client.get(url).content.decode()
        assert SECRET not in html
    change = client.get(f"/initiatives/{slug}/personal-outcomes/change/").content.decode()
    assert '<th scope="row">Managing money</th>\n  <td>&lt;5</td>' in change
    assert "<td>1</td>" not in change and "5.00" not in change


def test_the_api_gives_each_person_their_own_readings_only(
    api: APIClient, world: World, setup: Setup
) -> None:
    url = f"/api/v1/initiatives/{world.initiative.slug}/my-readings/"
    api.force_authenticate(world.member)
    mine = api.get(url).json()
    assert mine["count"] == 2
    assert mine["results"][0]["scores"][0] == {
        "domain": Domain.objects.get(position=1).pk,
        "score": 2,
        "note": SECRET,
    }
    for viewer in (world.coordinator, world.staff, setup.worker):
        api.force_authenticate(viewer)
        answer = api.get(url)
        assert (answer.status_code, answer.json()["count"]) == (200, 0)
        assert SECRET not in answer.content.decode()


def test_the_api_schema_offers_no_one_elses_readings(tmp_path: Path, db: None) -> None:
    target = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(target))
    paths = [
        p for p in json.loads(target.read_text())["paths"] if "personal" in p or "readings" in p
    ]
    assert sorted(paths) == [
        "/api/v1/initiatives/{initiative_slug}/my-readings/",
        "/api/v1/initiatives/{initiative_slug}/personal-scales/",
    ]


def test_no_admin_page_shows_readings_or_pairings(
    client: Client, world: World, setup: Setup
) -> None:
    mine = {Scale, Domain, Pairing, Reading, Score}
    assert not mine & set(admin.site._registry)
    inlines = {i.model for m in admin.site._registry.values() for i in m.inlines}
    assert not mine & inlines
    client.force_login(world.staff)
    assert client.get("/admin/personaloutcomes/reading/").status_code == 404
    assert SECRET not in client.get("/admin/").content.decode()


def test_no_code_outside_this_app_reads_readings() -> None:
    """An export, an admin page or an API elsewhere would have to name this app (other apps'
    tests may name it, as the demo's list of loaders does)."""
    naming = {
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if not {"personaloutcomes", "tests"} & set(path.parts)
        and re.search(r"personaloutcomes", path.read_text())
    }
    assert naming == {"settings.py"}


def test_readings_are_not_written_to_the_record(world: World, setup: Setup) -> None:
    before = (Contribution.objects.count(), Decision.objects.count())
    read(setup, setup.worker, (5, 5, 5), DAY + datetime.timedelta(days=90))
    assert (Contribution.objects.count(), Decision.objects.count()) == before
    assert not Contribution.objects.filter(description__contains=SECRET).exists()
