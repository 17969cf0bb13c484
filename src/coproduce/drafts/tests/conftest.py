"""A draft in the world's initiative: its drafting group is the coordinator (a
professional) and the member (a citizen); version 1 has two sections."""

from typing import Any

import pytest

from conftest import World, add_member, make_user
from coproduce.drafts import services
from coproduce.drafts.models import Draft
from coproduce.drafts.services import SectionText

SECTIONS = [
    SectionText("Who the service is for", "Tenants waiting for a **repair**."),
    SectionText("How to report", "Phone the repairs line between 9 and 5."),
]


def write_draft(world: World) -> Draft:
    draft = services.draft_create(
        actor=world.coordinator, initiative=world.initiative, title="Repairs service design"
    )
    services.drafting_group_set(
        actor=world.coordinator, draft=draft, people=[world.coordinator, world.member]
    )
    services.version_save(actor=world.member, draft=draft, sections=SECTIONS, reason="First text")
    return draft


@pytest.fixture
def draft(world: World) -> Draft:
    return write_draft(world)


@pytest.fixture
def tenant(world: World) -> Any:
    """A citizen member outside the drafting group."""
    person = make_user("tenant", display_name="Tess Tenant")
    add_member(world.initiative, person)
    return person


def keys(draft: Draft) -> dict[str, int]:
    """Each section's key in the latest version, by title."""
    latest = draft.versions.order_by("-number").first()
    assert latest is not None
    return {s.title: s.key for s in latest.sections.all()}
