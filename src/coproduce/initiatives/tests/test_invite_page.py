"""Inviting from the members page: a person the coordinator works with is picked by name
(never by a username or an e-mail address); the names offered are the coordinator's
colleagues only, and bad input is a 400 that invites no one."""

from typing import Any

from django.test import Client

from conftest import PASSWORD, World, add_member, make_initiative, make_user
from coproduce.initiatives.models import Membership, MembershipStatus


def _signed_in(user: Any) -> Client:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def _colleague(world: World) -> Any:
    """Someone the coordinator works with in another initiative, not a member here."""
    colleague = make_user("colleague", display_name="Col League")
    elsewhere = make_initiative(world.coordinator, title="Allotments")
    add_member(elsewhere, colleague)
    return colleague


def _members_url(world: World) -> str:
    return f"/initiatives/{world.initiative.slug}/members/"


def _invited(world: World) -> list[str]:
    return sorted(
        Membership.objects.filter(
            initiative=world.initiative, status=MembershipStatus.INVITED
        ).values_list("user__username", flat=True)
    )


def test_the_form_offers_the_coordinators_colleagues_by_name_and_no_one_else(
    world: World,
) -> None:
    colleague = _colleague(world)
    page = _signed_in(world.coordinator).get(_members_url(world)).content.decode()
    assert f'<option value="{colleague.pk}">Col League</option>' in page
    assert "Mo Member</option>" not in page  # a member here already
    assert "outsider</option>" not in page and "othercoord</option>" not in page
    assert "username" not in page.lower()


def test_a_colleague_is_invited_by_picking_their_name(world: World) -> None:
    colleague = _colleague(world)
    answer = _signed_in(world.coordinator).post(
        _members_url(world), {"person": str(colleague.pk), "side": "citizen", "role": "carer"}
    )
    assert answer.status_code == 302
    assert _invited(world) == ["colleague"]


def test_bad_invitations_are_400s_that_say_what_to_do_and_invite_no_one(world: World) -> None:
    _colleague(world)
    client = _signed_in(world.coordinator)
    cases = [
        ({}, "Pick a person from the list or type their name."),
        ({"email": "outsider@example.org"}, "Pick a person from the list or type their name."),
        ({"person": str(world.outsider.pk)}, "Pick a person from the list or type their name."),
        ({"person": "\u00b2"}, "Pick a person from the list or type their name."),
        ({"person": "Col\x00League"}, "Pick a person from the list or type their name."),
        ({"person": "9" * 30}, "Pick a person from the list or type their name."),
    ]
    for given, message in cases:
        answer = client.post(_members_url(world), {**given, "side": "citizen", "role": "carer"})
        assert answer.status_code == 400, given
        assert message in answer.content.decode(), given
    assert _invited(world) == []


def test_the_suggestions_are_the_coordinators_colleagues_and_for_coordinators_only(
    world: World,
) -> None:
    _colleague(world)
    url = f"/initiatives/{world.initiative.slug}/people/invitable/"
    assert _signed_in(world.coordinator).get(url, {"q": "col"}).json() == {"people": ["Col League"]}
    assert _signed_in(world.coordinator).get(url, {"q": "out"}).json() == {"people": []}
    assert _signed_in(world.coordinator).get(url, {"q": "c\x00ol"}).json() == {
        "people": ["Col League"]
    }
    assert _signed_in(world.member).get(url, {"q": "col"}).status_code == 403
