"""The pages and API of personal outcomes, used as people use them: the coordinator defines
the scale and pairs people, the worker and the person enter and correct readings, and the
panel shows each the links that are theirs."""

import datetime

from django.test import Client
from rest_framework.test import APIClient

from conftest import World
from coproduce.personaloutcomes.models import Domain, Pairing, Reading, Scale
from coproduce.personaloutcomes.tests.people import LABELS, Setup, pairings_url, read

DAY = datetime.date(2026, 3, 1)


def test_the_coordinator_defines_the_scale_on_its_page(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    url = f"/initiatives/{world.initiative.slug}/personal-outcomes/scale/"
    form = {
        "name": "Steps forward",
        "domains": "Managing money: Bills and debt\n\nLiving skills",
        **{f"label_{step}": label for step, label in enumerate(LABELS, start=1)},
    }
    missing = client.post(url, {**form, "label_10": ""})
    assert missing.status_code == 400
    assert "Label for step 10: This field is required." in missing.content.decode()
    saved = client.post(url, form)
    assert (saved.status_code, saved["Location"]) == (302, url)
    scale = Scale.objects.get()
    assert scale.labels == LABELS
    assert list(Domain.objects.values_list("name", "guidance")) == [
        ("Managing money", "Bills and debt"),
        ("Living skills", ""),
    ]
    again = client.get(url).content.decode()
    assert "Managing money: Bills and debt\nLiving skills</textarea>" in again


def test_the_coordinator_pairs_a_member_with_a_professional(
    client: Client, world: World, setup_world: Setup
) -> None:
    client.force_login(world.coordinator)
    url = pairings_url(world)
    citizen = client.post(url, {"person": world.coordinator.pk, "worker": world.member.pk})
    assert citizen.status_code == 400  # the member, a citizen, is no choice of worker
    assert "Worker: Select a valid choice." in citizen.content.decode()
    assert not Pairing.objects.filter(worker=world.member).exists()
    paired = client.post(url, {"person": world.coordinator.pk, "worker": setup_world.worker.pk})
    assert paired.status_code == 302
    assert Pairing.objects.filter(worker=setup_world.worker, person=world.coordinator).exists()
    assert "Wren Worker" in client.get(url).content.decode()


def test_the_worker_enters_a_reading_and_the_person_corrects_it(
    client: Client, world: World, setup_world: Setup
) -> None:
    setup = setup_world
    domains = [d.pk for d in setup.scale.domains.all()]
    client.force_login(setup.worker)
    people = client.get(f"/initiatives/{world.initiative.slug}/personal-outcomes/people/")
    assert "Mo Member</a>" in people.content.decode()
    base = f"/initiatives/{world.initiative.slug}/personal-outcomes/"
    new = f"{base}people/{world.member.pk}/readings/new/"
    form = {"taken_on": "2026-03-01", **{f"score_{d}": "5" for d in domains}}
    bad = client.post(new, {**form, f"score_{domains[0]}": "11"})
    assert bad.status_code == 400
    saved = client.post(new, {**form, f"note_{domains[1]}": "Cooked twice this week"})
    assert saved.status_code == 302
    reading = Reading.objects.get()
    assert (reading.entered_by, reading.person, reading.taken_on) == (
        setup.worker,
        world.member,
        DAY,
    )
    client.force_login(world.member)
    person = saved["Location"]
    page = client.get(person).content.decode()
    assert "Cooked twice this week" in page
    correct = (
        f"/initiatives/{world.initiative.slug}/personal-outcomes/readings/{reading.pk}/correct/"
    )
    assert f'href="{correct}"' in page
    assert client.post(correct, {**form, f"score_{domains[2]}": "6"}).status_code == 302
    page = client.get(person).content.decode()
    assert "Replaced by a correction" in page
    assert f'href="{correct}"' not in page  # corrected once: no second correction


def test_the_panel_shows_each_person_their_own_links(
    client: Client, world: World, setup_world: Setup
) -> None:
    read(setup_world, setup_world.worker, (3, 4, 5), DAY)
    url = f"/initiatives/{world.initiative.slug}/"
    client.force_login(world.member)
    html = client.get(url).content.decode()
    assert "My progress</a>" in html and "Change across people" not in html
    client.force_login(setup_world.worker)
    html = client.get(url).content.decode()
    assert "People I work with</a>" in html and "My progress" not in html
    client.force_login(world.coordinator)
    html = client.get(url).content.decode()
    assert "Change across people</a>" in html and "My progress" not in html
    client.logout()
    assert "Personal outcomes" not in client.get(url).content.decode()


def test_the_api_takes_the_callers_own_reading_and_names_what_to_fix(
    api: APIClient, world: World, setup_world: Setup
) -> None:
    domains = [d.pk for d in setup_world.scale.domains.all()]
    url = f"/api/v1/initiatives/{world.initiative.slug}/my-readings/"
    api.force_authenticate(world.member)
    api.credentials(HTTP_IDEMPOTENCY_KEY="po-1")
    scores = [{"domain": d, "score": 5} for d in domains]
    out_of_range = api.post(
        url, {"taken_on": "2026-03-01", "scores": [{"domain": domains[0], "score": 11}]}, "json"
    )
    assert out_of_range.status_code == 400
    assert out_of_range.json() == {
        "scores": {"0": {"score": ["Ensure this value is less than or equal to 10."]}}
    }
    api.credentials(HTTP_IDEMPOTENCY_KEY="po-2")
    missing = api.post(url, {"taken_on": "2026-03-01", "scores": scores[:2]}, "json")
    assert (missing.status_code, list(missing.json())) == (400, ["scores"])
    api.credentials(HTTP_IDEMPOTENCY_KEY="po-3")
    future = api.post(url, {"taken_on": "2099-01-01", "scores": scores}, "json")
    assert (future.status_code, list(future.json())) == (400, ["taken_on"])
    api.credentials(HTTP_IDEMPOTENCY_KEY="po-4")
    saved = api.post(url, {"taken_on": "2026-03-01", "scores": scores}, "json")
    assert saved.status_code == 201
    assert saved.json()["scores"] == [{"domain": d, "score": 5, "note": ""} for d in domains]
    assert Reading.objects.get().entered_by == world.member
    scale = api.get(f"/api/v1/initiatives/{world.initiative.slug}/personal-scales/").json()
    assert scale[0]["labels"] == LABELS
    assert [d["name"] for d in scale[0]["domains"]] == [
        "Managing money",
        "Living skills",
        "Friends",
    ]


def test_the_guidance_on_the_reading_form_is_text_not_html(
    client: Client, world: World, setup_world: Setup
) -> None:
    Domain.objects.filter(name="Managing money").update(
        guidance='<meta http-equiv="refresh" content="0;url=https://example.org/">'
    )
    client.force_login(setup_world.worker)
    url = f"/initiatives/{world.initiative.slug}/personal-outcomes/people/{world.member.pk}/"
    html = client.get(url + "readings/new/").content.decode()
    assert "<meta http-equiv" not in html
    assert (
        "&lt;meta http-equiv=&quot;refresh&quot; content=&quot;0;url=https://example.org/&quot;&gt;"
        in html
    )


def test_the_pages_in_welsh(client: Client, world: World, setup_world: Setup) -> None:
    read(setup_world, world.member, (3, 4, 5), DAY, note="A start.")
    read(setup_world, setup_world.worker, (5, 4, 3), DAY + datetime.timedelta(days=30))
    base = f"/initiatives/{world.initiative.slug}/personal-outcomes"
    client.cookies["django_language"] = "cy"
    client.force_login(setup_world.worker)
    person = client.get(f"{base}/people/{world.member.pk}/").content.decode()
    assert "<h1>Cynnydd " in person and "Pob darlleniad" in person
    assert "Managing money: cyntaf 3, diweddaraf 5." in person
    form = client.get(f"{base}/people/{world.member.pk}/readings/new/").content.decode()
    assert "Managing money: sgôr" in form and "Cadw'r darlleniad" in form
    bad = client.post(f"{base}/people/{world.member.pk}/readings/new/", {"taken_on": "2026-03-02"})
    assert bad.status_code == 400 and "Mae problem" in bad.content.decode()
    client.force_login(world.coordinator)
    pages = [client.get(f"{base}/{page}/").content.decode() for page in ("scale", "pairings")]
    pages.append(client.get(f"{base}/change/").content.decode())
    assert "Label ar gyfer cam 10" in pages[0]
    assert "Dod â pharu " in pages[1] and "Parau sydd mewn grym" in pages[1]
    assert "Newid ar draws pobl" in pages[2]
    for page in (person, form, *pages):
        for english in ("Every reading", "Save the", "Label for step", "Pairings in force"):
            assert english not in page
