"""The initiative page builds each capability's panel from the registry and names none."""

import ast
from pathlib import Path

from django.test import Client

from conftest import World
from coproduce.cases.models import CaseStudy
from coproduce.core.capabilities import registered
from coproduce.initiatives import views

BUTTONS = [
    "Record a contribution</a>",
    "Record a decision</a>",
    "Volunteering</a>",
    "Boards</a>",
    "Peer support</a>",
    "Time credits</a>",
    "Exchange services</a>",
]


def _page(client: Client, world: World, who: str | None) -> str:
    if who:
        client.force_login(getattr(world, who))
    return client.get(f"/initiatives/{world.initiative.slug}/").content.decode()


def test_a_member_sees_every_capability_button_in_the_registry_order(
    client: Client, world: World
) -> None:
    html = _page(client, world, "member")
    places = [html.index(button) for button in BUTTONS]
    assert places == sorted(places)
    assert html.index("Exchange services</a>") < html.index('id="goals-heading"')


def test_an_anonymous_visitor_sees_only_the_open_capabilities(client: Client, world: World) -> None:
    html = _page(client, world, None)
    assert [button for button in BUTTONS if button in html] == ["Volunteering</a>", "Boards</a>"]
    assert 'id="pb-heading"' not in html  # no process, and not a manager


def test_sections_sit_around_the_initiative_own_ones(client: Client, world: World) -> None:
    html = _page(client, world, "coordinator")
    order = ["stages-heading", "pb-heading", "members-heading", "record-heading"]
    places = [html.index(f'id="{heading}"') for heading in order]
    assert places == sorted(places)
    assert "Set up participatory budgeting</a>" in html


def test_the_initiative_views_import_no_capability_with_a_panel() -> None:
    tree = ast.parse(Path(views.__file__).read_text())
    imported = {
        node.module.split(".")[1]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("coproduce.")
    }
    with_panels = {config.label for config, capability in registered() if capability.panel}
    assert imported & with_panels == set()
    assert imported == {"core", "initiatives"}


def test_a_case_initiative_opens_with_its_facts_and_their_sources(
    client: Client, world: World
) -> None:
    CaseStudy.objects.create(initiative=world.initiative, source="A test source")
    html = _page(client, world, None)
    order = ["case-heading", "case-sources-heading", "goals-heading"]
    places = [html.index(f'id="{heading}"') for heading in order]
    assert places == sorted(places)
    assert html.count('id="case-heading"') == html.count('id="case-sources-heading"') == 1
    assert "<dt>Source</dt><dd>A test source</dd>" in html
