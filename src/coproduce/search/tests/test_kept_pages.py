"""A signed-out visitor's search page kept while the index is unchanged (ADR 0055): served
again with one database statement, and never once anything that changes what visitors
may find has committed, whoever the next visitor is."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD, World
from coproduce.ideas import services as ideas
from coproduce.initiatives.services import initiative_update
from coproduce.search import selectors, services
from coproduce.search.models import IndexEdition, KeptPage, SearchDocument
from coproduce.search.services import index_rebuild
from coproduce.search.tests.conftest import make_budget, propose

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_store() -> Any:
    """The store is a database table: each test begins with nothing kept."""
    KeptPage.objects.all().delete()


def _edition() -> int:
    """The index's edition now, as the search page reads it (0 if its row was lost)."""
    return selectors.kept_page("no page")[0]


def _search(client: Client, words: str) -> str:
    response = client.get(f"/search/?q={words}")
    assert response.status_code == 200
    return response.content.decode()


def _retitle_behind_the_index(title: str, to: str) -> None:
    """A change the index's services did not make: seen only by a page read afresh."""
    assert SearchDocument.objects.filter(title=title).update(title=to) == 1


def test_a_visitor_is_served_the_kept_page_while_the_index_is_unchanged(world: World) -> None:
    propose(make_budget(world), world.member, "Orchard by the school")
    assert "<mark>Orchard</mark> by the school" in _search(Client(), "orchard")
    _retitle_behind_the_index("Orchard by the school", "Orchard by the river")
    with CaptureQueriesContext(connection) as statements:
        kept = _search(Client(), "orchard")
    assert "<mark>Orchard</mark> by the school" in kept
    assert len(statements) == 1  # the index's edition and the page kept under it


def test_a_signed_in_person_always_gets_the_page_read_afresh(world: World) -> None:
    propose(make_budget(world), world.member, "Orchard by the school")
    assert "<mark>Orchard</mark> by the school" in _search(Client(), "orchard")
    _retitle_behind_the_index("Orchard by the school", "Orchard by the river")
    member = Client()
    assert member.login(username="member", password=PASSWORD)
    assert "<mark>Orchard</mark> by the river" in _search(member, "orchard")


def test_a_new_proposal_is_found_by_the_next_visitor(world: World) -> None:
    budget = make_budget(world)
    propose(budget, world.member, "Orchard by the school")
    assert 'Budget proposals <span class="count">(1)</span>' in _search(Client(), "orchard")
    propose(budget, world.member, "Orchard on the green")
    page = _search(Client(), "orchard")
    assert 'Budget proposals <span class="count">(2)</span>' in page
    assert "<mark>Orchard</mark> on the green" in page


def test_a_hidden_idea_leaves_the_next_visitors_page(world: World) -> None:
    idea = ideas.idea_post(
        actor=world.member,
        initiative=world.initiative,
        title="Orchard swap shop",
        text="Swap fruit.",
        category="places",
    )
    assert "<mark>Orchard</mark> swap shop" in _search(Client(), "orchard")
    ideas.idea_hide(actor=world.coordinator, idea=idea, reason="Names a neighbour.")
    page = _search(Client(), "orchard")
    assert "swap shop" not in page  # the title, marked or not
    assert "Ideas <span" not in page


def test_an_initiative_made_private_leaves_the_next_visitors_page(world: World) -> None:
    propose(make_budget(world), world.member, "Orchard by the school")
    assert "<mark>Orchard</mark> by the school" in _search(Client(), "orchard")
    initiative_update(actor=world.coordinator, initiative=world.initiative, visibility="members")
    page = _search(Client(), "orchard")
    assert "by the school" not in page
    assert "Budget proposals <span" not in page


def test_every_change_to_the_index_moves_its_edition_on_once(world: World) -> None:
    budget = make_budget(world)
    before = _edition()
    propose(budget, world.member, "Orchard by the school")
    assert _edition() == before + 1
    index_rebuild()
    assert _edition() == before + 2


def test_an_edition_lost_with_its_row_starts_again(world: World) -> None:
    services.page_keep("en:z", 1, ("text/html", b"kept under the first edition"), 60)
    IndexEdition.objects.all().delete()
    assert _edition() == 0
    propose(make_budget(world), world.member, "Orchard by the school")
    assert IndexEdition.objects.get().number == 1
    assert selectors.kept_page("en:z") == (1, None)  # its number came round: not served


def test_a_signed_in_persons_page_is_never_kept_for_the_next_visitor(world: World) -> None:
    propose(make_budget(world), world.member, "Orchard by the school")
    initiative_update(actor=world.coordinator, initiative=world.initiative, visibility="members")
    member = Client()
    assert member.login(username="member", password=PASSWORD)
    assert "<mark>Orchard</mark> by the school" in _search(member, "orchard")
    assert KeptPage.objects.count() == 0
    assert "by the school" not in _search(Client(), "orchard")


def test_the_admin_neither_deletes_an_initiative_nor_changes_its_address_or_readers(
    client: Client, world: World
) -> None:
    client.force_login(world.staff)
    address = f"/admin/initiatives/initiative/{world.initiative.pk}/"
    assert client.get(address + "delete/").status_code == 403
    assert client.post(address + "delete/", {"post": "yes"}).status_code == 403
    form = client.get(address + "change/").context["adminform"].form
    assert "slug" not in form.fields
    assert "visibility" not in form.fields
    assert client.get("/admin/initiatives/initiative/add/").status_code == 200
    world.initiative.refresh_from_db()
    assert (world.initiative.slug, world.initiative.visibility) == ("riverside-repairs", "public")


@override_settings(SEARCH_PAGE_SECONDS=0)
def test_nothing_is_kept_when_the_time_is_zero(world: World) -> None:
    propose(make_budget(world), world.member, "Orchard by the school")
    assert "<mark>Orchard</mark> by the school" in _search(Client(), "orchard")
    _retitle_behind_the_index("Orchard by the school", "Orchard by the river")
    assert "<mark>Orchard</mark> by the river" in _search(Client(), "orchard")


def test_an_address_with_a_parameter_search_does_not_read_is_answered_not_kept(
    world: World,
) -> None:
    propose(make_budget(world), world.member, "Orchard by the school")
    assert "<mark>Orchard</mark> by the school" in _search(Client(), "orchard&x=1")
    _retitle_behind_the_index("Orchard by the school", "Orchard by the river")
    assert "<mark>Orchard</mark> by the river" in _search(Client(), "orchard&x=1")


def test_keeping_a_page_clears_those_of_older_editions_and_replaces_its_own(
    world: World,
) -> None:
    propose(make_budget(world), world.member, "Orchard by the school")
    _search(Client(), "orchard")
    _search(Client(), "school")
    assert KeptPage.objects.count() == 2
    propose(make_budget(world, world.other), world.other_coordinator, "Orchard in the park")
    edition = _edition()
    assert "<mark>Orchard</mark> in the park" in _search(Client(), "orchard")
    assert sorted(KeptPage.objects.values_list("edition", flat=True)) == [edition]
    services.page_keep("en:x", edition, ("text/html", b"first"), 60)
    services.page_keep("en:x", edition, ("text/html", b"second"), 60)
    assert selectors.kept_page("en:x") == (edition, ("text/html", b"second"))


def test_no_more_pages_are_kept_than_the_most(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "KEPT_PAGES_AT_MOST", 2)
    propose(make_budget(world), world.member, "Orchard near the school green")
    for words in ("orchard", "school", "green"):
        assert "near the" in _search(Client(), words)
    assert KeptPage.objects.count() == 2
    _retitle_behind_the_index("Orchard near the school green", "Orchard by the river green")
    assert "near the" in _search(Client(), "orchard")  # kept
    assert "by the river" in _search(Client(), "green")  # answered, not kept


def test_a_page_past_its_time_is_read_afresh(world: World) -> None:
    propose(make_budget(world), world.member, "Orchard by the school")
    edition = _edition()
    services.page_keep("en:y", edition, ("text/html", b"page"), 60)
    assert selectors.kept_page("en:y") == (edition, ("text/html", b"page"))
    KeptPage.objects.filter(key="en:y").update(expires=0)
    assert selectors.kept_page("en:y") == (edition, None)
