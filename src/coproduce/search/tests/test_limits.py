"""What keeps one person's searches from costing everyone else's: short words match whole
words only, the full-text match runs once a search, and each client has a limit a minute."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from conftest import World
from coproduce.search import selectors
from coproduce.search.tests.conftest import make_budget, propose

pytestmark = pytest.mark.django_db


def titles(world: World, text: str) -> list[str]:
    found = selectors.documents_found(world.outsider, selectors.terms_of(text))
    return [document.title for document in found]


def test_a_word_of_three_letters_or_more_finds_the_words_it_starts_a_shorter_one_only_itself(
    world: World,
) -> None:
    budget = make_budget(world)
    propose(budget, world.member, "Garden tools", "A shed to borrow from.")
    propose(budget, world.member, "Go kart track", "Ga and go are words here.")
    assert titles(world, "gar") == ["Garden tools"]
    assert titles(world, "ga") == ["Go kart track"]  # the word "ga", not every "ga…" word
    assert titles(world, "g") == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 statement is SQLite's")
def test_on_sqlite_each_statement_runs_the_match_once(world: World) -> None:
    """A rank read by a subquery per hit ran the whole match again for every hit (seconds for
    a one-letter prefix over a few thousand documents): the table is joined instead."""
    budget = make_budget(world)
    for n in range(12):
        propose(budget, world.member, f"Garden plan {n}", "Beds and benches.")
    with CaptureQueriesContext(connection) as queries:
        groups = selectors.grouped(world.outsider, ["garden"])
        page = selectors.page_of_kind(world.outsider, ["garden"], "proposal", 1)
    assert [(group.kind, group.count, len(group.hits)) for group in groups] == [("proposal", 12, 5)]
    assert page.paginator.count == 12
    searching = [q["sql"] for q in queries.captured_queries if "search_fts" in q["sql"]]
    assert searching
    assert all(sql.count("MATCH") == 1 for sql in searching), searching


@override_settings(RATELIMIT_SEARCH="3/m")
def test_a_client_gets_so_many_searches_a_minute_then_429(client: Client, world: World) -> None:
    answers = [client.get("/search/", {"q": f"word{n}"}).status_code for n in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.get("/initiatives/").status_code == 200  # other pages are not counted
    other = Client(REMOTE_ADDR="203.0.113.9")  # another client's searches are its own
    assert [other.get("/search/", {"q": "word"}).status_code for _ in range(4)] == [
        200,
        200,
        200,
        429,
    ]
    assert client.get("/search/", {"q": "word"}).status_code == 429
