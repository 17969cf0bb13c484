"""The home page's "happening now": exact items by section, permissions, the person's own
initiatives first, the locality filter and a bounded number of queries."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, World, make_initiative, make_user
from coproduce.budgeting.models import Process
from coproduce.budgeting.tests.conftest import PB, make_pb, open_voting
from coproduce.core.vocabulary import ServiceArea, StageKind
from coproduce.events import services as events
from coproduce.events.models import Event
from coproduce.events.tests.conftest import Workshop, make_workshop
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Initiative
from coproduce.portal.selectors import live_now
from coproduce.volunteering.models import Shift
from coproduce.volunteering.tests.conftest import Rota, make_rota

CLOSES = datetime.date(2026, 12, 20)


@dataclass
class Live:
    world: World
    pb: PB
    workshop: Workshop
    rota: Rota
    private: Initiative
    private_event: Event


def titles(viewer: Any, **kwargs: Any) -> dict[str, list[str]]:
    return {s.key: [item.title for item in s.items] for s in live_now(viewer, **kwargs)}


@pytest.fixture
def live(world: World) -> Live:
    pb = make_pb(world)
    open_voting(pb)
    Process.objects.filter(pk=pb.process.pk).update(voting_close=CLOSES)
    workshop = make_workshop(world, capacity=2, residents=0)
    rota = make_rota(world, capacity=2)
    Shift.objects.filter(pk=rota.shift.pk).update(
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
    )
    private = make_initiative(
        world.other_coordinator,
        title="Quiet carers group",
        visibility="members",
        service_area=ServiceArea.SOCIAL_CARE,
    )
    stage = initiatives.stage_create(
        actor=world.other_coordinator, initiative=private, kind=StageKind.CO_PLANNING
    )
    starts = timezone.now() + datetime.timedelta(days=4)
    private_event = events.event_create(
        actor=world.other_coordinator,
        initiative=private,
        stage=stage,
        format="planning_for_real",
        title="Carers' evening",
        description="Private.",
        place="The carers' centre",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=5,
    )
    return Live(world, pb, workshop, rota, private, private_event)


def test_a_visitor_sees_the_open_vote_what_is_coming_up_and_who_asks_for_people(
    live: Live, client: Client
) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert titles(AnonymousUser()) == {
        "votes": ["Riverside decides"],
        "coming_up": ["Planning for Real: the riverside", "Volunteer: Community shop counter"],
        "asking": ["Volunteer: Community shop counter", "Other place", "Riverside repairs"],
        "results": [],
    }
    sections = {s.key: s for s in live_now(AnonymousUser())}
    vote = sections["votes"].items[0]
    assert (vote.url, vote.when.date() if vote.when else None) == (
        f"/pb/{live.pb.process.pk}/",
        CLOSES,
    )
    assert [item.note for item in sections["coming_up"].items] == [
        "2 places left.",
        "2 volunteers needed.",
    ]
    page = client.get("/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Riverside decides" in text
    assert "Voting closes on Sunday 20 December 2026" in text
    assert "Carers" not in text and "Quiet carers group" not in text


def test_a_private_initiative_shows_to_its_members_only_and_their_own_come_first(
    live: Live,
) -> None:
    world = live.world
    outsider = titles(world.outsider)
    assert "Carers' evening" not in outsider["coming_up"]
    assert "Quiet carers group" not in outsider["asking"]
    assert titles(world.other_coordinator)["coming_up"] == [
        "Carers' evening",
        "Planning for Real: the riverside",
        "Volunteer: Community shop counter",
    ]
    # a member is not asked to join their own initiative, and sees its items marked
    member = live_now(world.member)
    asking = [item.title for item in member[2].items]
    assert asking == ["Volunteer: Community shop counter", "Other place"]
    assert [item.mine for item in member[1].items] == [True, True]
    assert [item.mine for item in live_now(world.outsider)[1].items] == [False, False]


def test_the_locality_filter_narrows_every_section(live: Live, client: Client) -> None:
    Initiative.objects.filter(pk=live.world.other.pk).update(locality="Northfield")
    assert titles(live.world.outsider, locality="Northfield") == {
        "votes": [],
        "coming_up": [],
        "asking": ["Other place"],
        "results": [],
    }
    page = client.get("/", {"locality": "Northfield"})
    assert page.status_code == 200
    assert "Happening now in Northfield" in page.content.decode()
    wrong = client.get("/", {"locality": "<script>alert(1)</script>"})
    assert wrong.status_code == 400
    text = wrong.content.decode()
    assert "Choose one of the localities offered" in text
    assert "<script>alert(1)</script>" not in text
    assert "Riverside decides" in text


def test_a_published_result_is_a_recent_result_and_no_longer_an_open_vote(live: Live) -> None:
    Process.objects.filter(pk=live.pb.process.pk).update(phase="results")
    assert titles(live.world.outsider)["results"] == ["Results of Riverside decides"]
    assert titles(live.world.outsider)["votes"] == []


def test_a_vote_without_a_closing_date_says_so(live: Live) -> None:
    Process.objects.filter(pk=live.pb.process.pk).update(voting_close=None)
    vote = live_now(live.world.outsider)[0].items[0]
    assert (vote.when, vote.note) == (None, "No closing date is set yet.")


def test_the_home_page_reads_in_a_fixed_number_of_queries(
    live: Live, client: Client, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        make_initiative(live.world.other_coordinator, title=f"More {n}", locality=f"Place {n}")
    client.login(username="member", password=PASSWORD)
    with django_assert_max_num_queries(16):
        assert client.get("/").status_code == 200
    make_user("someone")
    client.logout()
    with django_assert_max_num_queries(14):
        assert client.get("/").status_code == 200
