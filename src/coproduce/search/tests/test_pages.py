"""The search page and the search API: what they show, and what they say to bad input."""

from typing import Any

import pytest

from conftest import World
from coproduce.search import selectors
from coproduce.search.tests.conftest import make_budget, propose

pytestmark = pytest.mark.django_db


def page(client: Any, query: str) -> tuple[int, str]:
    response = client.get(f"/search/{query}")
    return response.status_code, response.content.decode()


def test_the_page_groups_what_is_found_by_kind_with_a_link_to_all_of_a_kind(
    client: Any, world: World
) -> None:
    budget = make_budget(world)
    for n in range(selectors.PER_GROUP + 2):
        propose(budget, world.member, f"Orchard {n}", "Fruit trees by the school.")
    status, text = page(client, "?q=orchard")
    assert status == 200
    assert 'role="search"' in text
    assert text.count("<mark>Orchard</mark>") == selectors.PER_GROUP
    assert 'Budget proposals <span class="count">(7)</span>' in text
    assert "All 7 found in Budget proposals" in text
    assert "/search/?q=orchard&amp;kind=proposal" in text

    status, text = page(client, "?q=orchard&kind=proposal")
    assert status == 200
    assert text.count("<mark>Orchard</mark>") == 7
    assert "Back to everything found" in text


def test_equally_good_hits_come_newest_first_on_both_pages(world: World) -> None:
    """Seven proposals alike but for their number rank equally: the grouped page shows the
    newest five, and the kind page's first five are the same five in the same order."""
    budget = make_budget(world)
    for n in range(selectors.PER_GROUP + 2):
        propose(budget, world.member, f"Orchard {n}", "Fruit trees by the school.")
    (group,) = selectors.grouped(world.outsider, ["orchard"])
    assert (group.kind, group.count) == ("proposal", 7)
    newest = ["Orchard 6", "Orchard 5", "Orchard 4", "Orchard 3", "Orchard 2"]
    assert [hit.title for hit in group.hits] == newest
    kind_page = selectors.page_of_kind(world.outsider, ["orchard"], "proposal", 1)
    assert [document.title for document in kind_page.object_list] == [
        *newest,
        "Orchard 1",
        "Orchard 0",
    ]


def test_the_kind_page_is_paginated(client: Any, world: World) -> None:
    budget = make_budget(world)
    for n in range(selectors.PER_PAGE + 1):
        propose(budget, world.member, f"Orchard {n:02}")
    _, first = page(client, "?q=orchard&kind=proposal")
    assert first.count("<mark>Orchard</mark>") == selectors.PER_PAGE
    assert "Page 1 of 2" in first
    _, second = page(client, "?q=orchard&kind=proposal&page=2")
    assert second.count("<mark>Orchard</mark>") == 1
    _, beyond = page(client, "?q=orchard&kind=proposal&page=99")
    assert "Page 2 of 2" in beyond


def test_what_was_written_and_what_was_typed_are_escaped(client: Any, world: World) -> None:
    propose(
        make_budget(world),
        world.member,
        '<img src=x onerror="alert(1)"> Orchard',
        "<script>alert('orchard')</script>",
    )
    status, text = page(client, "?q=orchard")
    assert status == 200
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>Orchard</mark>" in text
    assert "&lt;script&gt;alert(&#x27;<mark>orchard</mark>&#x27;)&lt;/script&gt;" in text
    status, text = page(client, "?q=orchard+%3Cscript%3Ealert(2)%3C/script%3E")
    assert status == 200
    assert "<script>alert(2)" not in text
    assert 'value="orchard &lt;script&gt;alert(2)&lt;/script&gt;"' in text  # the box keeps it
    assert "“orchard &lt;script&gt;alert(2)&lt;/script&gt;”" in text  # nothing found


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?q=", "Type a word or two to search for."),
        ("?q=+++", "Type a word or two to search for."),
        ("?q=%22*%3A-", "Type a word with letters or numbers to search for."),
        ("?q=" + "a" * 201, "Search for at most 200 characters (you typed 201)."),
        ("?q=orchard&kind=people", "Choose initiatives, proposals, ideas, opportunities"),
        ("?q=a%00b", "Null characters are not allowed."),
    ],
)
def test_bad_input_gets_a_message_saying_what_to_do(
    client: Any, db: Any, query: str, message: str
) -> None:
    status, text = page(client, query)
    assert status == 200
    assert "There is a problem" in text
    assert message in text


def test_without_a_query_the_page_is_the_empty_form(client: Any, db: Any) -> None:
    status, text = page(client, "")
    assert status == 200
    assert "There is a problem" not in text
    assert 'id="id_q"' in text


def test_nothing_found_says_so(client: Any, world: World) -> None:
    _, text = page(client, "?q=zebra")
    assert "Nothing you can see matches “zebra”. Try fewer or shorter words." in text


def test_the_api_answers_counts_and_a_page_of_plain_hits(api: Any, world: World) -> None:
    budget = make_budget(world)
    propose(budget, world.member, "Orchard walk", "Apples <b>and</b> pears.")
    propose(budget, world.member, "Pear press", "For the orchard's apples.")
    response = api.get("/api/v1/search/", {"q": "orchard"})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "orchard"
    assert body["counts"] == {"proposal": 2}
    assert body["page"] == 1 and body["pages"] == 1
    first, second = body["results"]
    assert first == {
        "kind": "proposal",
        "title": "Orchard walk",
        "snippet": "Apples <b>and</b> pears.",  # plain text: the client escapes it
        "url": f"/pb/proposals/{first['url'].split('/')[-2]}/",
    }
    assert second["title"] == "Pear press"
    assert api.get("/api/v1/search/", {"q": "pear", "kind": "idea"}).json()["results"] == []


def test_the_api_refuses_bad_input_with_what_to_fix(api: Any, db: Any) -> None:
    response = api.get("/api/v1/search/")
    assert response.status_code == 400
    assert response.json() == {"q": ["Type a word or two to search for."]}
    response = api.get("/api/v1/search/", {"q": "orchard", "kind": "x"})
    assert response.status_code == 400
    assert list(response.json()) == ["kind"]


def test_the_api_is_in_the_schema(client: Any, db: Any) -> None:
    schema = client.get("/api/v1/openapi.json").content.decode()
    assert "/api/v1/search/" in schema
