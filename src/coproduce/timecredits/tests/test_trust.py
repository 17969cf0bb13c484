"""Naming someone outside the initiative gets the answer a username no one has gets: the
answer never shows who they are."""

from rest_framework.test import APIClient

from conftest import World, add_member, make_user
from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.timecredits import services
from coproduce.timecredits.models import Transfer


def _elsewhere(world: World) -> None:
    add_member(world.other, make_user("hidden", display_name="Hidden Name"))


def test_a_gift_to_a_non_member_answers_as_to_no_one(api: APIClient, world: World) -> None:
    _elsewhere(world)
    services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=60
    )
    api.force_authenticate(world.member)
    gift = f"/api/v1/initiatives/{world.initiative.slug}/credits/gift/"
    answers = [
        api.post(gift, {"to": to, "minutes": 5}, format="json", HTTP_IDEMPOTENCY_KEY=to)
        for to in ("hidden", "nobody-at-all")
    ]
    assert [(a.status_code, a.json()) for a in answers] == [(400, {"to": [NO_SUCH_MEMBER]})] * 2
    assert "Hidden" not in answers[0].content.decode()
    assert Transfer.objects.count() == 1  # the earning only


def test_crediting_a_non_member_answers_as_crediting_no_one(api: APIClient, world: World) -> None:
    _elsewhere(world)
    api.force_authenticate(world.coordinator)
    earn = f"/api/v1/initiatives/{world.initiative.slug}/credits/earn/"
    answers = [
        api.post(earn, {"person": to, "minutes_given": 30}, format="json", HTTP_IDEMPOTENCY_KEY=to)
        for to in ("hidden", "nobody-at-all")
    ]
    assert [(a.status_code, a.json()) for a in answers] == [(400, {"person": [NO_SUCH_MEMBER]})] * 2
    assert Transfer.objects.count() == 0


def test_the_gift_page_answers_alike_for_a_non_member_and_no_one(client, world: World) -> None:
    _elsewhere(world)
    services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=60
    )
    client.force_login(world.member)
    page = f"/initiatives/{world.initiative.slug}/credits/"
    for to in ("Hidden Name", "Nobody At All"):
        answer = client.post(page, {"gift": "1", "to": to, "minutes": 5, "key": f"page-{to}"})
        assert answer.status_code == 400
        assert answer.context["gift_form"].errors == {
            "to": [
                f"No member of this initiative is called “{to}”. "
                "Pick a person from the list or type their name."
            ]
        }
        # the list offers the initiative's members only, by name
        assert [
            label for _pk, label in answer.context["gift_form"].fields["to"].widget.choices
        ] == ["Cora Coordinator"]
    assert Transfer.objects.count() == 1


def test_a_coordinator_does_not_credit_their_own_time(api: APIClient, world: World) -> None:
    """A coordinator could award themself credits, skipping the approval someone else gives
    everyone's hours; another coordinator (or staff) credits theirs."""
    api.force_authenticate(world.coordinator)
    earn = f"/api/v1/initiatives/{world.initiative.slug}/credits/earn/"
    own = api.post(
        earn,
        {"person": world.coordinator.username, "minutes_given": 600},
        format="json",
        HTTP_IDEMPOTENCY_KEY="own",
    )
    assert (own.status_code, own.json()) == (
        400,
        {"person": [str(services.NOT_YOUR_OWN_CREDITS)]},
    )
    assert Transfer.objects.count() == 0
    services.credits_earn(
        actor=world.staff, initiative=world.initiative, person=world.coordinator, minutes_given=60
    )
    assert Transfer.objects.count() == 1
