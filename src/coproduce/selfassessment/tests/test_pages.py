"""The self-assessment's page, its API and its panel: the figures for everyone who may see
the initiative, the form and the PUT for its members."""

from typing import Any

from django.test import Client
from rest_framework.test import APIClient

from conftest import World
from coproduce.core.vocabulary import Side
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Initiative, Visibility
from coproduce.portal.demo import load_demo
from coproduce.selfassessment.models import SelfAssessmentAnswer
from coproduce.selfassessment.selectors import self_assessment_summary
from coproduce.selfassessment.services import NOT_A_RATING, NOT_A_STATEMENT
from coproduce.selfassessment.tests.people import members_rate


def _both_sides_rate(world: World) -> None:
    """Citizens rate "shared goals" 2, 3, 3 and professionals 4, 4, 5: a gap of 8/3 - 13/3."""
    members_rate(
        world.initiative,
        "shared_goals",
        [(world.member, 2), (world.coordinator, 4)],
        [
            ("c2", Side.CITIZEN, 3),
            ("c3", Side.CITIZEN, 3),
            ("p2", Side.REGULAR_PRODUCER, 4),
            ("p3", Side.REGULAR_PRODUCER, 5),
        ],
    )


def test_anyone_who_may_see_the_initiative_reads_the_figures_without_a_form(
    client: Client, world: World
) -> None:
    _both_sides_rate(world)
    page = client.get(f"/initiatives/{world.initiative.slug}/self-assessment/")
    text = page.content.decode()
    assert page.status_code == 200
    assert (
        '<strong>Mean gap:</strong> 1.67; the largest is on "Shared goals and priorities".' in text
    )
    assert '<td>2.67 <span class="meta">(3 ratings)</span></td>' in text
    assert '<td>4.33 <span class="meta">(3 ratings)</span></td>' in text
    assert "<td>-1.67</td>" in text
    assert "-1.67, professionals rate it higher" in text  # the chart, beside the table
    assert '<td>Not shown <span class="meta">(fewer than 3 answered)</span></td>' in text
    assert "Save my answers" not in text


def test_a_member_answers_on_the_page_and_sees_their_answers_again(
    client: Client, world: World
) -> None:
    client.force_login(world.member)
    url = f"/initiatives/{world.initiative.slug}/self-assessment/"
    saved = client.post(url, {"people_as_assets": "5", "include_the_weakest": "dont_know"})
    assert (saved.status_code, saved["Location"]) == (302, url)
    assert sorted(SelfAssessmentAnswer.objects.values_list("statement", "rating", "side")) == [
        ("include_the_weakest", None, "citizen"),
        ("people_as_assets", 5, "citizen"),
    ]
    again = client.get(url).content.decode()
    assert 'name="people_as_assets" value="5" required' not in again
    assert 'value="5" id="id_people_as_assets_4" checked' in again
    assert 'value="dont_know" id="id_include_the_weakest_5" checked' in again
    assert "Your answers are saved." in again
    wrong = client.post(url, {"people_as_assets": "7"})
    assert wrong.status_code == 400
    assert "Select a valid choice. 7 is not one of the available choices." in wrong.content.decode()
    assert '<a href="#id_people_as_assets_0">' in wrong.content.decode()  # the error's link
    empty = client.post(url, {})
    assert (empty.status_code, "Rate at least one statement" in empty.content.decode()) == (
        400,
        True,
    )
    assert SelfAssessmentAnswer.objects.get(statement="people_as_assets").rating == 5


def test_a_member_s_own_ratings_are_shown_to_them_alone(client: Client, world: World) -> None:
    url = f"/initiatives/{world.initiative.slug}/self-assessment/"
    client.force_login(world.member)
    client.post(url, {"people_as_assets": "5"})
    own = client.get(url)
    assert "no-store" in own["Cache-Control"]  # no cache keeps a member's own ratings
    client.force_login(world.coordinator)  # another member, their own form empty
    assert " checked" not in client.get(url).content.decode()
    api = APIClient()
    api.force_authenticate(world.coordinator)
    put = api.put(f"/api/v1{url}", {"ratings": {"shared_goals": 2}}, format="json")
    assert put.json() == {"ratings": {"shared_goals": 2}}


def test_someone_who_is_not_a_member_cannot_answer_on_the_page(
    client: Client, world: World
) -> None:
    client.force_login(world.outsider)
    url = f"/initiatives/{world.initiative.slug}/self-assessment/"
    assert "Save my answers" not in client.get(url).content.decode()
    assert client.post(url, {"people_as_assets": "5"}).status_code == 403
    assert not SelfAssessmentAnswer.objects.exists()


def test_a_hidden_initiative_s_self_assessment_is_not_found(client: Client, world: World) -> None:
    initiatives.initiative_update(
        actor=world.coordinator, initiative=world.initiative, visibility=Visibility.MEMBERS
    )
    client.force_login(world.outsider)
    assert client.get(f"/initiatives/{world.initiative.slug}/self-assessment/").status_code == 404
    api = APIClient()
    api.force_authenticate(world.outsider)
    assert (
        api.get(f"/api/v1/initiatives/{world.initiative.slug}/self-assessment/").status_code == 404
    )


def test_the_api_answers_the_summary_and_takes_a_member_s_ratings(
    api: APIClient, world: World
) -> None:
    _both_sides_rate(world)
    url = f"/api/v1/initiatives/{world.initiative.slug}/self-assessment/"
    assert api.get(url).json() == self_assessment_summary(world.initiative)
    assert api.get(url).json()["mean_gap"] == 1.6667
    # no period narrows it: a day's difference would show one member's ratings
    assert api.get(url + "?from=2000-01-01&to=2000-12-31").json()["mean_gap"] == 1.6667
    api.force_authenticate(world.member)
    put = api.put(url, {"ratings": {"people_as_assets": 4, "shared_goals": None}}, format="json")
    assert (put.status_code, put.json()) == (
        200,
        {"ratings": {"people_as_assets": 4, "shared_goals": None}},
    )
    bad = api.put(url, {"ratings": {"people_as_asets": 4, "shared_goals": 9}}, format="json")
    assert (bad.status_code, bad.json()) == (
        400,
        {"people_as_asets": [NOT_A_STATEMENT], "shared_goals": [NOT_A_RATING]},
    )
    not_an_object = api.put(url, [1, 2], format="json")
    assert (not_an_object.status_code, list(not_an_object.json())) == (400, ["ratings"])
    assert api.get(url).json()["statements"][6]["by_side"]["citizen"]["dont_know"] == 1


def test_the_api_refuses_ratings_from_anyone_but_a_member(api: APIClient, world: World) -> None:
    url = f"/api/v1/initiatives/{world.initiative.slug}/self-assessment/"
    body = {"ratings": {"people_as_assets": 4}}
    assert api.put(url, body, format="json").status_code == 403
    for who in (world.outsider, world.staff, world.other_coordinator):
        api.force_authenticate(who)
        assert api.put(url, body, format="json").status_code == 403
    assert not SelfAssessmentAnswer.objects.exists()


def test_the_initiative_page_shows_the_mean_gap_and_the_way_in(
    client: Client, world: World
) -> None:
    url = f"/initiatives/{world.initiative.slug}/"
    before = client.get(url).content.decode()
    assert "There is no gap to show yet." in before
    assert ">See the self-assessment</a>" in before
    _both_sides_rate(world)
    client.force_login(world.member)
    after = client.get(url).content.decode()
    assert "The mean gap between their ratings is <strong>1.67</strong>" in after
    assert 'largest on "Shared goals and priorities"' in after
    assert ">See the self-assessment and give your answers</a>" in after


def test_the_demo_answers_show_figures_on_both_sides(db: Any) -> None:
    load_demo()
    load_demo()  # twice changes nothing
    summary = self_assessment_summary(Initiative.objects.get(slug="riverside-repairs-panel"))
    assert SelfAssessmentAnswer.objects.count() == 70
    gaps = {row["key"]: row["gap"] for row in summary["statements"]}
    assert [key for key, gap in gaps.items() if gap is None] == [
        "peer_support_networks",  # one professional did not know
        "innovation_and_risk",  # one citizen did not know
    ]
    # professionals rate every statement higher; the gaps' sizes are 2/3, 1, 1, 1, 1, 2/3,
    # 2 and 4/3, a mean of 26/24
    assert (summary["largest_gap"], summary["mean_gap"]) == ("include_the_weakest", 1.0833)
    assert {row["by_side"]["political"]["mean"] for row in summary["statements"]} == {None}


def test_the_page_and_the_panel_in_welsh(client: Client, world: World) -> None:
    _both_sides_rate(world)
    client.force_login(world.member)
    client.cookies["django_language"] = "cy"
    url = f"/initiatives/{world.initiative.slug}/self-assessment/"
    text = client.get(url).content.decode()
    assert "<h1>Hunanasesiad</h1>" in text
    assert "<strong>Bwlch cymedrig:</strong> 1.67; mae'r mwyaf ar \"Nodau a blaenoriaethau" in text
    assert '<td>2.67 <span class="meta">(3 sgôr)</span></td>' in text
    assert "-1.67, gweithwyr proffesiynol sy&#x27;n ei sgorio&#x27;n uwch" in text
    assert "Cadw fy atebion" in text
    for english in ("Mean gap", "Save my answers", "Shared goals and priorities", "Don't know"):
        assert english not in text
    answer = client.post(url, {"people_as_assets": "9"})
    assert answer.status_code == 400
    assert "Mae problem" in answer.content.decode()
    panel = client.get(world.initiative.get_absolute_url()).content.decode()
    assert "Gweld yr hunanasesiad a rhoi eich atebion" in panel
    assert "See the self-assessment" not in panel
