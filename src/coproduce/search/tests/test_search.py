"""Site-wide search, on SQLite's FTS5 and PostgreSQL's full-text search alike: what is
found, in what order, by whom, and what odd input does."""

from typing import Any

import pytest
from django.core.management import call_command

from conftest import World, add_member, make_initiative, make_user
from coproduce.ideas import services as ideas
from coproduce.initiatives.services import initiative_update
from coproduce.organisations.services import organisation_create
from coproduce.search import selectors
from coproduce.search.models import SearchDocument
from coproduce.search.tests.conftest import make_budget, propose
from coproduce.volunteering.services import opportunity_create

pytestmark = pytest.mark.django_db


def titles(user: Any, text: str, kind: str | None = None) -> list[str]:
    found = selectors.documents_found(user, selectors.terms_of(text))
    if kind:
        found = found.filter(kind=kind)
    return [d.title for d in found]


def test_each_kind_is_found_by_its_words(world: World) -> None:
    budget = make_budget(world)
    propose(budget, world.member, "Floodlit football pitch", "Lights for winter evenings.")
    ideas.idea_post(
        actor=world.member,
        initiative=world.initiative,
        title="Swap shop",
        text="Swap football boots children have outgrown.",
        category="places",
    )
    organisation_create(actor=world.member, name="Football Friends", kind="community_group")
    assert sorted(titles(world.outsider, "football")) == [
        "Floodlit football pitch",
        "Football Friends",
        "Swap shop",
    ]
    assert titles(world.outsider, "football", kind="idea") == ["Swap shop"]
    assert selectors.counts_by_kind(selectors.documents_found(world.outsider, ["football"])) == {
        "proposal": 1,
        "idea": 1,
        "organisation": 1,
    }
    assert titles(world.outsider, "riverside") == ["Riverside repairs"]
    assert titles(world.outsider, "tenants") == ["Other place", "Riverside repairs"]  # summaries


def test_every_word_must_start_a_word_found_and_case_does_not_matter(world: World) -> None:
    budget = make_budget(world)
    propose(budget, world.member, "Community gardens", "Raised beds by the flats.")
    propose(budget, world.member, "Garden tools", "A shed of tools to borrow.")
    assert titles(world.outsider, "GARDEN") == ["Community gardens", "Garden tools"]
    assert titles(world.outsider, "garden tools") == ["Garden tools"]
    assert titles(world.outsider, "arden") == []  # inside a word: not a match
    assert titles(world.outsider, "garden swimming") == []


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text(world: World) -> None:
    budget = make_budget(world)
    propose(budget, world.member, "Benches", "Benches near the playground for carers.")
    propose(budget, world.member, "Playground", "New swings.")
    propose(budget, world.member, "Murals", "Paint the underpass.")
    assert titles(world.outsider, "playground") == ["Playground", "Benches"]


def test_a_private_initiative_and_what_is_in_it_are_found_by_its_members_alone(
    world: World,
) -> None:
    cora, mo = make_user("cora"), make_user("mo")
    hidden = make_initiative(cora, title="Quiet tenants panel")
    add_member(hidden, mo)
    initiative_update(actor=cora, initiative=hidden, visibility="members")
    propose(make_budget(world, hidden), mo, "Secret allotment", "Behind the depot.")
    for person in (world.outsider, world.member, world.coordinator):
        assert titles(person, "allotment") == [], person
        assert titles(person, "quiet panel") == [], person
    from django.contrib.auth.models import AnonymousUser

    assert titles(AnonymousUser(), "allotment") == []
    assert titles(mo, "allotment") == ["Secret allotment"]
    assert titles(cora, "quiet panel") == ["Quiet tenants panel"]
    assert titles(world.staff, "allotment") == ["Secret allotment"]


def test_turning_an_initiative_private_hides_it_from_search_at_once(world: World) -> None:
    propose(make_budget(world), world.member, "Street trees")
    assert titles(world.outsider, "street trees") == ["Street trees"]
    world.initiative.visibility = "members"
    world.initiative.save()  # no re-indexing: visibility is read when searching
    assert titles(world.outsider, "street trees") == []
    assert titles(world.member, "street trees") == ["Street trees"]


def test_a_hidden_idea_is_found_by_no_one_until_it_is_shown_again(world: World) -> None:
    idea = ideas.idea_post(
        actor=world.member,
        initiative=world.initiative,
        title="Rude words",
        text="Something unkind about the caretaker.",
        category="places",
    )
    assert titles(world.outsider, "caretaker") == ["Rude words"]
    ideas.idea_hide(actor=world.coordinator, idea=idea, reason="Unkind to a person.")
    for person in (world.outsider, world.member, world.coordinator, world.staff):
        assert titles(person, "caretaker") == [], person
    assert SearchDocument.objects.get(kind="idea").listed is False
    ideas.idea_unhide(actor=world.coordinator, idea=idea, reason="Reworded.")
    assert titles(world.outsider, "caretaker") == ["Rude words"]


def test_a_hidden_idea_stays_unfound_even_when_the_index_missed_it(world: World) -> None:
    idea = ideas.idea_post(
        actor=world.member,
        initiative=world.initiative,
        title="Rude words",
        text="About the caretaker.",
        category="places",
    )
    type(idea).objects.filter(pk=idea.pk).update(hidden_reason="Unkind.")
    assert titles(world.outsider, "caretaker") == []


def test_an_opportunity_and_a_case_are_found(world: World) -> None:
    from coproduce.initiatives.services import stage_create

    stage = stage_create(actor=world.coordinator, initiative=world.initiative, kind="co_performing")
    opportunity_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=stage,
        title="Litter pick",
        role="Picker",
        description="Clear the riverbank on Saturdays.",
    )
    assert titles(world.outsider, "riverbank") == ["Litter pick"]
    from coproduce.cases.library import CASES
    from coproduce.cases.services import case_add

    case = CASES[0]
    case_add(actor=world.coordinator, case=case)
    found = selectors.documents_found(world.outsider, selectors.terms_of(case["title"]))
    assert (found[0].kind, found[0].title) == ("case", case["title"])


def test_rebuilding_the_index_finds_the_same_as_the_services_kept(world: World) -> None:
    budget = make_budget(world)
    propose(budget, world.member, "Water fountain", "In the park.")
    organisation_create(actor=world.member, name="Park Trust", kind="community_group")
    before = sorted(SearchDocument.objects.values_list("kind", "object_id", "title", "body"))
    SearchDocument.objects.all().delete()
    assert titles(world.outsider, "park") == []
    call_command("search_reindex", stdout=__import__("io").StringIO())
    after = sorted(SearchDocument.objects.values_list("kind", "object_id", "title", "body"))
    assert after == before
    assert sorted(titles(world.outsider, "park")) == ["Park Trust", "Water fountain"]


def test_editing_a_proposal_changes_what_finds_it(world: World) -> None:
    from coproduce.budgeting.services import proposal_edit

    proposal = propose(make_budget(world), world.member, "Bike racks")
    proposal_edit(actor=world.member, proposal=proposal, title="Cycle shelter")
    assert titles(world.outsider, "bike") == []
    assert titles(world.outsider, "cycle") == ["Cycle shelter"]
    assert SearchDocument.objects.filter(kind="proposal").count() == 1


GARDEN = ["Garden tools"]
BOTH_SUMMARIES = ["Other place", "Riverside repairs"]  # "Tenants and staff improve …"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AND", BOTH_SUMMARIES),  # a word like any other
        ("garden AND", []),
        ("OR NOT NEAR", []),
        ('"garden', GARDEN),
        ("title:garden", []),  # no column filter: "title" is a word to find
        ("garden*", GARDEN),
        ("-garden", GARDEN),  # no exclusion
        ("garden -", GARDEN),
        ("^garden", GARDEN),
        ("(garden", GARDEN),
        ("garden)", GARDEN),
        ("NEAR(garden tools)", []),
        ("garden & tools | !x", []),
        ("garden:* <-> tools", GARDEN),
        ("'garden'", GARDEN),
        ("\\", []),
        ("{title body}: garden", []),
        ("garden + tools", GARDEN),
        ("shed", GARDEN),
        ("ŵyr garden", []),
    ],
)
def test_query_syntax_a_person_types_is_words_to_find(
    world: World, text: str, expected: list[str]
) -> None:
    propose(make_budget(world), world.member, "Garden tools", "A shed to borrow from.")
    assert titles(world.outsider, text) == expected


def test_terms_are_letters_and_digits(db: Any) -> None:
    assert selectors.terms_of('Bike-racks "AND" x:1 * _ ŵyr') == [
        "bike",
        "racks",
        "and",
        "x",
        "1",
        "ŵyr",
    ]
    assert selectors.terms_of("a " * 50) == ["a"]
    assert len(selectors.terms_of(" ".join(f"w{i}" for i in range(30)))) == 12


def test_snippets_escape_the_text_and_mark_the_words(db: Any) -> None:
    marked = selectors.highlight('<script>alert("garden")</script> Gardens', ["garden"])
    assert marked == (
        "&lt;script&gt;alert(&quot;<mark>garden</mark>&quot;)&lt;/script&gt; <mark>Gardens</mark>"
    )
    long = "word " * 100 + "the garden party " + "word " * 100
    cut = selectors.excerpt(long, ["garden"])
    assert cut.startswith("…") and cut.endswith("…")
    assert "the garden party" in cut
    assert len(cut) <= selectors.SNIPPET_CHARS + 2
