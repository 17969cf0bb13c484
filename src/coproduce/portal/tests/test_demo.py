"""The demo: each capability loads its part in the registry's order; its record is marked
illustrative wherever it shows; outside money is booked to the bodies that gave it."""

import io
from typing import Any

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from conftest import World
from coproduce.budgeting.models import Process
from coproduce.comanagement.models import Meeting
from coproduce.core.capabilities import demo_loaders
from coproduce.core.pagecache import CACHE
from coproduce.initiatives.models import Initiative
from coproduce.peersupport.models import PeerSupporter
from coproduce.portal.demo import load_demo
from coproduce.portal.selectors import ILLUSTRATIVE
from coproduce.record.models import Contribution
from coproduce.volunteering.models import Shift

NOTICE = f'<p class="notice">{escape(ILLUSTRATIVE)}</p>'


@pytest.fixture
def demo(db: Any) -> dict[str, int]:
    return load_demo()


def test_each_capability_loads_its_own_part_people_and_places_first() -> None:
    assert [load.__module__ for load in demo_loaders()] == [
        "coproduce.accounts.demo",
        "coproduce.organisations.demo",
        "coproduce.cases.demo",
        "coproduce.initiatives.demo",
        "coproduce.record.demo",
        "coproduce.volunteering.demo",
        "coproduce.comanagement.demo",
        "coproduce.peersupport.demo",
        "coproduce.timecredits.demo",
        "coproduce.panels.demo",
        "coproduce.exchanges.demo",
        "coproduce.budgeting.demo",
        "coproduce.inspections.demo",
        "coproduce.selfassessment.demo",
        "coproduce.equality.demo",
        "coproduce.outcomes.demo",
        "coproduce.ratings.demo",
        "coproduce.ideas.demo",
        "coproduce.drafts.demo",
        "coproduce.surveys.demo",
        "coproduce.journeymaps.demo",
        "coproduce.personaloutcomes.demo",
        "coproduce.events.demo",
        "coproduce.financing.demo",
    ]


def test_the_open_initiative_starts_alive(demo: dict[str, int]) -> None:
    """A newcomer finds something to take part in today: an open vote and a published
    result, a board meeting coming up, shifts with places, and a peer supporter offering."""
    panel = Initiative.objects.get(slug="riverside-repairs-panel")
    now = timezone.now()
    assert sorted(Process.objects.filter(initiative=panel).values_list("title", "phase")) == [
        ("Riverside neighbourhood fund 2026", "results"),
        ("Riverside neighbourhood fund 2027", "voting"),
    ]
    meeting = Meeting.objects.get(board__initiative=panel)
    assert (meeting.board.name, meeting.held_at > now) == ("Repairs panel board", True)
    shifts = Shift.objects.filter(opportunity__initiative=panel, starts_at__gt=now)
    assert [(shift.capacity, shift.sign_ups.count()) for shift in shifts] == [
        (6, 1),
        (6, 0),
        (6, 0),
    ]
    supporter = PeerSupporter.objects.get(initiative=panel)
    assert (supporter.person.username, supporter.is_active) == ("rhian", True)
    assert supporter.checked_until > timezone.localdate()


def test_the_loader_returns_the_counts(demo: dict[str, int]) -> None:
    assert demo == {"people": 11, "cases": 34}


def test_the_command_says_what_it_loaded_and_how_to_sign_in(db: Any) -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert out.getvalue() == (
        "Demo loaded: 11 people, 34 cases. Sign in as any of amara, jo, sam, priya, "
        "cllr_hughes, rhian, tom, kerry, lena, cllr_ward with the password "
        "'coproduce-demo'.\n"
    )


def test_outside_money_is_booked_to_the_bodies_that_gave_it(demo: dict[str, int]) -> None:
    money = Contribution.objects.filter(kind="money").order_by("initiative__slug", "quantity")
    assert [
        (c.initiative.slug, str(c.organisation), c.side, c.contributor_id, c.quantity, c.paid)
        for c in money
    ] == [
        (
            "caterham-barracks-community-trust",
            "Caterham Barracks site developers",
            "regular_producer",
            None,
            250_000_000,
            False,
        ),
        (
            "tackley-village-shop",
            "Tackley villagers' fundraising",
            "citizen",
            None,
            8_300_000,
            False,
        ),
        (
            "tackley-village-shop",
            "Tackley village shop's 14 outside funders",
            "regular_producer",
            None,
            33_200_000,
            False,
        ),
    ]


def test_the_home_page_says_the_demo_records_are_illustrative(client: Client, db: Any) -> None:
    before = client.get("/").content.decode()
    assert str(ILLUSTRATIVE) not in before
    assert "Learn from published cases" in before
    assert "real cases" not in before
    load_demo()
    caches[CACHE].clear()  # the signed-out page is kept for a few seconds (core.pagecache)
    assert NOTICE in client.get("/").content.decode()


def test_every_page_of_a_demo_initiative_says_its_record_is_illustrative(
    client: Client, demo: dict[str, int], world: World
) -> None:
    for path in (
        "/initiatives/tackley-village-shop/",
        "/initiatives/tackley-village-shop/record/",
        "/initiatives/riverside-repairs-panel/",
        "/initiatives/taff-housing-time-credits/volunteering/",
        "/initiatives/caterham-barracks-community-trust/boards/",
        f"/pb/{Process.objects.get(title='Riverside neighbourhood fund 2027').pk}/",
    ):
        page = client.get(path)
        assert (page.status_code, page.content.decode().count(NOTICE)) == (200, 1), path
    for path in (
        f"/initiatives/{world.initiative.slug}/",
        f"/initiatives/{world.initiative.slug}/record/",
    ):
        assert NOTICE not in client.get(path).content.decode()
