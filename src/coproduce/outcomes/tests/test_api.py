"""The outcomes API: indicators with their progress, measurements, and 400s naming the field."""

import datetime
from typing import Any

import pytest
from rest_framework.test import APIClient

from conftest import World
from coproduce.core.vocabulary import Side
from coproduce.outcomes.models import Indicator, Measurement, WhoMeasures
from coproduce.outcomes.tests.test_outcomes import define, measure

INDICATOR = {
    "name": "Tenants satisfied",
    "measures": "Share satisfied with the last repair",
    "unit": "%",
    "better": "higher",
    "benefit_group": "citizens",
    "who_measures": "members",
    "baseline_value": "55",
    "baseline_on": "2026-01-01",
    "baseline_source": "Survey",
    "targets": [{"due_on": "2027-01-01", "value": "70"}],
}


def base(world: World) -> str:
    return f"/api/v1/initiatives/{world.initiative.slug}/indicators/"


def test_a_coordinator_defines_an_indicator_and_everyone_reads_its_progress(
    api: APIClient, world: World
) -> None:
    api.force_authenticate(world.coordinator)
    made = api.post(base(world), INDICATOR, format="json")
    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["targets"] == [{"due_on": "2027-01-01", "value": 70.0}]
    assert body["progress"] == {
        "status": "no_measurements",
        "headline": "No measurements yet",
        "sentence": "No measurements yet.",
    }
    indicator = Indicator.objects.get()
    measure(world, indicator, 70, datetime.date(2026, 3, 1))
    api.force_authenticate(None)
    read = api.get(f"{base(world)}{indicator.pk}/").json()
    assert read["progress"]["status"] == "met"
    assert [i["name"] for i in api.get(base(world)).json()["results"]] == ["Tenants satisfied"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"baseline_value": "lots"}, "baseline_value"),
        ({"baseline_value": "NaN"}, "baseline_value"),
        ({"baseline_value": "1e30"}, "baseline_value"),
        ({"better": "sideways"}, "better"),
        ({"targets": [{"due_on": "soon", "value": "1"}]}, "targets"),
        ({"targets": [{"due_on": "2025-01-01", "value": "1"}]}, "targets"),
        ({"baseline_on": "1066-10-14"}, "baseline_on"),
        ({"name": ""}, "name"),
    ],
)
def test_a_wrong_indicator_is_a_400_naming_the_field(
    api: APIClient, world: World, changes: dict[str, Any], field: str
) -> None:
    api.force_authenticate(world.coordinator)
    answer = api.post(base(world), INDICATOR | changes, format="json")
    assert answer.status_code == 400
    assert field in answer.json()
    assert not Indicator.objects.exists()


def test_a_second_indicator_of_the_same_name_is_a_400(api: APIClient, world: World) -> None:
    api.force_authenticate(world.coordinator)
    api.post(base(world), INDICATOR, format="json")
    again = api.post(base(world), INDICATOR | {"name": "tenants SATISFIED"}, format="json")
    assert again.status_code == 400 and "name" in again.json()
    assert Indicator.objects.count() == 1


def test_a_member_records_and_lists_measurements(api: APIClient, world: World) -> None:
    indicator = define(world)
    api.force_authenticate(world.member)
    url = f"{base(world)}{indicator.pk}/measurements/"
    made = api.post(
        url,
        {"value": "64.25", "measured_on": "2026-02-01", "source": "Survey", "method": "Asked"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json() | {"id": 0} == {
        "id": 0,
        "value": 64.25,
        "measured_on": "2026-02-01",
        "source": "Survey",
        "method": "Asked",
        "measured_by": "member",
        "side": Side.CITIZEN,
        "recorded_by": "member",
    }
    listed = api.get(url).json()
    assert listed["count"] == 1 and listed["results"][0]["value"] == 64.25


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"measured_on": "2999-01-01"}, "measured_on"),
        ({"value": "Infinity"}, "value"),
        ({"measured_by": "nobody-at-all"}, "measured_by"),
        ({"measured_by": "outsider"}, "measured_by"),
        ({"source": ""}, "source"),
    ],
)
def test_a_wrong_measurement_is_a_400_naming_the_field(
    api: APIClient, world: World, changes: dict[str, Any], field: str
) -> None:
    indicator = define(world, who_measures=WhoMeasures.COORDINATORS)
    api.force_authenticate(world.coordinator)
    body = {"value": "64", "measured_on": "2026-02-01", "source": "Survey", "method": "Asked"}
    answer = api.post(f"{base(world)}{indicator.pk}/measurements/", body | changes, format="json")
    assert answer.status_code == 400
    assert field in answer.json()
    assert not Measurement.objects.exists()


def test_another_initiatives_indicator_is_not_found(api: APIClient, world: World) -> None:
    indicator = define(world)
    other = f"/api/v1/initiatives/{world.other.slug}/indicators/{indicator.pk}/"
    api.force_authenticate(world.other_coordinator)
    assert api.get(other).status_code == 404
    assert api.post(f"{other}measurements/", {}, format="json").status_code == 404
