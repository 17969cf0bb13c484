"""No one's profile leaves its owner's page: no admin page, no API, no code outside this app
reads the table, and the pages and figures made from profiles name no one."""

import datetime
import json
import re
from pathlib import Path
from typing import Any

from django.contrib import admin
from django.core.management import call_command
from django.test import Client

import coproduce
from conftest import World, add_member, make_user
from coproduce.core.vocabulary import ContributionKind, Unit
from coproduce.equality import selectors, services
from coproduce.equality.models import EqualityProfile
from coproduce.initiatives.models import Initiative
from coproduce.portal.demo import load_demo
from coproduce.record import services as record

SOURCE = Path(coproduce.__file__).parent
# the model, or the relation from a person (not the services, equality_profile_save/_withdraw)
NAMES_THE_PROFILES = re.compile(r"EqualityProfile|equality_profile(?!_save|_withdraw)")


def test_no_admin_page_lists_profiles() -> None:
    assert EqualityProfile not in admin.site._registry
    inlines = [
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    ]
    assert EqualityProfile not in inlines


def test_only_this_app_s_models_services_and_selectors_read_the_profiles() -> None:
    """An API or export of profiles would have to name the model or its relation."""
    naming = {
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if "tests" not in path.parts and NAMES_THE_PROFILES.search(path.read_text())
    }
    assert naming == {
        "equality/models.py",
        "equality/services.py",
        "equality/selectors.py",
        "equality/migrations/0001_initial.py",
    }


def test_the_api_schema_has_no_profile(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(target))
    schema = target.read_text()
    assert "consented_at" not in schema and "EqualityProfile" not in schema
    assert (
        "/api/v1/initiatives/{initiative_slug}/equality/baselines/" in json.loads(schema)["paths"]
    )


def _taking_part(world: World, count: int) -> list[Any]:
    people = []
    for number in range(count):
        person = make_user(f"taking-part-{number}", display_name=f"Named Person {number}")
        add_member(world.initiative, person)
        services.equality_profile_save(actor=person, consent=True, gender="woman", caring="no")
        record.contribution_record(
            actor=person,
            initiative=world.initiative,
            stage=world.stage,
            kind=ContributionKind.IDEA,
            quantity=1,
            unit=Unit.COUNT,
            occurred_on=datetime.date(2026, 1, 2),
        )
        people.append(person)
    return people


def test_the_baseline_page_and_the_figures_name_no_one(client: Client, world: World) -> None:
    people = _taking_part(world, 6)
    client.force_login(world.coordinator)
    html = client.get(f"/initiatives/{world.initiative.slug}/equality/baseline/").content.decode()
    figures = json.dumps(selectors.inclusion(world.initiative))
    assert '<th scope="row">Woman</th><td>—</td><td>6</td><td>100.0%</td>' in html
    for person in people:
        for name in (person.username, person.display_name):
            assert name not in html and name not in figures


def test_a_group_under_5_shows_no_count_on_the_page(client: Client, world: World) -> None:
    _taking_part(world, 4)
    html = client.get(f"/initiatives/{world.initiative.slug}/equality/baseline/").content.decode()
    assert '<th scope="row">Woman</th><td>—</td><td>&lt;5</td><td>—</td>' in html
    assert "<td>4</td>" not in html


def test_the_demo_shows_figures_for_riverside(client: Client, db: None) -> None:
    load_demo()
    load_demo()  # twice changes nothing
    panel = "riverside-repairs-panel"
    figures = selectors.inclusion(Initiative.objects.get(slug=panel))
    assert figures["people_with_profile"] == 18
    gender = figures["characteristics"]["gender"]
    assert gender["baseline"] == {
        "source": "Illustrative figures for the demo, not census data",
        "year": 2021,
    }
    assert {c: cell["count"] for c, cell in gender["stages"]["all"]["categories"].items()} == {
        "woman": 9,
        "man": 6,
        "non_binary": "<5",
        "another_way": "<5",
        "prefer_not_to_say": "<5",
    }
    assert EqualityProfile.objects.count() == 18
    html = client.get(f"/initiatives/{panel}/equality/baseline/").content.decode()
    assert "Illustrative figures for the demo, not census data" in html
