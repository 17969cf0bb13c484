"""Checks run inside a process whose settings install the test capability
(tests.plugin_app.settings), by tests/test_plugin_capability.py."""

from typing import Any

import pytest
from django.db import DatabaseError, transaction
from django.test import Client

from conftest import World
from coproduce.core import capabilities
from coproduce.portal.demo import load_demo
from tests.plugin_app import demo
from tests.plugin_app.models import FieldNote


def test_its_panel_is_a_section_of_the_initiative_page(world: World, client: Client) -> None:
    FieldNote.objects.create(initiative=world.initiative, text="Met the repairs team")
    html = client.get(f"/initiatives/{world.initiative.slug}/").content.decode()
    assert '<h2 id="field-notes-heading">Field notes</h2>' in html
    assert "<li>Met the repairs team</li>" in html
    # among the capabilities' sections: after the stages, before the members
    assert html.index('id="stages-heading"') < html.index('id="field-notes-heading"')
    assert html.index('id="field-notes-heading"') < html.index('id="members-heading"')
    # an initiative without notes leaves the panel out
    assert (
        "field-notes-heading"
        not in client.get(f"/initiatives/{world.other.slug}/").content.decode()
    )


def test_its_page_is_in_the_navigation(client: Client, db: Any) -> None:
    html = client.get("/").content.decode()
    assert '<li><a href="/field-notes/">Field notes</a></li>' in html
    assert client.get("/field-notes/").content == b"0 field notes"


def test_the_demo_runs_its_loader_after_the_others(db: Any) -> None:
    assert capabilities.demo_loaders()[-1] is demo.load
    counts = load_demo()
    assert counts["field notes"] == 1
    assert counts["cases"] == 34
    notes = FieldNote.objects.values_list("initiative__slug", "text")
    assert list(notes) == [
        ("riverside-repairs-panel", "Tenants walked the estate with the repairs team")
    ]
    load_demo()
    assert FieldNote.objects.count() == 1


def test_its_table_refuses_an_update(world: World) -> None:
    assert "plugin_app_fieldnote" in capabilities.append_only_tables()
    note = FieldNote.objects.create(initiative=world.initiative, text="As written")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        FieldNote.objects.filter(pk=note.pk).update(text="Changed")
    note.refresh_from_db()
    assert note.text == "As written"


def test_its_stage_and_route_expectations_are_registered() -> None:
    mine = [c for c in capabilities.capabilities() if c.title == "Field notes"]
    assert [c.stages for c in mine] == [("co_assessment",)]
    modules = [m.__name__ for m in capabilities.route_expectations()]
    assert modules[-1] == "tests.plugin_app.routes"
