"""The API: a member answers (201, then 200 to change it), bad answers are 400s naming the
question, results come as JSON in aggregate, free text to coordinators only."""

from typing import Any

from rest_framework.test import APIClient

from conftest import World
from coproduce.surveys.models import Response

from .conftest import CAFE, SHOP, Built


def _api(user: Any) -> APIClient:
    client = APIClient()
    client.force_login(user)
    client.credentials(HTTP_IDEMPOTENCY_KEY="k")
    return client


def _url(built: Built, action: str = "") -> str:
    base = f"/api/v1/initiatives/{built.survey.initiative.slug}/surveys/{built.survey.pk}/"
    return base + (f"{action}/" if action else "")


def test_a_member_answers_and_changes_their_answers_through_the_api(
    world: World, built: Built
) -> None:
    client = _api(world.member)
    first = client.post(
        _url(built, "respond"),
        {"answers": {built.q(built.need): SHOP, built.q(built.ranking): [CAFE, SHOP]}},
        format="json",
    )
    assert first.status_code == 201, first.content
    client.credentials(HTTP_IDEMPOTENCY_KEY="k2")
    second = client.post(
        _url(built, "respond"),
        {"answers": {built.q(built.need): CAFE, built.q(built.comment): "Later"}},
        format="json",
    )
    assert second.status_code == 200
    assert second.json()["answers"] == {built.q(built.need): CAFE, built.q(built.comment): "Later"}
    assert Response.objects.count() == 1


def test_bad_answers_are_400s_naming_the_question(world: World, built: Built) -> None:
    client = _api(world.member)
    response = client.post(
        _url(built, "respond"),
        {"answers": {built.q(built.need): SHOP, built.q(built.hours): 1e300}},
        format="json",
    )
    assert response.status_code == 400
    assert built.q(built.hours) in response.content.decode()
    assert Response.objects.count() == 0


def test_results_are_aggregate_json_with_text_for_coordinators_only(
    world: World, built: Built
) -> None:
    _api(world.member).post(
        _url(built, "respond"),
        {"answers": {built.q(built.need): SHOP, built.q(built.comment): "Private thought"}},
        format="json",
    )
    shown = _api(world.member).get(_url(built, "results")).json()
    need = next(q for q in shown["questions"] if q["question"] == built.need.pk)
    assert need["options"][0] == {"label": SHOP, "count": 1, "percent": 100.0}
    assert "Private thought" not in str(shown)
    coordinator = _api(world.coordinator).get(_url(built, "results")).json()
    comment = next(q for q in coordinator["questions"] if q["question"] == built.comment.pk)
    assert comment["texts"] == ["Private thought"]


def test_ranked_results_come_with_borda_scores_and_schulze_pairwise_counts(
    world: World, built: Built
) -> None:
    _api(world.member).post(
        _url(built, "respond"),
        {"answers": {built.q(built.need): SHOP, built.q(built.ranking): [CAFE, SHOP]}},
        format="json",
    )
    shown = _api(world.member).get(_url(built, "results")).json()
    ranking = next(q for q in shown["questions"] if q["question"] == built.ranking.pk)["ranking"]
    assert ranking["borda"]["order"][0] == [CAFE]
    assert ranking["schulze"]["pairwise"][CAFE][SHOP] == 1


def test_adopting_through_the_api_makes_goals_and_refuses_an_unknown_question(
    world: World, built: Built
) -> None:
    client = _api(world.coordinator)
    made = client.post(
        _url(built, "adopt"), {"question": built.need.pk, "options": [SHOP]}, format="json"
    )
    assert made.status_code == 201
    assert [row["text"] for row in made.json()["adopted"]] == [SHOP]
    client.credentials(HTTP_IDEMPOTENCY_KEY="k3")
    bad = client.post(_url(built, "adopt"), {"question": 999999, "options": [SHOP]}, format="json")
    assert bad.status_code == 400
    assert bad.json() == {"question": ["Not a question of this survey."]}


def test_a_survey_id_that_is_not_a_number_is_404(world: World, built: Built) -> None:
    client = _api(world.member)
    base = f"/api/v1/initiatives/{built.survey.initiative.slug}/surveys/"
    for bad in ("abc", "1e3", "\u00b2", "9" * 30):
        assert client.get(f"{base}{bad}/").status_code == 404, bad
        assert client.post(f"{base}{bad}/respond/", {}, format="json").status_code == 404, bad
    assert client.get(f"{base}{built.survey.pk}/").status_code == 200
    assert Response.objects.count() == 0
