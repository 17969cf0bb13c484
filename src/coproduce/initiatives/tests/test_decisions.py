"""Coordinators' rulings in the record: who decided, present in person, the membership or
goal as the source; a refused request to join and a rejected goal are exclusions."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from conftest import World, make_user
from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives import services
from coproduce.initiatives.models import Goal, Membership
from coproduce.initiatives.selectors import standing
from coproduce.record.models import Decision


def _rows(decision: Decision) -> list[tuple[str, str, str]]:
    """The participant rows: (username, side, position), by username."""
    return sorted(decision.participants.values_list("person__username", "side", "position"))


def _source(entry: Any) -> tuple[str, str, int]:
    """The entry's source: app label, model, id."""
    return (entry.source_type.app_label, entry.source_type.model, entry.source_id)


def _ask(world: World, side: str = Side.CITIZEN, role: str = Role.RESIDENT) -> Membership:
    return services.membership_request(
        actor=world.outsider, initiative=world.initiative, side=side, role=role
    )


def test_an_approval_names_the_coordinator_present_and_the_membership_as_source(
    world: World,
) -> None:
    asked = _ask(world, Side.REGULAR_PRODUCER, Role.MANAGER)
    services.membership_decide(actor=world.coordinator, membership=asked, approve=True)
    entry = Decision.objects.get()
    assert (entry.kind, entry.rule, entry.decided_by, entry.carried) == (
        "decision",
        "delegated",
        "professionals",
        True,
    )
    assert (entry.initiated_by, entry.recorded_by, entry.stage) == (
        world.outsider,
        world.coordinator,
        world.stage,
    )
    assert _rows(entry) == [("coord", "regular_producer", "present")]
    assert _source(entry) == ("initiatives", "membership", asked.pk)


def test_a_refused_request_to_join_is_an_exclusion_the_decider_initiated(world: World) -> None:
    asked = _ask(world)
    services.membership_decide(actor=world.coordinator, membership=asked, approve=False)
    entry = Decision.objects.get()
    assert (entry.kind, entry.title, entry.initiated_by, entry.initiated_by_side) == (
        "exclusion",
        "outsider's request to join refused",
        world.coordinator,
        "regular_producer",
    )
    assert entry.outcome == (
        "Cora Coordinator refused outsider's request to join on the Citizen co-producer side, "
        "as Resident."
    )
    assert _rows(entry) == [("coord", "regular_producer", "present")]
    assert _source(entry) == ("initiatives", "membership", asked.pk)


def test_staff_refusing_decide_for_the_council_side_and_are_named_present(world: World) -> None:
    asked = _ask(world)
    services.membership_decide(actor=world.staff, membership=asked, approve=False)
    entry = Decision.objects.get()
    assert (entry.kind, entry.initiated_by, entry.initiated_by_side, entry.decided_by) == (
        "exclusion",
        None,
        "regular_producer",
        "professionals",
    )
    assert _rows(entry) == [("staff", "regular_producer", "present")]


def test_a_decision_without_stages_gets_the_co_planning_stage(db: Any) -> None:
    creator = make_user("creator", display_name="Cre Ator")
    bare = services.initiative_create(
        actor=creator,
        title="Bare",
        summary="No stages yet.",
        service_area="housing",
        side=Side.CITIZEN,
        role=Role.RESIDENT,
    )
    asker = make_user("asker")
    asked = services.membership_request(
        actor=asker, initiative=bare, side=Side.CITIZEN, role=Role.RESIDENT
    )
    services.membership_decide(actor=creator, membership=asked, approve=False)
    entry = Decision.objects.get()
    assert (entry.stage.kind, entry.stage.status, entry.decided_by) == (
        "co_planning",
        "planned",
        "citizens",
    )
    assert list(bare.stages.values_list("kind", flat=True)) == ["co_planning"]


def test_a_coordinator_rejects_a_goal_and_it_stays_shown_as_rejected(world: World) -> None:
    goal = services.goal_add(actor=world.member, initiative=world.initiative, text="Dry homes")
    with pytest.raises(PermissionDenied):
        services.goal_reject(actor=world.member, goal=goal, reason="No")
    with pytest.raises(PermissionDenied):  # staff manage, but ruling a goal out is a coordinator's
        services.goal_reject(actor=world.staff, goal=goal, reason="No")
    with pytest.raises(ValidationError) as no_reason:
        services.goal_reject(actor=world.coordinator, goal=goal, reason="  ")
    assert no_reason.value.message_dict == {"reason": ["Say why the goal is rejected."]}
    services.goal_reject(actor=world.coordinator, goal=goal, reason=" Out of our hands ")
    goal.refresh_from_db()
    assert (goal.is_rejected, goal.rejected_by, goal.rejection_reason) == (
        True,
        world.coordinator,
        "Out of our hands",
    )
    entry = Decision.objects.get()
    assert (entry.kind, entry.title, entry.initiated_by, entry.rule) == (
        "exclusion",
        "Goal rejected: Dry homes",
        world.coordinator,
        "delegated",
    )
    assert (
        entry.outcome
        == "Cora Coordinator rejected the goal \u201cDry homes\u201d: Out of our hands"
    )
    assert _rows(entry) == [("coord", "regular_producer", "present")]
    assert _source(entry) == ("initiatives", "goal", goal.pk)
    for again in (
        lambda: services.goal_reject(actor=world.coordinator, goal=goal, reason="Twice"),
        lambda: services.goal_agree(actor=world.coordinator, goal=goal),
    ):
        with pytest.raises(ValidationError) as refused:
            again()
        assert refused.value.message_dict == {"goal": [services.GOAL_REJECTED]}
    assert Decision.objects.count() == 1


def test_the_goal_page_rejects_for_coordinators_only_and_the_lists_show_it(
    client: Any, api: APIClient, world: World
) -> None:
    goal = services.goal_add(actor=world.member, initiative=world.initiative, text="Dry homes")
    slug = world.initiative.slug
    url = f"/initiatives/{slug}/goals/{goal.pk}/reject/"
    client.force_login(world.coordinator)
    detail = client.get(f"/initiatives/{slug}/").content.decode()
    assert f'href="{url}"' in detail
    client.force_login(world.member)
    assert f'href="{url}"' not in client.get(f"/initiatives/{slug}/").content.decode()
    assert client.post(url, {"reason": "No"}).status_code == 403
    client.force_login(world.other_coordinator)  # sees the public initiative, cannot rule
    assert client.post(url, {"reason": "No"}).status_code == 403
    other_goal = services.goal_add(
        actor=world.other_coordinator, initiative=world.other, text="Elsewhere"
    )
    client.force_login(world.coordinator)  # another initiative's goal is not found here
    assert client.post(f"/initiatives/{slug}/goals/{other_goal.pk}/reject/").status_code == 404
    client.force_login(world.coordinator)
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Not ours to do"}).status_code == 302
    page = client.get(f"/initiatives/{slug}/").content.decode()
    assert "<del>Dry homes</del>" in page
    assert "Not ours to do" in page
    assert f'href="{url}"' not in page
    assert client.get(url).status_code == 404  # a rejected goal is not rejected again
    shown = api.get(f"/api/v1/initiatives/{slug}/").json()["goals"]
    assert [(g["text"], g["rejection_reason"], g["rejected_at"] is not None) for g in shown] == [
        ("Dry homes", "Not ours to do", True)
    ]
    assert Goal.objects.get(pk=goal.pk).rejected_by == world.coordinator


def test_a_coordinator_removes_a_member_an_exclusion_with_the_reason(world: World) -> None:
    membership = world.initiative.memberships.get(user=world.member)
    for refused_actor in (world.member, world.staff, world.other_coordinator):
        with pytest.raises(PermissionDenied):
            services.membership_remove(actor=refused_actor, membership=membership, reason="X")
    with pytest.raises(PermissionDenied):  # not about themself
        services.membership_remove(
            actor=world.coordinator,
            membership=world.initiative.memberships.get(user=world.coordinator),
            reason="Tired",
        )
    services.membership_remove(
        actor=world.coordinator, membership=membership, reason="Broke the code of conduct"
    )
    membership.refresh_from_db()
    assert (membership.status, membership.is_coordinator) == ("removed", False)
    entry = Decision.objects.get()
    assert (entry.kind, entry.title, entry.initiated_by) == (
        "exclusion",
        "Mo Member removed",
        world.coordinator,
    )
    assert entry.outcome == (
        "Cora Coordinator removed Mo Member (on the Citizen co-producer side) from the initiative: "
        "Broke the code of conduct"
    )
    assert _rows(entry) == [("coord", "regular_producer", "present")]
    assert _source(entry) == ("initiatives", "membership", membership.pk)
    with pytest.raises(ValidationError) as again:
        services.membership_remove(actor=world.coordinator, membership=membership, reason="X")
    assert again.value.message_dict == {"status": ["Only an active member can be removed."]}


def test_someone_removed_asks_to_join_again_and_waits_for_a_coordinator(
    world: World, api: APIClient
) -> None:
    """Removal ended the membership as leaving does; in an open initiative, where a
    citizen joins at once, the person removed was back in one request."""
    world.initiative.join_policy = "open"
    world.initiative.save(update_fields=["join_policy"])
    membership = world.initiative.memberships.get(user=world.member)
    services.membership_remove(actor=world.coordinator, membership=membership, reason="Abuse")
    api.force_authenticate(world.member)
    slug = world.initiative.slug
    asked = api.post(
        f"/api/v1/initiatives/{slug}/members/", {"side": "citizen", "role": "resident"}
    )
    assert asked.status_code == 201, asked.json()
    assert asked.json()["status"] == "requested"
    membership.refresh_from_db()
    assert membership.status == "requested"
    assert not standing(world.member, world.initiative).active
    services.membership_decide(actor=world.coordinator, membership=membership, approve=False)
    again = api.post(
        f"/api/v1/initiatives/{slug}/members/", {"side": "citizen", "role": "resident"}
    )
    assert again.json()["status"] == "requested"  # a refusal does not wipe the removal
    membership.refresh_from_db()
    services.membership_decide(actor=world.coordinator, membership=membership, approve=True)
    membership.refresh_from_db()
    assert membership.status == "active"
    newcomer = make_user("newcomer")
    joined = services.membership_request(
        actor=newcomer, initiative=world.initiative, side="citizen", role="resident"
    )
    assert joined.status == "active"  # anyone else still joins at once


def test_the_members_page_removes_a_member_for_coordinators_only(client: Any, world: World) -> None:
    membership = world.initiative.memberships.get(user=world.member)
    slug = world.initiative.slug
    url = f"/initiatives/{slug}/members/{membership.pk}/remove/"
    client.force_login(world.coordinator)
    members_page = client.get(f"/initiatives/{slug}/members/").content.decode()
    assert f'href="{url}"' in members_page
    own = world.initiative.memberships.get(user=world.coordinator)
    assert f'href="/initiatives/{slug}/members/{own.pk}/remove/"' not in members_page
    client.force_login(world.staff)  # staff manage members, but exclusions are coordinators'
    assert client.post(url, {"reason": "No"}).status_code == 403
    client.force_login(world.member)
    assert client.post(url, {"reason": "No"}).status_code == 404
    assert Decision.objects.count() == 0
    client.force_login(world.coordinator)
    blank = client.post(url, {"reason": " "})
    assert blank.status_code == 400
    assert "This field is required." in blank.content.decode()
    assert client.post(url, {"reason": "Moved away"}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == "removed"
    assert Decision.objects.get().outcome.endswith("from the initiative: Moved away")
    assert client.get(url).status_code == 404  # no longer an active member
