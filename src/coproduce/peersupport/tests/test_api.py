"""Peer support through the REST API."""

from typing import Any

from rest_framework.test import APIClient

from coproduce.peersupport.models import Concern, Match, Session
from coproduce.peersupport.tests.test_peersupport import circle  # noqa: F401  (fixture)
from coproduce.record.models import Contribution


def test_asked_matched_met_and_a_concern_raised_through_the_api(
    api: APIClient,
    circle: dict[str, Any],  # noqa: F811
) -> None:
    world = circle["world"]
    base = f"/api/v1/initiatives/{world.initiative.slug}/"
    api.force_authenticate(circle["mum"])
    assert api.get(base + "peer-supporters/").status_code == 403
    asked = api.post(
        base + "support-requests/",
        {"need": "breastfeeding", "language": "Polish", "area": "Felling"},
        format="json",
    )
    assert (asked.status_code, asked.json()["status"]) == (201, "open")
    pk = asked.json()["id"]
    assert api.get(base + f"support-requests/{pk}/suggestions/").status_code == 403
    assert api.post(base + f"support-requests/{pk}/match/", {"supporter": 1}).status_code == 403
    assert not Match.objects.exists()

    api.force_authenticate(world.coordinator)
    suggested = api.get(base + f"support-requests/{pk}/suggestions/").json()
    assert [(s["person"], s["score"]) for s in suggested] == [("ada", 6), ("bea", 4), ("cat", 2)]
    assert suggested[0]["reasons"] == ["supports breastfeeding", "speaks Polish", "covers Felling"]
    matched = api.post(
        base + f"support-requests/{pk}/match/", {"supporter": suggested[0]["supporter"]}
    )
    assert (matched.status_code, matched.json()["supporter"]) == (201, "ada")
    match_id = matched.json()["id"]

    api.force_authenticate(circle["ada"])
    logged = api.post(
        base + f"peer-matches/{match_id}/sessions/",
        {"held_on": "2026-11-02", "minutes": 45},
        format="json",
    )
    assert (logged.status_code, logged.json()["logged_by"]) == (201, "ada")
    session_id = logged.json()["id"]
    own = api.post(base + f"peer-sessions/{session_id}/confirm/")
    assert own.json() == {"session": ["The other person confirms the session."]}
    api.force_authenticate(circle["bea"])  # not in the match
    assert api.get(base + f"peer-matches/{match_id}/").status_code == 404
    assert api.post(base + f"peer-sessions/{session_id}/confirm/").status_code == 404
    api.force_authenticate(circle["mum"])
    confirmed = api.post(base + f"peer-sessions/{session_id}/confirm/")
    assert confirmed.json()["confirmed_by"] == "mum"
    assert Session.objects.get().contribution == Contribution.objects.get(kind="time")

    raised = api.post(
        base + "concerns/",
        {"match": match_id, "professional": "midwife", "text": "Worried about weight"},
        format="json",
    )
    assert raised.status_code == 201
    concern_id = raised.json()["id"]
    for who, seen in ((world.coordinator, 404), (circle["ada"], 404), (circle["midwife"], 200)):
        api.force_authenticate(who)
        assert api.get(base + f"concerns/{concern_id}/").status_code == seen
    api.force_authenticate(circle["mum"])
    assert api.post(base + f"concerns/{concern_id}/acknowledge/").status_code == 400
    api.force_authenticate(circle["midwife"])
    assert api.post(base + f"concerns/{concern_id}/acknowledge/").json()["acknowledged_at"]
    assert Concern.objects.get().acknowledged_at is not None
