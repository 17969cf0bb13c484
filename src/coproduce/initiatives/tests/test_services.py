"""Initiatives: creation, membership life cycle, stages and goals."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import World, make_initiative, make_user, work_alongside
from coproduce.core import gate
from coproduce.core.memo import request_scope
from coproduce.core.vocabulary import Role, Side, StageKind
from coproduce.initiatives import selectors, services
from coproduce.initiatives.models import Initiative, JoinPolicy, Membership, Visibility
from coproduce.initiatives.selectors import NO_STANDING, Standing


def test_creator_becomes_the_coordinator_on_their_side(db) -> None:
    creator = make_user("creator")
    initiative = make_initiative(creator, title="Green Street Garden")
    membership = Membership.objects.get(initiative=initiative)
    assert initiative.slug == "green-street-garden"
    assert (membership.user, membership.side, membership.role) == (
        creator,
        Side.REGULAR_PRODUCER,
        Role.MANAGER,
    )
    assert (membership.is_coordinator, membership.status) == (True, "active")


def test_slugs_stay_unique(db) -> None:
    creator = make_user("creator")
    first = make_initiative(creator, title="Same name")
    second = make_initiative(creator, title="Same name")
    assert (first.slug, second.slug) == ("same-name", "same-name-2")


def test_open_initiative_admits_at_once(world: World) -> None:
    services.initiative_update(
        actor=world.coordinator, initiative=world.initiative, join_policy=JoinPolicy.OPEN
    )
    membership = services.membership_request(
        actor=world.outsider, initiative=world.initiative, side=Side.CITIZEN, role=Role.CARER
    )
    assert membership.status == "active"


def test_request_waits_for_a_coordinator(world: World) -> None:
    membership = services.membership_request(
        actor=world.outsider, initiative=world.initiative, side=Side.CITIZEN, role=Role.CARER
    )
    assert membership.status == "requested"
    with pytest.raises(PermissionDenied):
        services.membership_decide(actor=world.member, membership=membership, approve=True)
    assert Membership.objects.get(pk=membership.pk).status == "requested"
    services.membership_decide(actor=world.coordinator, membership=membership, approve=True)
    assert Membership.objects.get(pk=membership.pk).status == "active"


def test_invitation_only_refuses_requests_but_accepts_invitees(world: World) -> None:
    services.initiative_update(
        actor=world.coordinator, initiative=world.initiative, join_policy=JoinPolicy.INVITATION
    )
    with pytest.raises(PermissionDenied):
        services.membership_request(
            actor=world.outsider,
            initiative=world.initiative,
            side=Side.CITIZEN,
            role=Role.CARER,
        )
    assert not Membership.objects.filter(user=world.outsider).exists()
    work_alongside(world.coordinator, world.outsider)
    services.membership_invite(
        actor=world.coordinator,
        initiative=world.initiative,
        user=world.outsider,
        side=Side.CITIZEN,
        role=Role.CARER,
    )
    membership = services.membership_request(
        actor=world.outsider, initiative=world.initiative, side=Side.CITIZEN, role=Role.CARER
    )
    assert membership.status == "active"


def test_members_only_initiative_is_hidden_from_outsiders(world: World) -> None:
    services.initiative_update(
        actor=world.coordinator, initiative=world.initiative, visibility=Visibility.MEMBERS
    )
    assert not gate.allows(world.outsider, "initiatives.view_initiative", world.initiative)
    assert gate.allows(world.member, "initiatives.view_initiative", world.initiative)
    assert gate.allows(world.staff, "initiatives.view_initiative", world.initiative)
    visible_to_outsider = set(selectors.initiatives_visible_to(world.outsider))
    assert visible_to_outsider == {world.other}


def test_leaving_and_the_last_coordinator(world: World) -> None:
    services.membership_leave(actor=world.member, initiative=world.initiative)
    assert Membership.objects.get(user=world.member).status == "left"
    with pytest.raises(ValidationError):
        services.membership_leave(actor=world.coordinator, initiative=world.initiative)
    assert Membership.objects.get(user=world.coordinator).is_coordinator is True


def test_coordinator_hands_over(world: World) -> None:
    membership = Membership.objects.get(user=world.member)
    services.membership_set_coordinator(
        actor=world.coordinator, membership=membership, is_coordinator=True
    )
    services.membership_leave(actor=world.coordinator, initiative=world.initiative)
    coordinators = Membership.objects.filter(initiative=world.initiative, is_coordinator=True)
    assert [m.user for m in coordinators] == [world.member]


def test_member_cannot_edit_the_initiative(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.initiative_update(actor=world.member, initiative=world.initiative, title="Mine")
    assert Initiative.objects.get(pk=world.initiative.pk).title == "Riverside repairs"


def test_stage_once_per_kind_and_dates_in_order(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.stage_create(
            actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_DESIGN
        )
    assert "kind" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.stage_create(
            actor=world.coordinator,
            initiative=world.initiative,
            kind=StageKind.CO_ASSESSMENT,
            starts_on=datetime.date(2026, 5, 1),
            ends_on=datetime.date(2026, 4, 1),
        )
    assert error.value.message_dict == {
        "ends_on": ["The end date must be on or after the start date."]
    }
    assert world.initiative.stages.count() == 1


def test_goal_needs_both_sides_to_be_shared(world: World) -> None:
    goal = services.goal_add(actor=world.member, initiative=world.initiative, text="Dry homes")
    assert (goal.proposed_by_side, goal.agreed_by_citizens, goal.agreed_by_professionals) == (
        Side.CITIZEN,
        True,
        False,
    )
    assert goal.agreed_by_both_sides is False
    services.goal_agree(actor=world.coordinator, goal=goal)
    goal.refresh_from_db()
    assert goal.agreed_by_both_sides is True
    with pytest.raises(PermissionDenied):
        services.goal_agree(actor=world.outsider, goal=goal)


def test_standing_is_asked_once_a_request_and_afresh_in_the_next(
    world: World, django_assert_num_queries
) -> None:
    with request_scope(), django_assert_num_queries(1):
        found = selectors.standing(world.coordinator, world.initiative)
        assert found == Standing("active", Side.REGULAR_PRODUCER, Role.MANAGER, True, False)
        assert gate.allows(world.coordinator, "initiatives.change_initiative", world.initiative)
        assert gate.allows(world.coordinator, "timecredits.use_credits", world.initiative)
    with request_scope(), django_assert_num_queries(2):
        assert selectors.standing(world.member, world.initiative).active is True
        assert selectors.standing(world.member, world.other) is NO_STANDING
    Membership.objects.filter(user=world.member).update(status="left")
    with django_assert_num_queries(2):  # outside a request, every question is asked
        assert selectors.standing(world.member, world.initiative).status == "left"
        assert selectors.standing(world.member, world.initiative).active is False


def test_standings_read_with_the_initiative_and_the_person_are_not_asked_again(
    world: World, django_assert_num_queries
) -> None:
    """The viewer's standing comes with the initiative, a named person's with them, and
    several people's in one statement; the rest of the request asks no more."""
    with request_scope():
        with django_assert_num_queries(2):
            initiative = selectors.initiative_by_slug(world.initiative.slug, world.member)
            assert initiative is not None
            outsider = selectors.person_by_username("outsider", initiative)
        assert outsider == world.outsider
        with django_assert_num_queries(0):
            assert selectors.standing(world.member, initiative).side == Side.CITIZEN
            assert selectors.standing(outsider, initiative) is NO_STANDING
        with django_assert_num_queries(1):
            both = selectors.standings_of(initiative, [world.coordinator, world.member])
            assert both[world.coordinator.pk].is_coordinator is True
            assert both[world.member.pk].is_coordinator is False
            assert selectors.standing(world.coordinator, initiative).active is True
    assert selectors.person_by_username("nobody", initiative) is None


def test_a_membership_service_forgets_the_standings_of_its_initiative(
    world: World, django_assert_num_queries
) -> None:
    with request_scope():
        initiative = selectors.initiative_by_slug(world.initiative.slug, world.member)
        assert initiative is not None
        services.membership_leave(actor=world.member, initiative=initiative)
        with django_assert_num_queries(1):
            assert selectors.standing(world.member, initiative).status == "left"
    with request_scope():
        joiner = selectors.initiative_by_slug(world.initiative.slug, world.outsider)
        assert joiner is not None
        services.membership_request(
            actor=world.outsider, initiative=joiner, side=Side.CITIZEN, role=Role.RESIDENT
        )
        assert selectors.standing(world.outsider, joiner).status == "requested"  # not None
