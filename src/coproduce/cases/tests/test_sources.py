"""Honest data: every case cites the lines of the source texts its facts come from.

The checks against the texts run where they are (``conftest.SEEDS``, the shared folder
beside the checkout) and are skipped with a message where they are not.
"""

import importlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import Client

from conftest import SEEDS, make_user, needs_seeds
from coproduce.cases.library import CASES, DOCUMENTS, SEED_002, cite
from coproduce.cases.models import CaseStudy, validate_sources
from coproduce.cases.services import CASE_FIELDS, case_add
from coproduce.cases.views import sources_panel
from coproduce.initiatives.models import Initiative

MIGRATION = importlib.import_module("coproduce.cases.migrations.0003_cases_cite_their_sources")

# The fields that state facts of a case. Left out: ``source`` (a bibliographic label, whose
# years are those of the publications, checked by DOCUMENTS), ``platform_reading`` (what
# the platform adds, by definition not in the texts), and the slug.
FACT_FIELDS = (
    "title",
    "summary",
    "locality",
    "country",
    "policy_phase",
    "participants",
    "motivation",
    "leadership_note",
    "typology",
)
WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "fifty": "50",
    "sixty": "60",
}
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\b(?:" + "|".join(WORDS) + r")\b", re.IGNORECASE)


def numbers(text: str) -> set[str]:
    """The numbers in a text, written in figures or words: "5,000" and "5000" alike."""
    found = set()
    for match in NUMBER.findall(text):
        found.add(WORDS.get(match.lower(), match.replace(",", "")))
    return found


def stated_numbers(case: dict[str, Any]) -> set[str]:
    texts = [str(case.get(field, "")) for field in FACT_FIELDS]
    texts += [f"{figure['label']} {figure['value']}" for figure in case.get("figures", [])]
    texts.append(str(case.get("started") or ""))
    return set().union(*(numbers(text) for text in texts))


def cited_text(case: dict[str, Any]) -> str:
    parts = []
    for source in case["sources"]:
        first, last = source["lines"]
        lines = (SEEDS / source["file"]).read_text(encoding="utf-8").splitlines()
        parts.append("\n".join(lines[first - 1 : last]))
    return "\n".join(parts)


def test_numbers_are_read_in_figures_and_words() -> None:
    assert numbers("5,000 members, up to 570, £2.5m; four groups (2013–2023)") == {
        "5000",
        "570",
        "2.5",
        "4",
        "2013",
        "2023",
    }


def test_every_case_cites_at_least_one_source_a_reader_can_find() -> None:
    for case in CASES:
        validate_sources(case["sources"])  # raises for none, or one with its lines reversed
        for source in case["sources"]:
            assert source["document"] == DOCUMENTS[source["file"]], case["slug"]
    assert len(CASES) == 34


def test_a_source_without_file_or_with_lines_reversed_is_refused() -> None:
    good = cite(SEED_002, 718, 763)
    for sources, message in [
        ([], "A case cites at least one source."),
        ([{**good, "lines": [763, 718]}], "Not a source a reader can find"),
        ([{**good, "file": "seeds/002.txt"}], "Not a source a reader can find"),
        ([{**good, "lines": [0, 3]}], "Not a source a reader can find"),
        ([{"file": good["file"], "lines": [1, 2]}], "Each source is"),
    ]:
        with pytest.raises(ValidationError) as refused:
            validate_sources(sources)
        assert refused.value.messages[0].startswith(message)


@needs_seeds
def test_every_cited_range_lies_within_its_file_and_starts_and_ends_on_text() -> None:
    for case in CASES:
        for source in case["sources"]:
            lines = (SEEDS / source["file"]).read_text(encoding="utf-8").splitlines()
            first, last = source["lines"]
            assert 1 <= first <= last <= len(lines), (case["slug"], source)
            assert lines[first - 1].strip() and lines[last - 1].strip(), (case["slug"], source)


@needs_seeds
def test_every_number_of_a_case_appears_in_the_lines_its_sources_cite() -> None:
    """Figures, the started year and every number in the case's text: a number the cited
    lines do not give (Beacon "started 1997" did) fails here."""
    missing = {
        case["slug"]: sorted(stated_numbers(case) - numbers(cited_text(case))) for case in CASES
    }
    assert {slug: found for slug, found in missing.items() if found} == {}
    beacon = next(c for c in CASES if c["slug"] == "beacon-community-regeneration-partnership")
    assert "1997" not in numbers(cited_text(beacon))


@needs_seeds
def test_the_publications_are_named_as_their_files_name_them() -> None:
    def line(file: str, number: int) -> str:
        text = (SEEDS / file).read_text(encoding="utf-8").splitlines()[number - 1]
        return " ".join(text.split())  # the texts have no-break spaces

    assert "Who is in charge?" in line("000_01427ae601c62aae.txt", 1)
    assert "Bussu, Sonia and Tullia Galanti, Maria (2018)" in line("001_95c2a822735e811c.txt", 5)
    assert "Beyond engagement and participation" in line(SEED_002, 46)
    assert "Bovaird, T. (2007). Beyond engagement" in line("001_95c2a822735e811c.txt", 344)
    assert line("003_c4d09ba079e6f375.txt", 214) == "Wikimedia Foundation. 2010."
    assert line("004_10aa589e426f6590.txt", 3) == "Tony Bovaird and Elke Loeffler"


def test_facts_no_source_supports_are_gone_or_marked_as_the_platforms_reading() -> None:
    by_slug = {case["slug"]: case for case in CASES}
    assert "started" not in by_slug["beacon-community-regeneration-partnership"]
    assert by_slug["caterham-barracks-community-trust"]["locality"] == "Caterham"
    assert by_slug["ilfracombe-community-budget"]["locality"] == "Ilfracombe"
    assert (
        "a proposal that citizens help manage" in by_slug["ilfracombe-community-budget"]["summary"]
    )
    childcare = by_slug["complementary-childcare-coproduction"]
    assert (childcare.get("typology", ""), childcare["coproduction_type"]) == ("", "complementary")
    assert by_slug["family-nurse-partnerships"]["country"] == "Not stated"
    assert by_slug["neighbourhood-renewal-birmingham"]["country"] == "United Kingdom"
    assert by_slug["porto-alegre-participatory-budgeting"]["platform_reading"] == (
        "Leadership style: the platform's reading; the source names no style."
    )


def test_the_api_gives_a_case_its_sources(client: Client, db) -> None:
    shop = next(case for case in CASES if case["slug"] == "tackley-village-shop")
    case_add(actor=make_user("curator"), case=shop)
    body = client.get("/api/v1/cases/tackley-village-shop/").json()
    document = (
        "Bovaird (2007), Beyond engagement and participation: user and community "
        "co-production of public services"
    )
    assert body["sources"] == [
        {"document": document, "file": "002_1b22680238e5952d.txt", "lines": [718, 763]},
        {"document": document, "file": "002_1b22680238e5952d.txt", "lines": [450, 451]},
    ]
    assert list(body) == [
        "slug",
        "title",
        "summary",
        "service_area",
        "locality",
        "country",
        "stages",
        "case",
        "sources",
    ]
    assert sorted(body["case"]) == sorted(f for f in CASE_FIELDS if f != "sources")
    assert (body["case"]["coproduction_type"], body["case"]["started"]) == ("", None)
    listed = client.get("/api/v1/cases/").json()["results"]
    assert [case["sources"][0]["lines"] for case in listed] == [[718, 763]]


def test_the_library_page_and_the_case_panel_cite_the_lines(client: Client, db) -> None:
    childcare = next(c for c in CASES if c["slug"] == "complementary-childcare-coproduction")
    initiative = case_add(actor=make_user("curator"), case=childcare)
    page = client.get("/cases/").content.decode()
    assert "<code>000_01427ae601c62aae.txt</code> lines 427–480" in page
    context = sources_panel(None, Initiative.objects.get(pk=initiative.pk))  # type: ignore[arg-type]
    assert context == {"case": CaseStudy.objects.get(initiative=initiative)}
    # the initiative page includes a panel with its context as ``panel``, in each place
    panel = render_to_string("cases/panel.html", {"panel": context, "place": "intro"})
    assert render_to_string("cases/panel.html", {"panel": context, "place": "actions"}) == "\n"
    assert "Brandsen &amp; Honingh type: Complementary co-production" in panel
    assert "<code>000_01427ae601c62aae.txt</code>, lines 427–480" in panel
    other = Initiative.objects.create(
        slug="not-a-case", title="Not a case", summary="-", service_area="health"
    )
    assert sources_panel(None, other) is None  # type: ignore[arg-type]


def test_the_migration_brings_existing_cases_to_the_library(db) -> None:
    """A database loaded before the cases cited their sources gets the corrected facts."""
    curator = make_user("curator")
    by_slug = {case["slug"]: case for case in CASES}
    old_renewal = {**by_slug["neighbourhood-renewal-birmingham"]}
    old_renewal |= {"slug": "neighbourhood-renewal-netherlands-birmingham", "country": "X"}
    for case in [by_slug["caterham-barracks-community-trust"], old_renewal]:
        case_add(actor=curator, case=case)
    CaseStudy.objects.update(sources=[], platform_reading="", started=1997)
    Initiative.objects.filter(slug="caterham-barracks-community-trust").update(
        locality="Caterham, Surrey"
    )
    MIGRATION.cite_sources(apps, None)
    trust = CaseStudy.objects.get(initiative__slug="caterham-barracks-community-trust")
    assert (trust.initiative.locality, trust.started) == ("Caterham", 1999)
    assert trust.sources == by_slug["caterham-barracks-community-trust"]["sources"]
    renewal = CaseStudy.objects.get(initiative__slug="neighbourhood-renewal-birmingham")
    assert (renewal.initiative.country, renewal.started) == ("United Kingdom", None)
    assert CaseStudy.objects.count() == 2


def test_the_newest_data_migration_holds_the_library_as_it_is() -> None:
    """Change the library, and existing databases need a data migration with the new
    snapshot (a JSON file beside it, read by the migration of the same name)."""
    snapshots = sorted(Path(str(MIGRATION.__file__)).parent.glob("0*.json"))
    rows = json.loads(snapshots[-1].read_text(encoding="utf-8"))
    defaults: dict[str, Any] = {"figures": [], "started": None, "leadership_style": "not_recorded"}
    assert [row["slug"] for row in rows] == [case["slug"] for case in CASES]
    for row, case in zip(rows, CASES, strict=True):
        assert row["case"] == {f: case.get(f, defaults.get(f, "")) for f in row["case"]}
        assert set(row["case"]) == set(CASE_FIELDS)
        expected = {f: case.get(f, "") for f in ("title", "summary", "locality")}
        assert row["initiative"] == expected | {"country": case.get("country", "")}
