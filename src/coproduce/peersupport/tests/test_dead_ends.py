"""Peer support where the initiative offers none yet: the way to offer it, or who to ask;
and supporters recorded by picking a member by name."""

from typing import Any

from django.test import Client

from conftest import World
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives
from coproduce.peersupport.models import PeerSupporter, SupportRequest


def _page(world: World, person: Any) -> str:
    client = Client()
    client.force_login(person)
    answer = client.get(f"/initiatives/{world.initiative.slug}/peer-support/")
    assert answer.status_code == 200
    return " ".join(answer.content.decode().split())


def test_a_coordinator_sees_the_button_to_add_a_co_performing_stage(world: World) -> None:
    page = _page(world, world.coordinator)
    slug = world.initiative.slug
    assert "Add a co-performing stage to offer peer support." in page
    assert (
        f'<a class="button" href="/initiatives/{slug}/stages/new/?kind=co_performing&amp;'
        f'next=/initiatives/{slug}/peer-support/">Add a co-performing stage</a>' in page
    )


def test_a_member_is_told_who_can_offer_it(world: World) -> None:
    page = _page(world, world.member)
    assert (
        "A coordinator can offer it by adding a co-performing stage. Ask one: Cora Coordinator."
        in page
    )
    assert "Ask for support</button>" not in page and "/stages/new/" not in page


def test_asking_before_it_is_offered_says_why_and_records_nothing(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    answer = client.post(
        f"/initiatives/{world.initiative.slug}/peer-support/",
        {"ask": "1", "need": "sleep", "language": "English"},
    )
    assert answer.status_code == 400
    assert answer.context["ask_form"].errors["need"] == [
        "This initiative does not offer peer support yet: a coordinator adds a co-performing "
        "stage first."
    ]
    assert not SupportRequest.objects.exists()


def test_the_stage_button_leads_back_with_the_stage_chosen(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    slug = world.initiative.slug
    form = client.get(f"/initiatives/{slug}/stages/new/?kind=co_performing")
    assert form.context["form"]["kind"].value() == "co_performing"
    saved = client.post(
        f"/initiatives/{slug}/stages/new/?kind=co_performing&next=/initiatives/{slug}/peer-support/",
        {"kind": "co_performing", "status": "active"},
    )
    assert (saved.status_code, saved["Location"]) == (302, f"/initiatives/{slug}/peer-support/")
    elsewhere = client.post(
        f"/initiatives/{slug}/stages/new/?next=https://example.com/",
        {"kind": "co_assessment", "status": "planned"},
    )
    assert (elsewhere.status_code, elsewhere["Location"]) == (302, f"/initiatives/{slug}/")


def test_a_supporter_is_recorded_by_picking_a_member_by_name(world: World) -> None:
    initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_PERFORMING
    )
    client = Client()
    client.force_login(world.coordinator)
    page = f"/initiatives/{world.initiative.slug}/peer-support/"
    body = {
        "register": "1",
        "supports": "sleep",
        "languages": "English",
        "training": "Listening course",
        "trained_on": "2026-01-05",
        "checked_until": "2030-01-01",
    }
    outsider = client.post(page, {**body, "person": str(world.other_coordinator.pk)})
    assert outsider.status_code == 400
    assert outsider.context["register_form"].errors == {
        "person": ["Pick a person from the list or type their name."]
    }
    assert not PeerSupporter.objects.exists()
    picked = client.post(page, {**body, "person": str(world.member.pk)})
    assert picked.status_code == 302
    assert list(PeerSupporter.objects.values_list("person__username", flat=True)) == ["member"]
