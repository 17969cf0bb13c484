"""The pages: the public form (consent required), the quota form's errors, the import,
the draw's progress, the published composition and the overdue answers."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from coproduce.panels import services
from coproduce.panels.models import Panel, PoolMember, RunStatus
from coproduce.panels.tests.conftest import Jury, draw, make_panel, pool_csv


def signed_in(person) -> Client:
    client = Client()
    client.login(username=person.username, password=PASSWORD)
    return client


def test_joining_without_consent_is_a_form_error(world) -> None:
    panel = make_panel(world)
    url = reverse("panels:detail", args=[world.initiative.slug, panel.pk])
    ages = {f.name: f.pk for f in panel.features.all()}
    data = {
        "name": "Ana",
        "address": "1 Mill Lane",
        "postcode": "AB1 2CD",
        f"feature_{ages['age']}": "young",
        f"feature_{ages['area']}": "north",
    }
    refused = Client().post(url, data)
    assert refused.status_code == 400
    assert "Tick the box to agree, or we cannot add you." in refused.content.decode()
    assert not PoolMember.objects.exists()
    done = Client().post(url, data | {"consent": "on"})
    assert done.status_code == 302
    assert PoolMember.objects.get().name == "Ana"


def test_a_minimum_above_its_maximum_is_a_form_error(world) -> None:
    panel = make_panel(world, features={})
    url = reverse("panels:features", args=[world.initiative.slug, panel.pk])
    answer = signed_in(world.coordinator).post(
        url, {"name": "age", "categories": "young, 6, 2, Census\nold, 0, 8"}
    )
    assert answer.status_code == 400
    assert "young: the minimum (6) is above the maximum (2)." in answer.content.decode()
    assert not panel.features.exists()


def test_a_coordinator_imports_the_mailout(world) -> None:
    panel = make_panel(world)
    url = reverse("panels:pool", args=[world.initiative.slug, panel.pk])
    upload = SimpleUploadedFile("pool.csv", pool_csv(30).encode(), content_type="text/csv")
    answer = signed_in(world.coordinator).post(url, {"file": upload, "consent_confirmed": "on"})
    assert answer.status_code == 302
    assert panel.pool.count() == 30
    bad = SimpleUploadedFile("pool.csv", b"name,age\nBo,ancient", content_type="text/csv")
    refused = signed_in(world.coordinator).post(url, {"file": bad, "consent_confirmed": "on"})
    assert refused.status_code == 400
    assert panel.pool.count() == 30


def test_the_selection_page_follows_the_draw_while_it_runs(jury: Jury) -> None:
    client = signed_in(jury.world.coordinator)
    url = reverse("panels:selection", args=[jury.world.initiative.slug, jury.panel.pk])
    assert client.post(url, {"algorithm": "legacy", "seed": "3"}).status_code == 302
    page = client.get(url).content.decode()
    assert "panels/progress.js" in page
    assert "data-draw-busy" in page
    assert "Queued" in page
    run = jury.panel.runs.get()
    from coproduce.panels.drawing import selection_perform

    selection_perform(run_id=run.pk)
    page = client.get(url).content.decode()
    assert "data-draw-busy" not in page
    assert "8 selected." in page
    assert jury.panel.runs.get().status == RunStatus.DONE


def test_the_published_composition_and_overdue_answers(jury: Jury) -> None:
    world = jury.world
    run = draw(world, jury.panel)
    url = reverse("panels:detail", args=[world.initiative.slug, jury.panel.pk])
    assert "Who serves, against the quotas" not in Client().get(url).content.decode()
    services.composition_publish(actor=world.coordinator, panel=jury.panel)
    page = Client().get(url).content.decode()
    assert "Who serves, against the quotas and the pool" in page
    assert f"seed {run.seed} from 40 people" in page
    services.recommendation_add(
        actor=world.coordinator,
        panel=jury.panel,
        text="Fix damp first.",
        votes_for=6,
        votes_against=2,
        votes_abstaining=0,
        voted_on=datetime.date(2026, 3, 31),
    )
    Panel.objects.filter(pk=jury.panel.pk).update(answers_due_on=datetime.date(2026, 4, 1))
    page = Client().get(url).content.decode()
    assert '<strong class="overdue">Overdue:</strong>' in page


def test_the_panel_pages_in_welsh(jury: Jury) -> None:
    world = jury.world
    draw(world, jury.panel)
    client = signed_in(world.coordinator)
    client.cookies["django_language"] = "cy"
    args = [world.initiative.slug, jury.panel.pk]
    detail = client.get(reverse("panels:detail", args=args)).content.decode()
    assert '<html lang="cy">' in detail
    assert "Dewis drwy goelbren" in detail
    assert "Nodweddion a chwotâu" in detail
    assert "Selection by lot" not in detail
    selection = client.get(reverse("panels:selection", args=args)).content.decode()
    assert "Wedi&#x27;i wneud" in selection  # the run's status, a translated choice
    assert "Dewis pobl yn lle'r rhai a dynnodd yn ôl" in selection  # drawn: replacements next
    assert "Cyhoeddi'r cyfansoddiad a'r siawns" in selection
    pool = client.get(reverse("panels:pool", args=args)).content.decode()
    assert "Data personol: dim ond cydlynwyr y fenter sy'n gweld y dudalen hon." in pool
    assert "40 o bobl." in pool
