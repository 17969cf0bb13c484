"""Logging hours where there is nothing to log them against says what to do next."""

from typing import Any

from django.test import Client

from conftest import World
from coproduce.volunteering.models import HoursLog


def _page(world: World, person: Any) -> tuple[int, str]:
    client = Client()
    client.force_login(person)
    answer = client.get(f"/initiatives/{world.initiative.slug}/volunteering/hours/")
    return answer.status_code, " ".join(answer.content.decode().split())


def test_a_member_is_told_who_to_ask_for_an_opportunity(world: World) -> None:
    status, page = _page(world, world.member)
    assert status == 200
    assert (
        "There is nothing to log hours against yet: hours are logged against a volunteering "
        "opportunity, and Riverside repairs has none." in page
    )
    assert "Ask a coordinator to add one: Cora Coordinator." in page
    assert "This field is required" not in page and 'name="minutes"' not in page
    assert "/volunteering/new/" not in page


def test_a_coordinator_gets_the_button_to_add_an_opportunity(world: World) -> None:
    status, page = _page(world, world.coordinator)
    assert status == 200
    slug = world.initiative.slug
    assert "As a coordinator, you add one here:" in page
    assert (
        f'<a class="button" href="/initiatives/{slug}/volunteering/new/">Add an opportunity</a>'
        in page
    )


def test_hours_posted_with_no_opportunity_log_nothing(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    answer = client.post(
        f"/initiatives/{world.initiative.slug}/volunteering/hours/",
        {"minutes": 60, "worked_on": "2026-01-05"},
    )
    assert answer.status_code == 200
    assert "There is nothing to log hours against yet" in answer.content.decode()
    assert HoursLog.objects.count() == 0
