"""Boards in plain words: the way to a co-management stage when there is none, members
seated by picking their name, and their side shown as people say it."""

from django.test import Client

from conftest import World
from coproduce.comanagement import services
from coproduce.comanagement.models import Seat
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives


def _text(answer: object) -> str:
    return " ".join(answer.content.decode().split())  # type: ignore[attr-defined]


def test_without_a_co_management_stage_a_coordinator_is_shown_the_way(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    slug = world.initiative.slug
    page = _text(client.get(f"/initiatives/{slug}/boards/"))
    assert "Add a co-management stage to set up a board." in page
    assert (
        f'<a class="button" href="/initiatives/{slug}/stages/new/?kind=co_management&amp;'
        f'next=/initiatives/{slug}/boards/">Add a co-management stage</a>' in page
    )


def test_a_member_is_told_who_sets_up_boards(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    page = _text(client.get(f"/initiatives/{world.initiative.slug}/boards/"))
    assert "A coordinator sets up boards. Ask one: Cora Coordinator." in page
    assert "/stages/new/" not in page


def test_a_seat_is_given_by_picking_a_name_and_shows_the_side_in_plain_words(
    world: World,
) -> None:
    stage = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_MANAGEMENT
    )
    board = services.board_create(
        actor=world.coordinator, initiative=world.initiative, stage=stage, name="Repairs board"
    )
    client = Client()
    client.force_login(world.coordinator)
    url = f"/initiatives/{world.initiative.slug}/boards/{board.pk}/"
    refused = client.post(url, {"add_seat": "1", "person": "member", "role": "member"})
    assert refused.status_code == 400
    assert refused.context["seat_form"].errors == {
        "person": ["No member of this initiative is called “member”. Did you mean Mo Member?"]
    }
    assert not Seat.objects.exists()
    seated = client.post(url, {"add_seat": "1", "person": "Mo Member", "role": "member"})
    assert seated.status_code == 302
    assert list(Seat.objects.values_list("person__username", "side")) == [("member", "citizen")]
    page = _text(client.get(url))
    assert "<td>Mo Member</td><td>Resident or service user</td><td>Member</td>" in page
