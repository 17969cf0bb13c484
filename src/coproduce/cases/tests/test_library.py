"""The case library: the seeds' cases, their filters and search, and the demo record."""

import pytest
from django.test import Client

from coproduce.cases.library import CASES
from coproduce.cases.models import CaseStudy
from coproduce.initiatives.models import Initiative, Membership
from coproduce.portal.demo import load_demo
from coproduce.record.models import Contribution, Decision
from coproduce.record.selectors import record_totals

HEALTH = [
    "A citizens' jury on health spending",
    "Bristol Health Integration Team",
    "Commissioning mental health day care in Camden",
    "Integrated care in North-West London",
    "Peer support groups in Gateshead and Mansfield",
    "Time banks in London and Nottingham",
]


@pytest.fixture
def demo(db) -> None:
    load_demo()


def titles(response) -> list[str]:
    return [case["title"] for case in response.json()["results"]]


def test_every_seed_case_is_in_the_library(demo) -> None:
    assert CaseStudy.objects.count() == 34 == len(CASES)
    assert len({case["slug"] for case in CASES}) == 34
    shop = CaseStudy.objects.get(initiative__slug="tackley-village-shop")
    assert {"label": "Total cost", "value": "£415,000"} in shop.figures
    assert shop.leadership_style == "citizen_led"
    assert list(shop.initiative.stages.values_list("kind", flat=True).order_by("kind")) == [
        "co_design",
        "co_financing",
        "co_performing",
        "co_planning",
    ]


def test_loading_the_demo_twice_changes_nothing(demo) -> None:
    counts = (
        Initiative.objects.count(),
        Membership.objects.count(),
        Contribution.objects.count(),
        Decision.objects.count(),
    )
    load_demo()
    assert (
        Initiative.objects.count(),
        Membership.objects.count(),
        Contribution.objects.count(),
        Decision.objects.count(),
    ) == counts
    # 34 cases + 1 open initiative; 35 coordinators + 12 demo members + 15 tenants (the
    # equality demo) + 3 who joined Riverside to self-assess.
    # Contributions: 21 in three case records + 15 tenants' walkabout; 22 from Riverside's
    # two budgets (this year's 4 proposals, 4 reviews and 3 ballots; last year's 3 proposals,
    # 3 reviews, 4 ballots and 1 delivery update); 1 from Taff's youth club (approved hours);
    # 10 measurements of Riverside's two outcome indicators; 2 inspectors' time; 4 ideas;
    # 2 amendments and 1 version written by hand in the draft; 4 people's time at the past
    # workshop; 31 notes on the journey map.
    # Decisions: 5 in the case records + 8 approvals of members who joined on the
    # professional or political side + 1 declaration of who plans and delivers + the
    # inspection's provider's 2 answers; last year's count; 1 accepted amendment; 3 answers
    # to ideas; the panel's draw.
    assert counts == (35, 65, 113, 22)


def test_tackley_record_shows_the_20_80_co_financing(demo) -> None:
    shop = Initiative.objects.get(slug="tackley-village-shop")
    by_side = {row.key: row for row in record_totals(shop)["side"]}
    assert by_side["citizen"].pence == 8_300_000
    assert by_side["regular_producer"].pence == 33_200_000
    # five 3-hour shifts; the 30-hour entry and its reversal cancel out
    assert by_side["citizen"].minutes == 5 * 180
    assert shop.decisions.count() == 4  # 2 of the case, and Priya's and the councillor's sides


def test_api_lists_the_cases_with_filters(client: Client, demo) -> None:
    response = client.get("/api/v1/cases/", {"page_size": 100})
    assert response.status_code == 200
    assert response.json()["count"] == 34
    health = client.get("/api/v1/cases/", {"service_area": "health"})
    assert titles(health) == HEALTH
    financing = client.get("/api/v1/cases/", {"stage": "co_financing"})
    assert titles(financing) == [
        "Caterham Barracks Community Trust",
        "Parents complementing childcare in Romania, Germany, Italy and Sweden",
        "Tackley Village Shop",
    ]
    style = client.get("/api/v1/cases/", {"leadership_style": "lacking"})
    assert titles(style) == [
        "Co-production strategy for older people in Aberdeen",
        "Local authority partnerships in England and Scotland",
        "Working in Neighbourhoods (WIN), Bradford",
    ]
    brazil = client.get("/api/v1/cases/", {"country": "Brazil"})
    assert titles(brazil) == ["Participatory budgeting in Porto Alegre"]


def test_search_needs_every_word(client: Client, demo) -> None:
    assert titles(client.get("/api/v1/cases/", {"q": "village shop"})) == ["Tackley Village Shop"]
    assert titles(client.get("/api/v1/cases/", {"q": "breastfeeding"})) == [
        "Family Nurse Partnerships",
        "Sure Start Gateshead peer breastfeeding support",
    ]
    assert titles(client.get("/api/v1/cases/", {"q": "breastfeeding Washington"})) == []


def test_unknown_filter_values_are_a_clear_400(client: Client, demo) -> None:
    response = client.get("/api/v1/cases/", {"service_area": "space"})
    assert response.status_code == 400
    assert "service_area" in response.json()
    page = client.get("/cases/", {"stage": "nonsense"})
    assert page.status_code == 400
    assert "Select a valid choice" in page.content.decode()


def test_library_page_filters(client: Client, demo) -> None:
    response = client.get("/cases/", {"service_area": "health"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "6 cases found." in body
    for title in HEALTH:
        assert title.replace("'", "&#x27;") in body
