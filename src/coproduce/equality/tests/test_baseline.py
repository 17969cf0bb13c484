"""A locality's baseline: entered by the initiative's coordinators, a percentage per answer
adding up to 100 (give or take 0.5), with its source and year; read by whoever may see the
initiative."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIClient

from conftest import World
from coproduce.equality import services
from coproduce.equality.models import LocalityBaseline

PERCENT = "Give a percentage from 0 to 100, with at most one decimal (e.g. 12.5)."


def _save(world: World, actor: Any = None, **changes: Any) -> LocalityBaseline:
    given: dict[str, Any] = {
        "characteristic": "disability",
        "shares": {"yes": "17.8", "no": "82.2"},
        "source": "Census 2021, Riverside ward",
        "year": 2021,
    }
    return services.equality_baseline_save(
        actor=actor or world.coordinator, initiative=world.initiative, **(given | changes)
    )


def test_a_coordinator_sets_the_shares_in_tenths_of_a_percent_and_replaces_them(
    world: World,
) -> None:
    _save(world)
    _save(world, shares={"yes": 20, "no": 80.5}, source="Local survey", year=2024)
    assert list(LocalityBaseline.objects.values("characteristic", "shares", "source", "year")) == [
        {
            "characteristic": "disability",
            "shares": {"yes": 200, "no": 805},
            "source": "Local survey",
            "year": 2024,
        }
    ]


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"shares": {"yes": "17.8", "no": "81.6"}},
            {
                "shares": [
                    "The percentages add up to 99.4; they must add up to 100 (give or take 0.5)."
                ]
            },
        ),
        ({"shares": {"yes": "17.85", "no": "82.15"}}, {"yes": [PERCENT]}),
        ({"shares": {"yes": "-1", "no": "101"}}, {"yes": [PERCENT]}),
        ({"shares": {"yes": "lots", "no": "82"}}, {"yes": [PERCENT]}),
        ({"shares": {"yes": "NaN", "no": "82"}}, {"yes": [PERCENT]}),
        ({"shares": {"yes": "100"}}, {"shares": ["Give a percentage for: No."]}),
        (
            {"shares": {"yes": "18", "no": "80", "prefer_not_to_say": "2"}},
            {"shares": ["Disability has no answer 'prefer_not_to_say'."]},
        ),
        (
            {"characteristic": "religion"},
            {"characteristic": ["Choose one of the profile's questions."]},
        ),
        (
            {"source": "  "},
            {"source": ["Say where the figures come from, in up to 300 characters."]},
        ),
        ({"year": 1991}, {"year": ["Give a year from 2000 on."]}),
    ],
)
def test_a_baseline_that_cannot_be_right_is_refused(
    world: World, changes: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    with pytest.raises(ValidationError) as refused:
        _save(world, **changes)
    assert refused.value.message_dict == errors
    assert not LocalityBaseline.objects.exists()


def test_shares_may_add_up_to_100_give_or_take_half_a_percent(world: World) -> None:
    _save(world, characteristic="caring", shares={"yes": "9.5", "no": "91.0"})
    _save(world, characteristic="disability", shares={"yes": "17.5", "no": "82.0"})
    assert LocalityBaseline.objects.count() == 2


@pytest.mark.parametrize("who", ["member", "other_coordinator", "outsider"])
def test_only_the_initiative_s_coordinators_enter_it(world: World, who: str) -> None:
    with pytest.raises(PermissionDenied):
        _save(world, actor=getattr(world, who))
    assert not LocalityBaseline.objects.exists()


def test_the_page_shows_each_baseline_and_a_form_to_coordinators_only(
    client: Client, world: World
) -> None:
    _save(world)
    url = f"/initiatives/{world.initiative.slug}/equality/baseline/"
    html = client.get(url).content.decode()
    assert "Source: Census 2021, Riverside ward (2021)." in html
    assert '<th scope="row">Yes</th><td>17.8%</td>' in html
    assert "<form" not in html.split('id="main"')[1]
    client.force_login(world.coordinator)
    html = client.get(url).content.decode()
    assert html.count('name="characteristic"') == 6
    assert 'id="id_disability-yes" value="17.8"' in html or 'value="17.8"' in html


def test_the_page_saves_one_question_and_names_what_to_fix(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    url = f"/initiatives/{world.initiative.slug}/equality/baseline/"
    fields = {
        "characteristic": "caring",
        "caring-yes": "9",
        "caring-no": "80",
        "caring-source": "Census 2021",
        "caring-year": "2021",
    }
    page = client.post(url, fields)
    assert page.status_code == 400
    assert "The percentages add up to 89; they must add up to 100" in page.content.decode()
    assert not LocalityBaseline.objects.exists()
    page = client.post(url, fields | {"caring-no": "91"})
    assert (page.status_code, page["Location"]) == (302, url)
    assert LocalityBaseline.objects.get().shares == {"yes": 90, "no": 910}
    assert client.post(url, {"characteristic": "shoe_size"}).status_code == 400


def test_the_api_lists_the_baselines_in_percent(world: World) -> None:
    _save(world)
    answer = APIClient().get(f"/api/v1/initiatives/{world.initiative.slug}/equality/baselines/")
    assert answer.json() == [
        {
            "characteristic": "disability",
            "shares": {"yes": 17.8, "no": 82.2},
            "source": "Census 2021, Riverside ward",
            "year": 2021,
        }
    ]
