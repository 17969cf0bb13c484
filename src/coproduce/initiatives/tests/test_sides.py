"""Sides nobody can claim for themselves (issue 16, finding 2): joining on the professional or
political side, accepting an invitation, changing side and the reviewer's power each need
another person, a coordinator, and each approval is a decision in the record."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIClient

from conftest import PASSWORD, World, add_member, make_initiative, make_user, work_alongside
from coproduce.core import gate
from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives import services
from coproduce.initiatives.models import JoinPolicy, Membership, SideChange
from coproduce.record.models import Decision


def _open(world: World) -> None:
    services.initiative_update(
        actor=world.coordinator, initiative=world.initiative, join_policy=JoinPolicy.OPEN
    )


def _members(world: World) -> str:
    return f"/api/v1/initiatives/{world.initiative.slug}/members/"


def _membership(world: World, user: Any) -> Membership:
    return Membership.objects.get(initiative=world.initiative, user=user)


def _invite_as_citizen(world: World, user: Any) -> None:
    work_alongside(world.coordinator, user)
    services.membership_invite(
        actor=world.coordinator,
        initiative=world.initiative,
        user=user,
        side=Side.CITIZEN,
        role=Role.RESIDENT,
    )


# --- an invitation is accepted as the coordinator made it ---------------------------------


def test_an_invited_citizen_cannot_accept_as_a_professional_through_the_api(
    api: APIClient, world: World
) -> None:
    _invite_as_citizen(world, world.outsider)
    api.force_authenticate(world.outsider)
    claimed = api.post(
        _members(world), {"side": "regular_producer", "role": "manager"}, format="json"
    )
    assert claimed.status_code == 400
    assert claimed.json() == {
        "side": [
            "You are invited as Citizen co-producer; accept as invited, then ask a "
            "coordinator to change your side."
        ]
    }
    membership = _membership(world, world.outsider)
    assert (membership.side, membership.role, membership.status) == (
        "citizen",
        "resident",
        "invited",
    )
    other_role = api.post(_members(world), {"side": "citizen", "role": "manager"}, format="json")
    assert (other_role.status_code, list(other_role.json())) == (400, ["role"])
    accepted = api.post(_members(world), {}, format="json")
    assert accepted.status_code == 201
    assert (accepted.json()["side"], accepted.json()["role"], accepted.json()["status"]) == (
        "citizen",
        "resident",
        "active",
    )
    membership.refresh_from_db()
    assert (membership.side, membership.role, membership.status) == (
        "citizen",
        "resident",
        "active",
    )


def test_an_invited_citizen_cannot_accept_as_a_professional_through_the_page(
    world: World,
) -> None:
    _invite_as_citizen(world, world.outsider)
    client = Client()
    client.login(username="outsider", password=PASSWORD)
    path = f"/initiatives/{world.initiative.slug}/join/"
    page = client.get(path).content.decode()
    response = client.post(path, {"side": "regular_producer", "role": "manager"})
    assert response.status_code == 302
    membership = _membership(world, world.outsider)
    assert (membership.side, membership.role, membership.status) == (
        "citizen",
        "resident",
        "active",
    )
    assert "As you are invited; once a member, you can ask for a change." in page


def test_a_professional_invitation_is_a_recorded_coordinator_decision(world: World) -> None:
    work_alongside(world.coordinator, world.outsider)
    services.membership_invite(
        actor=world.coordinator,
        initiative=world.initiative,
        user=world.outsider,
        side=Side.REGULAR_PRODUCER,
        role=Role.FRONTLINE_PROFESSIONAL,
    )
    decision = Decision.objects.get(initiative=world.initiative)
    assert (decision.title, decision.recorded_by, decision.decided_by, decision.rule) == (
        "outsider invited as Regular producer (paid staff)",
        world.coordinator,
        "professionals",
        "delegated",
    )
    membership = services.membership_request(actor=world.outsider, initiative=world.initiative)
    assert (membership.side, membership.status) == ("regular_producer", "active")


def test_no_one_invites_themself_and_staff_do_not_vouch_for_a_side(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.membership_invite(
            actor=world.staff,
            initiative=world.initiative,
            user=world.staff,
            side=Side.CITIZEN,
            role=Role.RESIDENT,
        )
    assert error.value.message_dict == {"user": ["You cannot invite yourself."]}
    with pytest.raises(PermissionDenied):
        services.membership_invite(
            actor=world.staff,
            initiative=world.initiative,
            user=world.outsider,
            side=Side.POLITICAL,
            role=Role.COUNCILLOR,
        )
    assert not Membership.objects.filter(user__in=[world.staff, world.outsider]).exists()
    assert Decision.objects.count() == 0


# --- joining on the professional or political side waits for a coordinator -----------------


@pytest.mark.parametrize(
    ("side", "role"), [("regular_producer", "manager"), ("political", "councillor")]
)
def test_joining_an_open_initiative_on_another_side_than_the_citizens_waits(
    api: APIClient, world: World, side: str, role: str
) -> None:
    _open(world)
    api.force_authenticate(world.outsider)
    joined = api.post(_members(world), {"side": side, "role": role}, format="json")
    assert (joined.status_code, joined.json()["status"], joined.json()["side"]) == (
        201,
        "requested",
        side,
    )
    membership = _membership(world, world.outsider)
    assert membership.status == "requested"
    for power in ("budgeting.review_proposal", "budgeting.enter_paper_ballot"):
        assert gate.allows(world.outsider, power, world.initiative) is False
    assert gate.allows(world.outsider, "record.add_contribution", world.initiative) is False
    assert Decision.objects.count() == 0

    api.force_authenticate(world.coordinator)
    approved = api.post(f"{_members(world)}{membership.pk}/approve/")
    assert (approved.status_code, approved.json()["status"]) == (200, "active")
    decision = Decision.objects.get()
    assert decision.title == f"outsider joins as {membership.get_side_display()}"
    assert decision.outcome == (
        f"Cora Coordinator approved outsider's request to join on the "
        f"{membership.get_side_display()} side, as {membership.get_role_display()}."
    )
    assert (decision.recorded_by, decision.initiated_by, decision.stage) == (
        world.coordinator,
        world.outsider,
        world.stage,
    )
    assert decision.initiated_by_side == side


def test_citizens_still_join_an_open_initiative_at_once(api: APIClient, world: World) -> None:
    _open(world)
    api.force_authenticate(world.outsider)
    joined = api.post(_members(world), {"side": "citizen", "role": "carer"}, format="json")
    assert (joined.status_code, joined.json()["status"]) == (201, "active")
    assert Decision.objects.count() == 0


def test_the_join_form_asks_in_plain_words_and_assumes_nothing(client, world: World) -> None:
    _open(world)
    client.force_login(world.outsider)
    url = f"/initiatives/{world.initiative.slug}/join/"
    page = client.get(url).content.decode()
    assert "Who are you here?" in page and " checked" not in page
    assert "Resident or service user: you use the service" in page
    assert "Staff: you are paid to run or deliver the service; a coordinator approves" in page
    assert "Councillor: you are an elected representative; a coordinator approves" in page
    assert "Residents and service users join at once; staff and councillors join once" in page
    unanswered = client.post(url, {"role": "resident"})
    assert unanswered.status_code == 400
    assert "Choose who you are here." in unanswered.content.decode()
    assert not Membership.objects.filter(user=world.outsider).exists()
    assert client.post(url, {"side": "citizen", "role": "resident"}).status_code == 302
    assert _membership(world, world.outsider).status == "active"


def test_no_one_approves_their_own_join(world: World) -> None:
    staff_request = services.membership_request(
        actor=world.staff, initiative=world.initiative, side=Side.CITIZEN, role=Role.RESIDENT
    )
    with pytest.raises(PermissionDenied):
        services.membership_decide(actor=world.staff, membership=staff_request, approve=True)
    assert _membership(world, world.staff).status == "requested"
    professional = services.membership_request(
        actor=world.outsider,
        initiative=world.initiative,
        side=Side.REGULAR_PRODUCER,
        role=Role.MANAGER,
    )
    with pytest.raises(PermissionDenied):  # staff manage members, but do not vouch for sides
        services.membership_decide(actor=world.staff, membership=professional, approve=True)
    assert _membership(world, world.outsider).status == "requested"
    assert Decision.objects.count() == 0


def test_a_decision_without_stages_goes_to_a_new_co_planning_stage(world: World) -> None:
    bare = services.initiative_create(
        actor=world.outsider,
        title="No stages yet",
        summary="Just begun.",
        service_area="health",
        side=Side.CITIZEN,
        role=Role.RESIDENT,
    )
    add_member(bare, world.member, side=Side.REGULAR_PRODUCER, role=Role.MANAGER)
    decision = Decision.objects.get(initiative=bare)
    assert (decision.stage.kind, decision.stage.status) == ("co_planning", "planned")
    assert (decision.decided_by, decision.participants_citizen) == ("citizens", 1)


# --- every change of side is asked for and approved by another coordinator ----------------


def test_a_member_asks_to_change_side_and_a_coordinator_approves(
    api: APIClient, world: World
) -> None:
    changes = f"{_members(world)}side-changes/"
    api.force_authenticate(world.member)
    asked = api.post(changes, {"side": "regular_producer", "role": "manager"}, format="json")
    assert asked.status_code == 201, asked.json()
    assert (asked.json()["from_side"], asked.json()["side"], asked.json()["status"]) == (
        "citizen",
        "regular_producer",
        "pending",
    )
    assert _membership(world, world.member).side == "citizen"
    again = api.post(changes, {"side": "political", "role": "councillor"}, format="json")
    assert again.status_code == 400
    assert SideChange.objects.count() == 1
    member_pk = _membership(world, world.member).pk
    assert api.post(f"{_members(world)}{member_pk}/approve-side-change/").status_code == 404
    assert _membership(world, world.member).side == "citizen"

    api.force_authenticate(world.coordinator)
    waiting = api.get(changes).json()
    assert [(c["user"], c["side"]) for c in waiting] == [("member", "regular_producer")]
    approved = api.post(f"{_members(world)}{member_pk}/approve-side-change/")
    assert (approved.status_code, approved.json()["status"], approved.json()["decided_by"]) == (
        200,
        "approved",
        "coord",
    )
    membership = _membership(world, world.member)
    assert (membership.side, membership.role) == ("regular_producer", "manager")
    decision = Decision.objects.get()
    assert (decision.title, decision.recorded_by) == (
        "Mo Member now acts as Regular producer (paid staff)",
        world.coordinator,
    )
    assert decision.outcome == (
        "Cora Coordinator approved Mo Member's change from Citizen co-producer (Resident) to "
        "Regular producer (paid staff) (Manager or commissioner)."
    )


def test_a_refused_change_leaves_the_side_and_the_record_as_they_were(world: World) -> None:
    services.side_change_request(
        actor=world.member,
        initiative=world.initiative,
        side=Side.POLITICAL,
        role=Role.COUNCILLOR,
    )
    membership = _membership(world, world.member)
    change = services.side_change_decide(
        actor=world.coordinator, membership=membership, approve=False
    )
    assert (change.status, change.decided_by) == ("refused", world.coordinator)
    membership.refresh_from_db()
    assert (membership.side, membership.role) == ("citizen", "resident")
    assert Decision.objects.count() == 0
    with pytest.raises(ValidationError) as error:
        services.side_change_decide(actor=world.coordinator, membership=membership, approve=True)
    assert error.value.message_dict == {
        "side": ["This member has no request to change side waiting."]
    }


def test_a_coordinator_cannot_approve_their_own_change_of_side(world: World) -> None:
    services.side_change_request(
        actor=world.coordinator,
        initiative=world.initiative,
        side=Side.POLITICAL,
        role=Role.COUNCILLOR,
    )
    own = _membership(world, world.coordinator)
    with pytest.raises(PermissionDenied):
        services.side_change_decide(actor=world.coordinator, membership=own, approve=True)
    own.refresh_from_db()
    assert own.side == "regular_producer"
    assert SideChange.objects.get().status == "pending"
    assert Decision.objects.count() == 0
    second = make_user("second")
    add_member(world.initiative, second)
    services.membership_set_coordinator(
        actor=world.coordinator, membership=_membership(world, second), is_coordinator=True
    )
    services.side_change_decide(actor=second, membership=own, approve=True)
    own.refresh_from_db()
    assert own.side == "political"
    decision = Decision.objects.get()
    assert (decision.recorded_by, decision.decided_by, decision.participants_citizen) == (
        second,
        "citizens",
        1,
    )


def test_the_page_asks_for_a_change_and_the_members_page_decides(world: World) -> None:
    member = Client()
    member.login(username="member", password=PASSWORD)
    path = f"/initiatives/{world.initiative.slug}/side/"
    response = member.post(path, {"side": "regular_producer", "role": "frontline_professional"})
    assert response.status_code == 302
    assert _membership(world, world.member).side == "citizen"
    pk = _membership(world, world.member).pk
    decide = f"/initiatives/{world.initiative.slug}/members/{pk}/approve_side/"
    assert member.post(decide).status_code == 404
    assert _membership(world, world.member).side == "citizen"
    coordinator = Client()
    coordinator.login(username="coord", password=PASSWORD)
    page = coordinator.get(f"/initiatives/{world.initiative.slug}/members/").content.decode()
    assert "from Resident or service user (Resident) to Staff (" in page
    assert coordinator.post(decide).status_code == 302
    assert _membership(world, world.member).side == "regular_producer"


# --- powers are granted to named people -----------------------------------------------------


def test_a_coordinator_names_a_reviewer_and_the_grant_is_recorded(
    api: APIClient, world: World
) -> None:
    member_pk = _membership(world, world.member).pk
    path = f"{_members(world)}{member_pk}/reviewer/"
    api.force_authenticate(world.member)
    assert api.post(path, {"is_reviewer": True}, format="json").status_code == 404
    assert _membership(world, world.member).is_reviewer is False
    assert gate.allows(world.member, "budgeting.review_proposal", world.initiative) is False
    api.force_authenticate(world.staff)
    assert api.post(path, {"is_reviewer": True}, format="json").status_code == 403
    assert _membership(world, world.member).is_reviewer is False
    assert Decision.objects.count() == 0

    api.force_authenticate(world.coordinator)
    granted = api.post(path, {"is_reviewer": True}, format="json")
    assert (granted.status_code, granted.json()["is_reviewer"]) == (200, True)
    assert gate.allows(world.member, "budgeting.review_proposal", world.initiative) is True
    assert gate.allows(world.member, "budgeting.enter_paper_ballot", world.initiative) is True
    decision = Decision.objects.get()
    assert (decision.title, decision.recorded_by) == (
        "Mo Member named a reviewer",
        world.coordinator,
    )
    withdrawn = api.post(path, {"is_reviewer": False}, format="json")
    assert (withdrawn.status_code, withdrawn.json()["is_reviewer"]) == (200, False)
    assert gate.allows(world.member, "budgeting.review_proposal", world.initiative) is False
    assert Decision.objects.count() == 2


def test_leaving_ends_the_reviewer_role_and_a_waiting_change(world: World) -> None:
    services.membership_set_reviewer(
        actor=world.coordinator, membership=_membership(world, world.member), is_reviewer=True
    )
    services.side_change_request(
        actor=world.member, initiative=world.initiative, side=Side.POLITICAL, role=Role.COUNCILLOR
    )
    services.membership_leave(actor=world.member, initiative=world.initiative)
    assert _membership(world, world.member).is_reviewer is False
    assert SideChange.objects.count() == 0
    services.membership_request(
        actor=world.member, initiative=world.initiative, side=Side.CITIZEN, role=Role.RESIDENT
    )
    assert _membership(world, world.member).is_reviewer is False


def test_a_coordinator_does_not_name_themself_a_reviewer(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.membership_set_reviewer(
            actor=world.coordinator,
            membership=_membership(world, world.coordinator),
            is_reviewer=True,
        )
    assert _membership(world, world.coordinator).is_reviewer is False


def test_a_professional_side_alone_grants_no_power(world: World) -> None:
    other = make_initiative(make_user("lead"), title="Open door", join_policy=JoinPolicy.OPEN)
    add_member(other, world.outsider, side=Side.REGULAR_PRODUCER, role=Role.MANAGER)
    assert Membership.objects.get(initiative=other, user=world.outsider).status == "active"
    for power in (
        "budgeting.review_proposal",
        "budgeting.enter_paper_ballot",
        "budgeting.manage_process",
    ):
        assert gate.allows(world.outsider, power, other) is False


def test_no_one_appoints_themself_coordinator(world: World) -> None:
    _open(world)
    services.membership_request(
        actor=world.staff, initiative=world.initiative, side=Side.CITIZEN, role=Role.RESIDENT
    )
    own = _membership(world, world.staff)
    with pytest.raises(PermissionDenied):
        services.membership_set_coordinator(actor=world.staff, membership=own, is_coordinator=True)
    assert _membership(world, world.staff).is_coordinator is False
    services.membership_set_coordinator(
        actor=world.coordinator, membership=own, is_coordinator=True
    )
    assert _membership(world, world.staff).is_coordinator is True
