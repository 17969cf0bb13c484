"""My Coproduce's API: the signed-in person's own summary, the same as the page's, by
session or token; ballots say that one voted, never how; no one reads another's."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from conftest import World, make_user
from coproduce.accounts.services import token_create
from coproduce.mine.tests.test_mine import busy  # noqa: F401 - the fixture

URL = "/api/v1/my/"


def summary(client: APIClient) -> dict[str, Any]:
    answer = client.get(URL)
    assert answer.status_code == 200
    return answer.json()


def section(data: dict[str, Any], key: str) -> list[dict[str, str]]:
    return next(s["items"] for s in data["sections"] if s["key"] == key)


def test_a_member_reads_their_own_summary_by_token(busy: World) -> None:  # noqa: F811
    _token, text = token_create(actor=busy.member)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {text}")
    with CaptureQueriesContext(connection) as captured:
        data = summary(client)
    assert [s["key"] for s in data["sections"]] == [
        *("initiatives", "requests", "shifts", "ballots", "balance")
    ]
    assert {s["key"]: len(s["items"]) for s in data["sections"]} == {
        "initiatives": 1,
        "requests": 5,
        "shifts": 1,
        "ballots": 1,
        "balance": 1,
    }
    assert [i["title"] for i in section(data, "initiatives")] == ["Riverside repairs"]
    (ballot,) = section(data, "ballots")
    assert (ballot["title"], ballot["detail"]) == ("Riverside decides", "You voted in North")
    assert "Benches" not in str(data)  # what they chose is never said
    assert not any("budgeting_ballotchoice" in q["sql"] for q in captured.captured_queries)
    assert section(data, "balance")[0]["detail"] == "Balance: 2 h"
    assert (data["tasks"], data["task_count"]) == ([], 0)


def test_a_coordinator_reads_their_tasks_with_counts(busy: World) -> None:  # noqa: F811
    client = APIClient()
    client.force_authenticate(busy.coordinator)
    data = summary(client)
    assert [(t["label"], t["initiative"], t["count"]) for t in data["tasks"]] == [
        ("Requests to join to approve", "Riverside repairs", 1),
        ("Side claims to approve", "Riverside repairs", 1),
        ("Volunteering hours to approve", "Riverside repairs", 1),
        ("Peer support requests to match", "Riverside repairs", 1),
        ("Ideas to answer", "Riverside repairs", 1),
    ]
    assert data["tasks"][0]["url"] == f"/initiatives/{busy.initiative.slug}/members/"
    assert data["task_count"] == 5


def test_no_one_reads_another_persons_summary(busy: World) -> None:  # noqa: F811
    client = APIClient()
    client.force_authenticate(make_user("stranger"))
    data = summary(client)
    assert [len(s["items"]) for s in data["sections"]] == [0, 0, 0, 0, 0]
    assert (data["tasks"], data["task_count"]) == ([], 0)
    assert "Riverside" not in str(data)
    # the summary takes no one's id: asking for another person's changes nothing
    assert client.get(URL, {"person": busy.member.pk}).json() == data
    assert APIClient().get(URL).status_code == 403


def test_the_summary_speaks_the_requests_language(busy: World) -> None:  # noqa: F811
    client = APIClient()
    client.force_authenticate(busy.member)
    data = client.get(URL, HTTP_ACCEPT_LANGUAGE="cy").json()
    assert data["sections"][0]["heading"] == "Fy mentrau"
