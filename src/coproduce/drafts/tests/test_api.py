"""The drafts API: the same journey as the pages, and bad input answered 400 naming the
field, never a 500 nor a half-written change."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from conftest import World
from coproduce.drafts.models import Amendment, Draft
from coproduce.drafts.tests.conftest import keys


def _as(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    client.credentials(HTTP_IDEMPOTENCY_KEY=f"test-{user.pk}-{id(client)}")
    return client


def base(world: World) -> str:
    return f"/api/v1/initiatives/{world.initiative.slug}/"


def test_the_journey_through_the_api(world: World, tenant: Any) -> None:
    created = _as(world.coordinator).post(
        base(world) + "drafts/", {"title": "Charter"}, format="json"
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    group = _as(world.coordinator).post(
        base(world) + f"drafts/{pk}/group/", {"people": ["coord", "member"]}, format="json"
    )
    assert group.json()["group"] == [
        {"person": "member", "side": "citizen"},
        {"person": "coord", "side": "regular_producer"},
    ]
    saved = _as(world.member).post(
        base(world) + f"drafts/{pk}/versions/",
        {"sections": [{"title": "Aims", "body": "Fix repairs."}], "reason": "Start", "based_on": 0},
        format="json",
    )
    assert saved.status_code == 201
    assert saved.json()["sections"] == [{"key": 1, "title": "Aims", "body": "Fix repairs."}]
    proposed = _as(tenant).post(
        base(world) + "amendments/",
        {
            "draft": pk,
            "kind": "replace",
            "section": 1,
            "body": "Fix repairs first time.",
            "reason": "Clearer",
        },
        format="json",
    )
    assert proposed.status_code == 201
    amendment = proposed.json()["id"]
    supported = _as(world.member).post(
        base(world) + f"amendments/{amendment}/support/", format="json"
    )
    assert supported.json()["supporters"] == 1
    withdrawn = _as(world.member).delete(base(world) + f"amendments/{amendment}/support/")
    assert withdrawn.json()["supporters"] == 0
    decided = _as(world.coordinator).post(
        base(world) + f"amendments/{amendment}/decide/",
        {"decision": "accept", "reason": "Agreed"},
        format="json",
    )
    assert (decided.json()["status"], decided.json()["result_version"]) == ("accepted", 2)
    diff = _as(tenant).get(base(world) + f"drafts/{pk}/diff/?from=1&to=2").json()
    assert diff[0]["change"] == "changed"
    assert diff[0]["body_pieces"] == [
        {"change": "same", "text": "Fix "},
        {"change": "removed", "text": "repairs."},
        {"change": "added", "text": "repairs first time."},
    ]
    adopted = _as(world.member).post(
        base(world) + f"drafts/{pk}/adopt/",
        {
            "number": 2,
            "rule": "vote",
            "reason": "Ready",
            "positions": {"coord": "for", "member": "for"},
        },
        format="json",
    )
    assert adopted.json()["adopted_version"] == 2
    version = _as(tenant).get(base(world) + f"drafts/{pk}/versions/2/").json()
    assert version["sections"] == [{"key": 1, "title": "Aims", "body": "Fix repairs first time."}]
    again = _as(world.member).post(
        base(world) + f"drafts/{pk}/versions/",
        {"sections": [{"title": "Aims", "body": "x"}], "reason": "More", "based_on": 2},
        format="json",
    )
    assert again.status_code == 400 and "read-only" in again.content.decode()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"sections": [{"title": "T", "body": "x" * 20_001}], "reason": "r", "based_on": 1},
            "sections",
        ),
        ({"sections": [{"title": "T"}], "reason": "", "based_on": 1}, "reason"),
        ({"sections": [], "reason": "r", "based_on": 1}, "sections"),
        ({"sections": [{"title": "T", "key": 99}], "reason": "r", "based_on": 1}, "sections"),
        ({"sections": [{"title": "T", "key": 2**70}], "reason": "r", "based_on": 1}, "sections"),
        ({"sections": [{"title": "T"}], "reason": "r", "based_on": "NaN"}, "based_on"),
        ({"sections": [{"title": "T"}], "reason": "r", "based_on": 0}, "based_on"),
        ({"sections": "nope", "reason": "r", "based_on": 1}, "sections"),
    ],
)
def test_bad_versions_answer_400(
    world: World, draft: Draft, body: dict[str, Any], field: str
) -> None:
    response = _as(world.member).post(
        base(world) + f"drafts/{draft.pk}/versions/", body, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert draft.versions.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "replace", "section": 99, "body": "x", "reason": "r"}, "section"),
        ({"kind": "replace", "section": 1, "body": "x", "reason": ""}, "reason"),
        ({"kind": "replace", "section": 1, "body": "x", "reason": "r" * 301}, "reason"),
        ({"kind": "explode", "section": 1, "body": "x", "reason": "r"}, "kind"),
        ({"kind": "add", "body": "x", "reason": "r"}, "title"),
        ({"kind": "replace", "section": -1, "body": "x", "reason": "r"}, "section"),
    ],
)
def test_bad_amendments_answer_400(
    world: World, draft: Draft, tenant: Any, body: dict[str, Any], field: str
) -> None:
    response = _as(tenant).post(
        base(world) + "amendments/", {"draft": draft.pk, **body}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Amendment.objects.exists()


def test_another_initiatives_draft_is_not_named(world: World, draft: Draft) -> None:
    other = f"/api/v1/initiatives/{world.other.slug}/"
    response = _as(world.other_coordinator).post(
        other + "amendments/",
        {"draft": draft.pk, "kind": "add", "title": "T", "body": "b", "reason": "r"},
        format="json",
    )
    assert response.status_code == 400 and "draft" in response.json()
    assert _as(world.other_coordinator).get(other + f"drafts/{draft.pk}/").status_code == 404


def test_the_author_revises_an_amendment_after_a_conflict(
    world: World, draft: Draft, tenant: Any
) -> None:
    url = base(world) + "amendments/"
    proposed = (
        _as(tenant)
        .post(
            url,
            {
                "draft": draft.pk,
                "kind": "replace",
                "section": 2,
                "body": "Text us.",
                "reason": "Easier",
            },
            format="json",
        )
        .json()
    )
    _as(world.member).post(
        base(world) + f"drafts/{draft.pk}/versions/",
        {
            "sections": [{"key": 2, "title": "How to report", "body": "Phone us."}],
            "reason": "Cut",
            "based_on": 1,
        },
        format="json",
    )
    conflict = _as(world.coordinator).post(
        url + f"{proposed['id']}/decide/", {"decision": "accept", "reason": "Yes"}, format="json"
    )
    assert conflict.status_code == 400 and "Ask its author to update" in conflict.content.decode()
    assert (
        _as(world.member)
        .post(url + f"{proposed['id']}/revise/", {"reason": "x"}, format="json")
        .status_code
        == 403
    )
    revised = _as(tenant).post(
        url + f"{proposed['id']}/revise/",
        {"body": "Phone or text us.", "reason": "Updated"},
        format="json",
    )
    assert (revised.json()["base_version"], revised.json()["body"]) == (2, "Phone or text us.")
    accepted = _as(world.coordinator).post(
        url + f"{proposed['id']}/decide/", {"decision": "accept", "reason": "Yes"}, format="json"
    )
    assert accepted.json()["result_version"] == 3


def test_diff_of_unknown_versions_is_400(world: World, draft: Draft) -> None:
    url = base(world) + f"drafts/{draft.pk}/diff/"
    assert _as(world.member).get(url + "?from=1&to=9").status_code == 400
    assert _as(world.member).get(url + "?from=abc").status_code == 400
    assert keys(draft) == {"Who the service is for": 1, "How to report": 2}
