"""The diagnostics pages against the hand record (conftest.py): every figure as the page
shows it, its definition and its entries; the period refused on its field; nothing for
those who may not see the initiative; the portfolio's filters, order, pages and CSV."""

import csv
import io
import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import World, add_member, make_user
from coproduce.cases import library
from coproduce.cases.models import CaseStudy
from coproduce.core.vocabulary import Role, ServiceArea, Side, StageKind, WhoDoesIt
from coproduce.diagnostics import presenters
from coproduce.diagnostics.definitions import definitions
from coproduce.diagnostics.selectors import diagnostics
from coproduce.diagnostics.tests.conftest import day
from coproduce.equality import services as equality
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Initiative, Visibility
from coproduce.selfassessment import services as self_assessment

SOURCES = [{"document": "Bovaird 2007", "file": "002_1b22680238e5952d.txt", "lines": [181, 262]}]


class Page(HTMLParser):
    """A page's tables (by caption) and its figures (``dt``: ``dd``), as text a reader
    sees: without the hidden words for screen readers and without the links to a figure's
    definition and entries."""

    SKIPPED = ("visually-hidden", "definition", "evidence")

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.figures: dict[str, str] = {}
        self._skip = 0
        self._stack: list[tuple[str, bool]] = []
        self._text: list[str] | None = None
        self._caption = ""
        self._rows: list[list[str]] = []
        self._row: list[str] = []
        self._term = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        skipped = tag in ("span", "a") and any(name in classes for name in self.SKIPPED)
        if tag in ("br", "input", "rect", "img"):
            return
        self._stack.append((tag, skipped))
        self._skip += skipped
        if tag in ("caption", "th", "td", "dt", "dd"):
            self._text = []
        elif tag == "table":
            self._rows, self._caption = [], ""
        elif tag == "tr":
            self._row = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "input", "rect", "img") or not self._stack:
            return
        _tag, skipped = self._stack.pop()
        self._skip -= skipped
        text = " ".join(" ".join(self._text or []).split())
        if tag == "caption":
            self._caption = text
        elif tag in ("th", "td"):
            self._row.append(text)
        elif tag == "tr":
            self._rows.append(self._row)
        elif tag == "table":
            self.tables[self._caption] = self._rows
        elif tag == "dt":
            self._term = text
        elif tag == "dd":
            self.figures[self._term] = text

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._skip:
            self._text.append(data)


def page_url(world: World, part: str = "") -> str:
    return f"/initiatives/{world.initiative.slug}/diagnostics/{part}"


def read(client: Client, url: str, **params: str) -> Page:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return Page(response.content.decode())


def test_the_page_shows_every_figure_of_the_hand_record(
    client: Client, world: World, hand: Any
) -> None:
    CaseStudy.objects.create(
        initiative=world.other,
        source="Bovaird 2007",
        typology="User/community delivery of co-planned or co-designed services",
        sources=SOURCES,
    )
    page = read(client, page_url(world))
    assert page.tables["Minutes by side on each axis"] == [
        [
            "Axis",
            "Citizens",
            "Professionals",
            "Politicians",
            "Community share",
            "Observed",
            "Declared",
            "Counts as",
        ],
        [
            "Planning and design",
            "3 h",
            "6 h",
            "–",
            "33.3%",
            "Professionals and citizens jointly",
            "Not declared",
            "Professionals and citizens jointly",
        ],
        [
            "Delivery",
            "16 h 40 min",
            "50 min",
            "30 min",
            "95.2%",
            "Citizens alone",
            "Not declared",
            "Citizens alone",
        ],
        ["Assessment", "–", "–", "–", "no data", "No data", "Not declared", "No data"],
    ]
    assert page.tables["Who plans and who delivers: this initiative and the documented cases"] == [
        [
            "Who delivers, by who plans",
            "Professionals plan alone",
            "Professionals and citizens plan jointly",
            "Citizens plan alone",
        ],
        [
            "Professionals deliver alone",
            "Traditional professional provision",
            "Professional provision with users and communities in planning",
            "Not applicable",
        ],
        [
            "Professionals and citizens deliver jointly",
            "User co-delivery of professionally designed services",
            "Full user and professional co-production",
            "Community co-delivery with little formal planning",
        ],
        [
            "Citizens deliver alone",
            "Community delivery of professionally planned services",
            "Community delivery of co-planned services This initiative Other place",
            "Self-organised community provision",
        ],
    ]
    assert page.tables["Decisions by side"] == [
        ["Side", "Share started", "Share taken", "Exclusions"],
        ["Citizens", "25%", "12.5%", "0"],
        ["Professionals", "50%", "50%", "1"],
        ["Politicians", "25%", "12.5%", "0"],
        ["Jointly, across sides", "not applicable", "25%", "0"],
    ]
    assert page.tables["What each side puts in"] == [
        [
            "Side",
            "Time",
            "Of it paid",
            "Money",
            "In kind",
            "Time valued, low",
            "Time valued, high",
        ],
        ["Citizens", "19 h 40 min", "–", "£80.00", "£15.00", "£236.00", "£295.00"],
        ["Professionals", "6 h 50 min", "6 h 50 min", "£200.00", "–", "£82.00", "£102.50"],
        ["Politicians", "30 min", "–", "–", "–", "£6.00", "£7.50"],
    ]
    assert page.tables["Money by kind of body"] == [
        ["Given by", "Money"],
        ["Public agency", "–"],
        ["Third-sector body", "–"],
        ["Community group", "£30.00"],
        ["Business", "–"],
        ["Funder", "£200.00"],
        ["People giving on their own account", "£50.00"],
    ]
    assert page.figures == {
        "Planning and delivery": "Community delivery of co-planned services",
        "Leadership mode": "Co-production in implementation",
        "Citizen voice in decisions": "25% of 8 decisions",
        "Decisions": "8",
        "Citizen voice": "25%",
        "Concentration of initiative": "0.2653",
        "People giving time": "6",
        "Time given": "27 h",
        "Inequality of load (Gini)": "0.4733",
        "Share of the busiest tenth": "44.4%",
        "Over the weekly cap of 5 h 50 min": "1 person",
        "Citizens' share of the money": "28.6%",
        "Goals": "3",
        "Goals both sides shaped": "66.7%",
        "Goals agreed by both sides": "33.3%",
        "People taking part with a profile": "<5",
        "Mean gap between the sides": "no data",
        "Largest gap": "no data",
    }
    # the March quarter; the two approvals of sides were decided today
    assert page.tables["Shares by quarter"][:2] == [
        [
            "Quarter",
            "Community share of planning",
            "Community share of delivery",
            "Decisions",
            "Citizen voice",
        ],
        ["2026 Q1", "33.3%", "95.2%", "6", "33.3%"],
    ]


def rate(world: World, hand: dict[str, Any]) -> None:
    """The self-assessment: three citizens and three professionals rate the first statement
    (means 4 and 2), a councillor too (one rating: not shown); two citizens rate the second
    and a third does not know."""
    hand["pro2"] = make_user("pro2")
    add_member(world.initiative, hand["pro2"], Side.REGULAR_PRODUCER, Role.FRONTLINE_PROFESSIONAL)
    first = {"cit1": 4, "cit2": 5, "cit3": 3, "pro": 2, "coord": 3, "pro2": 1, "cllr": 4}
    second: dict[str, int | None] = {"cit1": 3, "cit2": 3, "cit3": None}
    for who, rating in first.items():
        ratings: dict[str, int | None] = {"people_as_assets": rating}
        if who in second:
            ratings["build_on_capabilities"] = second[who]
        self_assessment.self_assessment_answer(
            actor=hand[who], initiative=world.initiative, ratings=ratings
        )


def test_the_self_assessment_stands_beside_the_figures(
    client: Client, world: World, hand: Any
) -> None:
    rate(world, hand)
    page = read(client, page_url(world))
    assert page.figures["Mean gap between the sides"] == "2.00"
    assert page.figures["Largest gap"] == "People as assets"
    ratings = page.tables["Ratings by side"]
    assert ratings[:4] == [
        [
            "Statement",
            "Citizens' mean",
            "Professionals' mean",
            "Politicians' mean",
            "Gap, citizens less professionals",
        ],
        ["The six principles (nef/NESTA)"],
        [
            "People as assets",
            "4.00 (3 ratings)",
            "2.00 (3 ratings)",
            "fewer than 3 answered",  # the one councillor: not even whether they rated
            "+2.00",
        ],
        [
            "Building on what people can do",
            "fewer than 3 ratings",  # three citizens answered, two rated
            "fewer than 3 answered",
            "fewer than 3 answered",
            "no data",
        ],
    ]
    assert len(ratings) == 1 + 2 + 10  # a row for each group and each statement


def test_inclusion_shows_counts_of_five_or_more_beside_the_locality(
    client: Client, world: World, hand: Any
) -> None:
    for who in ("cit1", "cit2", "cit3", "pro", "coord", "cllr"):
        equality.equality_profile_save(
            actor=hand[who], consent=True, disability="yes" if who == "cllr" else "no"
        )
    equality.equality_baseline_save(
        actor=world.coordinator,
        initiative=world.initiative,
        characteristic="disability",
        shares={"yes": "20", "no": "80"},
        source="Census 2021, Riverside ward",
        year=2021,
    )
    page = read(client, page_url(world))
    assert page.figures["People taking part with a profile"] == "6"
    # every stage but all of them together has fewer than 5 people, or 5 whose answers
    # would each be under 5: all hidden
    assert page.tables[
        "Disability: who takes part, beside the locality (Census 2021, Riverside ward, 2021)"
    ] == [
        ["Answer", "Locality", "All stages", "Co-financing", "Co-design", "Co-performing"],
        ["Yes", "20%", "<5", "<5", "<5", "<5"],
        ["No", "80%", "5 (83.3%)", "<5", "<5", "<5"],
        ["Prefer not to say", "—", "<5", "<5", "<5", "<5"],
        ["People", "", "6", "<5", "<5", "5"],
        ["Representativeness", "", "1.00", "no data", "no data", "no data"],
    ]
    assert "Age: who takes part (no baseline for the locality yet)" in page.tables
    # nothing under 5 leaves in the downloads either
    rows = list(csv.reader(io.StringIO(client.get(page_url(world, "report.csv")).text)))
    counts = [value for _, key, value in rows[1:] if key.endswith((".count", ".people"))]
    assert counts
    assert all(value == "<5" or int(value) >= 5 for value in counts)


def test_an_empty_record_reads_as_nothing_recorded_yet(client: Client, world: World) -> None:
    response = client.get(f"/initiatives/{world.other.slug}/diagnostics/")
    html = response.content.decode()
    page = Page(html)
    assert page.figures["Planning and delivery"] == "No data"
    assert page.figures["Citizen voice in decisions"] == "No decisions recorded"
    assert "No minutes, money or decisions are recorded yet" in html
    assert '<figure class="chart">' not in html  # no chart of nothing
    assert "No minutes or decisions in this period." in html


def test_a_declaration_is_shown_beside_what_the_minutes_show(
    client: Client, world: World, hand: Any
) -> None:
    initiatives.stage_declare(
        actor=world.coordinator,
        stage=world.initiative.stages.get(kind=StageKind.CO_PERFORMING),
        delivery=WhoDoesIt.JOINT,
        evidence="Staff run every session with the volunteers.",
        declared_on=day(12),
    )
    page = read(client, page_url(world))
    assert page.tables["Minutes by side on each axis"][2] == [
        "Delivery",
        "16 h 40 min",
        "50 min",
        "30 min",
        "95.2%",
        "Citizens alone",
        "Professionals and citizens jointly Declared on 12 March 2026 for Co-performing: "
        "Staff run every session with the volunteers.",
        "Professionals and citizens jointly",
    ]
    assert page.figures["Planning and delivery"] == "Full user and professional co-production"
    declared = client.get(page_url(world)).context["evidence"].declarations()
    listed = client.get(declared).context["decisions"]
    assert [d.kind for d in listed] == ["declaration"]


def test_a_figures_entries_are_those_it_was_computed_from(
    client: Client, world: World, hand: Any
) -> None:
    response = client.get(page_url(world), {"from": "2026-03-01", "to": "2026-03-31"})
    context = response.context
    planning = context["axes"][0]
    assert planning.axis == "planning"
    listed = client.get(planning.minutes_urls["citizen"])
    assert listed.status_code == 200
    entries = list(listed.context["contributions"])
    # cit1 120 and cit2 60 in co-design: the 180 citizens' minutes of planning; cit4's
    # reversed 500 and its reversal are left out, as the figure leaves them out
    assert sorted(c.quantity for c in entries) == [60, 120]
    assert sum(c.quantity for c in entries) == 180
    decided = {row.body: row for row in context["power_rows"]}
    listed = client.get(decided["professionals"].decided_url)
    titles = [d.title for d in listed.context["decisions"]]
    # decided by professionals in March (the approvals of sides were decided today)
    assert sorted(titles) == ["Decided by professionals", "Decided by professionals"]
    listed = client.get(decided["professionals"].exclusions_url)
    assert [d.kind for d in listed.context["decisions"]] == ["exclusion"]


def test_every_definition_link_lands_on_its_definition(
    client: Client, world: World, hand: Any
) -> None:
    html = client.get(page_url(world)).content.decode()
    linked = set(re.findall(r'href="#(def-[a-z-]+)"', html))
    shown = set(re.findall(r'id="(def-[a-z-]+)"', html))
    assert linked
    assert linked <= shown
    assert {presenters.anchor(key) for key in presenters.PAGE_DEFINITIONS} == shown


def test_every_definition_the_pages_show_is_written() -> None:
    assert [d.key for d in presenters.shown_definitions() if d.missing] == []
    written = definitions()
    assert all(presenters.anchor(key) == written[key].anchor for key in written)


def test_a_period_reads_only_its_days(client: Client, world: World, hand: Any) -> None:
    page = read(client, page_url(world), **{"from": "2026-03-04", "to": "2026-03-08"})
    assert page.tables["Minutes by side on each axis"][1][:5] == [
        "Planning and design",
        "1 h",
        "–",
        "–",
        "100%",
    ]
    assert page.figures["Decisions"] == "0"


@pytest.mark.parametrize("part", ["", "report/", "report.csv"])
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"from": "2026-13-01"}, "from", "Give a day as YYYY-MM-DD, e.g. 2026-04-01."),
        ({"to": "tomorrow"}, "to", "Give a day as YYYY-MM-DD, e.g. 2026-04-01."),
        (
            {"from": "2026-03-08", "to": "2026-03-01"},
            "to",
            "The period must end on or after the day it starts.",
        ),
    ],
)
def test_a_bad_period_is_shown_on_its_field(
    client: Client, world: World, part: str, params: dict[str, str], field: str, message: str
) -> None:
    response = client.get(page_url(world, part), params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors == {field: [message]}
    assert f'<a href="#id_{field}">' in response.content.decode()


def test_a_bad_period_in_the_json_download_is_a_400_naming_it(client: Client, world: World) -> None:
    response = client.get(page_url(world, "report.json"), {"from": "2026-02-30"})
    assert response.status_code == 400
    assert response.json() == {"from": ["Give a day as YYYY-MM-DD, e.g. 2026-04-01."]}


def test_the_report_prints_every_figure_with_its_definitions(
    client: Client, world: World, hand: Any
) -> None:
    response = client.get(page_url(world, "report/"), {"to": "2026-03-31"})
    html = response.content.decode()
    page = Page(html)
    assert page.figures["Decisions"] == "6"  # the two approvals of today are after the 31st
    assert "Entries from the first to 31 March 2026" in html
    assert 'id="definitions-heading"' in html
    assert "diagnostics/diagnostics.css" in html  # its print rules hide the navigation
    assert "<form" not in html.split('<main id="main"', 1)[1]


def test_the_downloads_are_the_contract_and_its_rows(
    client: Client, world: World, hand: Any
) -> None:
    response = client.get(page_url(world, "report.json"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="diagnostics-riverside-repairs.json"'
    )
    answer = json.loads(json.dumps(diagnostics(world.initiative)))
    assert response.json() == answer
    response = client.get(page_url(world, "report.csv"), {"from": "2026-03-01"})
    assert response["Content-Disposition"] == (
        'attachment; filename="diagnostics-riverside-repairs-2026-03-01.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "key", "value"]
    assert len(rows) == 1 + len(list(presenters.flat(answer, "")))
    by_key = {key: (section, value) for section, key, value in rows[1:]}
    assert by_key["typology.planning.citizen_minutes"] == ("typology", "180")
    assert by_key["typology.bovaird_cell"] == ("typology", "community_delivery_of_coplanned")
    assert by_key["power.decided_share.joint"] == ("power", "0.25")
    assert by_key["burden.gini"] == ("burden", "0.4733")
    assert by_key["value.by_side.citizen.value_high_pence"] == ("value", "29500")
    assert by_key["typology.assessment.community_share"] == ("typology", "")
    assert by_key["period.from"] == ("period", "2026-03-01")


def test_csv_cells_that_would_be_formulas_are_text(client: Client, world: World, hand: Any) -> None:
    initiatives.initiative_update(
        actor=world.coordinator, initiative=world.initiative, title="=HYPERLINK(1)"
    )
    response = client.get(page_url(world, "report.csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["initiative", "initiative.title", "'=HYPERLINK(1)"] in rows
    response = client.get("/diagnostics/portfolio.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][:2] == ["riverside-repairs", "'=HYPERLINK(1)"]


ROUTES = ["", "report/", "report.json", "report.csv"]


def test_a_members_only_initiative_is_not_found_for_outsiders(
    client: Client, world: World, hand: Any
) -> None:
    initiatives.initiative_update(
        actor=world.coordinator, initiative=world.initiative, visibility=Visibility.MEMBERS
    )
    for who in (None, world.outsider, world.other_coordinator):
        if who is not None:
            client.force_login(who)
        for part in ROUTES:
            assert client.get(page_url(world, part)).status_code == 404, (who, part)
        titles = [row.title for row in client.get("/diagnostics/").context["rows"]]
        assert titles == ["Other place"]
        portfolio_csv = client.get("/diagnostics/portfolio.csv").content.decode()
        assert "riverside" not in portfolio_csv
    client.force_login(world.member)
    for part in ROUTES:
        assert client.get(page_url(world, part)).status_code == 200, part
    titles = [row.title for row in client.get("/diagnostics/").context["rows"]]
    assert titles == ["Other place", "Riverside repairs"]


def test_the_initiative_page_has_a_panel_and_the_site_a_link(
    client: Client, world: World, hand: Any
) -> None:
    page = read(client, f"/initiatives/{world.initiative.slug}/")
    assert page.figures["Planning and delivery"] == "Community delivery of co-planned services"
    assert page.figures["Leadership mode"] == "Co-production in implementation"
    assert page.figures["Citizen voice in decisions"] == "25% of 8 decisions"
    html = client.get(f"/initiatives/{world.initiative.slug}/").content.decode()
    assert f'href="{page_url(world)}"' in html
    assert '<a href="/diagnostics/">Diagnostics</a>' in client.get("/").content.decode()


def test_coordinators_see_where_to_change_what_is_read(client: Client, world: World) -> None:
    client.force_login(world.member)
    response = client.get(page_url(world))
    assert response.context["manage"] is None
    assert "/diagnostics/settings/" not in response.content.decode()
    client.force_login(world.coordinator)
    response = client.get(page_url(world))
    html = response.content.decode()
    assert response.context["manage"] == {
        "settings": f"/initiatives/{world.initiative.slug}/diagnostics/settings/",
        "stages": [
            ("Co-design", f"/initiatives/{world.initiative.slug}/stages/{world.stage.pk}/declare/")
        ],
    }
    assert f'href="/initiatives/{world.initiative.slug}/diagnostics/settings/"' in html
    assert f'href="/initiatives/{world.initiative.slug}/stages/{world.stage.pk}/declare/"' in html


def test_the_case_library_names_a_cell_for_every_case() -> None:
    named = {case["typology"] for case in library.CASES if case.get("typology")}
    assert named
    assert {
        text: presenters.case_cell(text) for text in named if not presenters.case_cell(text)
    } == {}
    assert set(presenters.CASE_CELLS.values()) == set(presenters.CELL_LABELS)
    assert presenters.case_cell("(Not applicable)") == "not_applicable"


# --- the portfolio --------------------------------------------------------------------


def titles_of(client: Client, **params: str) -> list[str]:
    response = client.get("/diagnostics/", params)
    assert response.status_code == 200, response.content[:500]
    return [row.title for row in response.context["rows"]]


def test_the_portfolio_shows_a_row_per_initiative(client: Client, world: World, hand: Any) -> None:
    page = read(client, "/diagnostics/")
    table = page.tables["Initiatives and their diagnostics"]
    assert table[0][:4] == ["Initiative", "Service area", "Locality", "Planning and delivery cell"]
    assert table[1:] == [
        [
            *["Other place", "Housing", "", "no data", "No data", "no data", "No data"],
            *["no data", "0", "no data", "No data", "0", "no data", "0", "–", "–", "–", "–"],
            "no data",
        ],
        [
            "Riverside repairs",
            "Housing",
            "",
            "Community delivery of co-planned services",
            "Professionals and citizens jointly",
            "33.3%",
            "Citizens alone",
            "95.2%",
            "8",
            "25%",
            "Co-production in implementation",
            "6",
            "0.4733",
            "1",
            "19 h 40 min",
            "£236.00",
            "£295.00",
            "£280.00",
            "28.6%",
        ],
    ]


def test_the_portfolio_sorts_by_any_column(client: Client, world: World, hand: Any) -> None:
    assert titles_of(client) == ["Other place", "Riverside repairs"]
    assert titles_of(client, sort="-citizen_minutes") == ["Riverside repairs", "Other place"]
    assert titles_of(client, sort="citizen_minutes") == ["Other place", "Riverside repairs"]
    # rows without a value come last either way
    assert titles_of(client, sort="burden_gini") == ["Riverside repairs", "Other place"]
    assert titles_of(client, sort="-burden_gini") == ["Riverside repairs", "Other place"]
    response = client.get("/diagnostics/", {"sort": "-citizen_minutes", "stage": "co_design"})
    html = response.content.decode()
    header = re.search(r'<th scope="col" aria-sort="descending"><a href="([^"]+)">([^<]+)<', html)
    assert header is not None
    assert header[2] == "Citizens&#x27; time"
    assert header[1] == "?stage=co_design&amp;sort=citizen_minutes"
    assert html.count("aria-sort=") == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"sort": "password"}, "sort"),
        ({"sort": "--title"}, "sort"),
        ({"service_area": "space"}, "service_area"),
        ({"stage": "co_nothing"}, "stage"),
        ({"scope": "everything"}, "scope"),
        ({"from": "yesterday"}, "from"),
    ],
)
def test_the_portfolio_refuses_what_it_does_not_know(
    client: Client, world: World, params: dict[str, str], field: str
) -> None:
    for url in ("/diagnostics/", "/diagnostics/portfolio.csv"):
        response = client.get(url, params)
        assert response.status_code == 400
        assert list(response.context["form"].errors) == [field]
        assert response["Content-Type"].startswith("text/html")


def test_the_portfolio_filters_and_includes_the_case_library_when_asked(
    client: Client, world: World, hand: Any
) -> None:
    initiatives.initiative_update(
        actor=world.other_coordinator,
        initiative=world.other,
        service_area=ServiceArea.HEALTH,
        locality="Northside",
    )
    assert titles_of(client, service_area="health") == ["Other place"]
    assert titles_of(client, locality="northside") == ["Other place"]
    assert titles_of(client, stage="co_performing") == ["Riverside repairs"]
    assert titles_of(client, stage="co_assessment") == []
    CaseStudy.objects.create(initiative=world.other, source="Bovaird 2007", sources=SOURCES)
    assert titles_of(client) == ["Riverside repairs"]
    assert titles_of(client, scope="all") == ["Other place", "Riverside repairs"]
    response = client.get("/diagnostics/portfolio.csv", {"scope": "all", "sort": "-title"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [(row[0], row[-2]) for row in rows[1:]] == [
        ("riverside-repairs", "False"),
        ("other-place", "True"),
    ]
    assert rows[0][0:3] == ["slug", "title", "service_area"]


def _many(count: int, coordinator: Any) -> None:
    Initiative.objects.bulk_create(
        Initiative(
            slug=f"bulk-{n:03d}",
            title=f"Bulk {n:03d}",
            summary="Many.",
            service_area=ServiceArea.HOUSING,
            created_by=coordinator,
        )
        for n in range(count)
    )


def test_the_portfolio_pages_by_a_hundred_in_the_same_queries(client: Client, world: World) -> None:
    client.get("/diagnostics/")  # the first reading starts the client's rate-limit counter
    with CaptureQueriesContext(connection) as few:
        client.get("/diagnostics/")
    _many(110, world.coordinator)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/diagnostics/")
    assert len(many) == len(few)
    assert len(response.context["rows"]) == 100
    assert response.context["total"] == 112
    second = client.get("/diagnostics/", {"page": "2", "sort": "-title"})
    assert [row.title for row in second.context["rows"]][-2:] == ["Bulk 001", "Bulk 000"]
    assert len(second.context["rows"]) == 12
