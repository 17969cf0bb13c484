"""The record through the REST API: the same rules as the pages, and clear 4xx errors."""

import datetime

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from conftest import PASSWORD, World
from coproduce.record import services as record
from coproduce.record.models import Contribution, Decision

GOOD = {
    "kind": "time",
    "quantity": 90,
    "unit": "minutes",
    "occurred_on": "2026-03-02",
    "description": "Repairs walk-round",
}


def url(world: World, path: str = "contributions/") -> str:
    return f"/api/v1/initiatives/{world.initiative.slug}/{path}"


def test_token_authentication_records_a_contribution(api: APIClient, world: World) -> None:
    token = api.post("/api/v1/auth/token/", {"username": "member", "password": PASSWORD})
    assert token.status_code == 200
    assert AuthToken.objects.get().user == world.member
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    response = api.post(url(world), {**GOOD, "stage": world.stage.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["side"], body["quantity"], body["contributor"], body["verified"]) == (
        "citizen",
        90,
        world.member.pk,
        False,
    )
    stored = Contribution.objects.get()
    assert (stored.contributor, stored.recorded_by) == (world.member, world.member)


def test_an_unknown_or_deactivated_token_is_refused_and_records_nothing(
    api: APIClient, world: World
) -> None:
    body = {**GOOD, "stage": world.stage.pk}
    api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 64)
    unknown = api.post(url(world), body, format="json")
    assert (unknown.status_code, unknown.json()) == (401, {"detail": "Invalid token."})
    _, token = AuthToken.objects.create(user=world.member)
    world.member.is_active = False
    world.member.save(update_fields=["is_active"])
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    deactivated = api.post(url(world), body, format="json")
    assert (deactivated.status_code, deactivated.json()) == (
        401,
        {"detail": "User inactive or deleted."},
    )
    assert Contribution.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": 0}, "quantity"),
        ({"quantity": -3}, "quantity"),
        ({"quantity": "lots"}, "quantity"),
        ({"quantity": 10**12}, "quantity"),
        ({"kind": "gold"}, "kind"),
        ({"unit": "pence"}, "unit"),
        ({"occurred_on": "yesterday"}, "occurred_on"),
        ({"occurred_on": "2999-01-01"}, "occurred_on"),
        ({"description": "x" * 501}, "description"),
        ({"stage": 999999}, "stage"),
        ({"stage": "abc"}, "stage"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api: APIClient, world: World, changes, field) -> None:
    api.force_authenticate(world.member)
    response = api.post(url(world), {**GOOD, "stage": world.stage.pk, **changes}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Contribution.objects.count() == 0


def test_another_initiatives_stage_and_member_ids_are_refused(api: APIClient, world: World) -> None:
    api.force_authenticate(world.coordinator)
    response = api.post(url(world), {**GOOD, "stage": world.other_stage.pk}, format="json")
    assert response.status_code == 400
    assert "stage" in response.json()
    response = api.post(
        url(world),
        {**GOOD, "stage": world.stage.pk, "contributor": world.other_coordinator.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "contributor" in response.json()
    assert Contribution.objects.count() == 0


def test_member_cannot_record_for_others_through_the_api(api: APIClient, world: World) -> None:
    api.force_authenticate(world.member)
    response = api.post(
        url(world),
        {**GOOD, "stage": world.stage.pk, "contributor": world.coordinator.pk},
        format="json",
    )
    assert response.status_code == 403
    assert Contribution.objects.count() == 0


def test_anonymous_cannot_write(api: APIClient, world: World) -> None:
    response = api.post(url(world), {**GOOD, "stage": world.stage.pk}, format="json")
    assert response.status_code in {401, 403}
    assert Contribution.objects.count() == 0


def test_verify_and_reverse_through_the_api(api: APIClient, world: World) -> None:
    api.force_authenticate(world.member)
    created = api.post(url(world), {**GOOD, "stage": world.stage.pk}, format="json").json()
    api.force_authenticate(world.coordinator)
    assert api.post(url(world, f"contributions/{created['id']}/verify/")).status_code == 201
    missing_reason = api.post(url(world, f"contributions/{created['id']}/reverse/"), {})
    assert missing_reason.status_code == 400
    assert "reason" in missing_reason.json()
    reversal = api.post(
        url(world, f"contributions/{created['id']}/reverse/"),
        {"reason": "Duplicate"},
        format="json",
    )
    assert reversal.status_code == 201
    assert (reversal.json()["quantity"], reversal.json()["reverses"]) == (-90, created["id"])
    totals = api.get(url(world, "contributions/totals/")).json()
    assert totals["side"] == [
        {
            "key": "citizen",
            "label": "Citizen co-producer",
            "minutes": 0,
            "pence": 0,
            "count": 0,
            "entries": 2,
        }
    ]


def test_decision_through_the_api(api: APIClient, world: World) -> None:
    api.force_authenticate(world.member)
    decision = {
        "stage": world.stage.pk,
        "title": "Fix damp first",
        "decided_by": "joint",
        "rule": "vote",
        "decided_on": "2026-03-02",
        "initiated_by": world.member.pk,
        "participants_citizen": 12,
        "participants_professional": 3,
    }
    response = api.post(url(world, "decisions/"), decision, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["initiated_by_side"] == "citizen"
    bad = api.post(
        url(world, "decisions/"), {**decision, "participants_citizen": -1}, format="json"
    )
    assert bad.status_code == 400
    assert "participants_citizen" in bad.json()
    bad = api.post(url(world, "decisions/"), {**decision, "rule": "coin toss"}, format="json")
    assert bad.status_code == 400
    assert "rule" in bad.json()
    assert Decision.objects.count() == 1


def council_decision(world: World) -> dict[str, object]:
    """A decision the council took, as a member might try to put it on the record."""
    return {
        "stage": world.stage.pk,
        "title": "Council agrees to cut the repairs budget",
        "decided_by": "politicians",
        "rule": "political_decision",
        "decided_on": "2026-03-02",
    }


def test_only_a_coordinator_says_another_side_started_a_decision(
    api: APIClient, world: World
) -> None:
    """A resident who said the council started a decision moved the record's "who is in
    charge" figures with a claim about a side they do not act on."""
    decision = {**council_decision(world), "initiated_by_side": "political"}
    api.force_authenticate(world.member)
    refused = api.post(url(world, "decisions/"), decision, format="json")
    assert (refused.status_code, refused.json()) == (
        400,
        {"initiated_by_side": [str(record.ONLY_COORDINATORS_NAME_OTHER_SIDES)]},
    )
    assert Decision.objects.count() == 0
    own_side = api.post(
        url(world, "decisions/"),
        {**decision, "initiated_by_side": "citizen", "decided_by": "joint"},
    )
    assert own_side.status_code == 201, own_side.json()
    api.force_authenticate(world.coordinator)
    named = api.post(url(world, "decisions/"), decision, format="json")
    assert named.status_code == 201, named.json()
    assert list(Decision.objects.order_by("id").values_list("initiated_by_side", flat=True)) == [
        "citizen",
        "political",
    ]


def test_only_a_coordinator_says_another_side_alone_took_a_decision(
    api: APIClient, world: World
) -> None:
    """A resident recorded "the councillors decided, by a political decision" and the
    record's power figures counted it as the politicians' decision."""
    decision = {**council_decision(world), "initiated_by_side": "citizen"}
    api.force_authenticate(world.member)
    refused = api.post(url(world, "decisions/"), decision, format="json")
    assert (refused.status_code, refused.json()) == (
        400,
        {"decided_by": [str(record.ONLY_COORDINATORS_NAME_OTHER_BODIES)]},
    )
    assert Decision.objects.count() == 0
    for body in ("citizens", "joint"):
        taken = api.post(url(world, "decisions/"), {**decision, "decided_by": body})
        assert taken.status_code == 201, taken.json()
    api.force_authenticate(world.coordinator)
    assert api.post(url(world, "decisions/"), decision, format="json").status_code == 201
    bodies = Decision.objects.order_by("id").values_list("decided_by", flat=True)
    assert list(bodies) == ["citizens", "joint", "politicians"]


def test_only_a_coordinator_names_someone_else_as_who_started_a_decision(
    api: APIClient, world: World
) -> None:
    """A member who named the coordinator (or a councillor) as the decision's initiator put
    words on the public record that the person named could not take back."""
    decision = {**council_decision(world), "initiated_by": world.coordinator.pk}
    api.force_authenticate(world.member)
    refused = api.post(url(world, "decisions/"), decision, format="json")
    assert (refused.status_code, refused.json()) == (
        400,
        {"initiated_by": [str(record.ONLY_COORDINATORS_NAME_OTHERS)]},
    )
    assert Decision.objects.count() == 0
    api.force_authenticate(world.coordinator)
    named = api.post(url(world, "decisions/"), {**decision, "initiated_by": world.member.pk})
    assert named.status_code == 201, named.json()
    assert (named.json()["initiated_by"], named.json()["initiated_by_side"]) == (
        world.member.pk,
        "citizen",
    )
    assert Decision.objects.count() == 1


def test_entries_of_another_initiative_are_not_found(api: APIClient, world: World) -> None:
    api.force_authenticate(world.member)
    created = api.post(url(world), {**GOOD, "stage": world.stage.pk}, format="json").json()
    api.force_authenticate(world.other_coordinator)
    other = f"/api/v1/initiatives/{world.other.slug}/contributions/{created['id']}/"
    assert api.get(other).status_code == 404
    assert api.post(other + "reverse/", {"reason": "mine now"}).status_code == 404
    assert Contribution.objects.count() == 1


def test_a_stage_filter_tells_nothing_about_other_initiatives_stages(
    world: World, api: APIClient
) -> None:
    record.contribution_record(
        actor=world.member,
        initiative=world.initiative,
        stage=world.stage,
        kind="time",
        quantity=60,
        unit="minutes",
        occurred_on=datetime.date(2026, 2, 1),
    )
    api.force_authenticate(world.member)
    base = f"/api/v1/initiatives/{world.initiative.slug}"
    for path in ("contributions", "decisions", "declarations"):
        answers = [
            api.get(f"{base}/{path}/", {"stage": stage})
            for stage in (world.other_stage.pk, 999_999)
        ]
        assert [(a.status_code, a.json()["count"]) for a in answers] == [(200, 0), (200, 0)]
    own = api.get(f"{base}/contributions/", {"stage": world.stage.pk}).json()
    assert own["count"] == 1


def test_a_stage_filter_beyond_any_id_is_a_400_with_what_to_fix(
    world: World, api: APIClient
) -> None:
    base = f"/api/v1/initiatives/{world.initiative.slug}"
    for path in ("contributions", "decisions", "declarations"):
        for stage in ("99999999999999999999999", "-99999999999999999999999", "0"):
            answer = api.get(f"{base}/{path}/", {"stage": stage})
            assert answer.status_code == 400, (path, stage)
            assert list(answer.json()) == ["stage"], (path, stage)
        too_big = api.get(f"{base}/{path}/", {"stage": "99999999999999999999999"}).json()
        assert too_big == {
            "stage": ["Ensure this value is less than or equal to 9223372036854775807."]
        }
