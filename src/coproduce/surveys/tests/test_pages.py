"""The pages: answering (a ranking as one drop-down per place), errors as 400 with the
question named and nothing saved, results, and who sees free text, the CSV and the asset
list."""

from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import World
from coproduce.core.downloads import neutralised
from coproduce.surveys import services
from coproduce.surveys.models import Response, Survey

from .conftest import BUS, CAFE, SHOP, Built, answer


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(built: Built, name: str) -> str:
    return reverse(f"surveys:{name}", args=[built.survey.initiative.slug, built.survey.pk])


def test_a_member_answers_on_the_page_and_sees_the_results(world: World, built: Built) -> None:
    client = _client(world.member)
    page = client.get(_url(built, "respond")).content.decode()
    assert "1st choice" in page and "2nd choice" in page and "Your age (optional)" in page
    data = {
        built.q(built.need): CAFE,
        built.q(built.extras): [SHOP, BUS],
        built.q(built.rating): "4",
        f"{built.q(built.ranking)}_1": BUS,
        f"{built.q(built.ranking)}_2": CAFE,
        built.q(built.hours): "8",
    }
    response = client.post(_url(built, "respond"), data)
    assert response.status_code == 302 and response["Location"] == _url(built, "results")
    saved = Response.objects.get()
    assert sorted(saved.answers.filter(question=built.ranking).values_list("number", "option")) == [
        (1, 1),
        (2, 2),
    ]
    again = client.get(_url(built, "respond")).content.decode()
    assert "Save my changes" in again
    results = client.get(_url(built, "results")).content.decode()
    assert "1 response." in results and "Written answers are read by the coordinators." in results


def test_a_repeated_option_in_a_ranking_is_a_400_naming_it_and_nothing_is_saved(
    world: World, built: Built
) -> None:
    data = {
        built.q(built.need): SHOP,
        f"{built.q(built.ranking)}_1": BUS,
        f"{built.q(built.ranking)}_2": BUS,
    }
    response = _client(world.member).post(_url(built, "respond"), data)
    assert response.status_code == 400
    assert "1st choice: Choose each option once." in response.content.decode()
    assert Response.objects.count() == 0


def test_a_missing_required_answer_and_a_closed_survey_are_400s(world: World, built: Built) -> None:
    client = _client(world.member)
    response = client.post(_url(built, "respond"), {built.q(built.rating): "3"})
    assert response.status_code == 400
    assert "What is most missing?: Answer this question." in response.content.decode()
    services.survey_set_status(actor=world.coordinator, survey=built.survey, status="closed")
    page = client.get(_url(built, "respond")).content.decode()
    assert "This survey is closed." in page and "Send my answers" not in page
    assert Response.objects.count() == 0


def test_free_text_and_the_csv_are_for_coordinators_only(world: World, built: Built) -> None:
    answer(built, world.member, comment="=1+1 secret remark", age="25 to 34", consent=True)
    for who in (None, world.member, world.outsider):
        page = _client(who).get(_url(built, "results")).content.decode()
        assert "secret remark" not in page
        assert _client(who).get(_url(built, "answers_csv")).status_code == 403
    coordinator = _client(world.coordinator)
    assert "=1+1 secret remark" in coordinator.get(_url(built, "results")).content.decode()
    csv = coordinator.get(_url(built, "answers_csv")).content.decode()
    assert neutralised("=1+1 secret remark") in csv
    assert (
        "25 to 34" not in csv
        and "Mo Member" not in csv
        and "member" not in csv.lower().replace("members", "")
    )


def test_user_text_is_escaped_on_the_results_page(world: World, built: Built) -> None:
    answer(built, world.member, comment="<script>alert(1)</script>")
    page = _client(world.coordinator).get(_url(built, "results")).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_asset_list_is_for_members(world: World) -> None:
    url = reverse("surveys:assets", args=[world.initiative.slug])
    assert _client(world.member).get(url).status_code == 200
    assert _client(world.outsider).get(url).status_code == 403
    assert _client().get(url).status_code == 403


def test_a_coordinator_builds_opens_and_keys_in_a_paper_response(world: World) -> None:
    client = _client(world.coordinator)
    response = client.post(
        reverse("surveys:list", args=[world.initiative.slug]),
        {"title": "Hall", "purpose": "needs", "audience": "members"},
    )
    assert response.status_code == 302
    build_url = response["Location"]
    response = client.post(
        build_url, {"kind": "single", "text": "Open late?", "options": "Yes\nNo", "required": "on"}
    )
    assert response.status_code == 302
    bad = client.post(build_url, {"kind": "single", "text": "Only one?", "options": "Yes"})
    assert bad.status_code == 400 and "Give from 2 to 50 options." in bad.content.decode()
    survey = Survey.objects.get(initiative=world.initiative)
    client.post(
        reverse("surveys:status", args=[world.initiative.slug, survey.pk]), {"status": "open"}
    )
    survey.refresh_from_db()
    assert survey.status == "open"
    question = survey.questions.get()
    paper = client.post(
        reverse("surveys:paper", args=[world.initiative.slug, survey.pk]),
        {f"q{question.pk}": "Yes"},
    )
    assert paper.status_code == 302
    assert list(survey.responses.values_list("paper", "entered_by")) == [
        (True, world.coordinator.pk)
    ]
