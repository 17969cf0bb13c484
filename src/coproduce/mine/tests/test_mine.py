"""My Coproduce: each section counts exactly what is the person's, no one sees another's,
a ballot shows that one voted and never how, and each source is one query."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD, World, add_member, make_reviewer, make_user
from coproduce.budgeting import services as budgeting
from coproduce.budgeting.ballots import Choice, ballot_cast
from coproduce.budgeting.tests.conftest import make_pb, open_voting
from coproduce.core.capabilities import personal_sources
from coproduce.core.vocabulary import Role, Side
from coproduce.exchanges import services as exchanges
from coproduce.ideas.models import Idea
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Membership, MembershipStatus
from coproduce.mine.selectors import MyPage, my_page
from coproduce.peersupport.models import (
    Concern,
    Match,
    PeerSupporter,
    RequestStatus,
    Session,
    SupportRequest,
)
from coproduce.timecredits import services as credits
from coproduce.volunteering import services as volunteering
from coproduce.volunteering.models import Shift
from coproduce.volunteering.tests.conftest import make_rota


def counts(page: MyPage) -> dict[str, int]:
    return {section.key: len(section.items) for section in page.sections}


def tasks(page: MyPage) -> dict[str, int]:
    return {f"{task.label} @ {task.initiative}": task.count for task in page.tasks}


def titles(page: MyPage, key: str) -> list[str]:
    return [item.title for section in page.sections if section.key == key for item in section.items]


def sign_in(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def busy(world: World) -> World:
    """The member with something in every section, and the coordinator with tasks."""
    rota = make_rota(world)
    volunteering.shift_sign_up(actor=world.member, shift=rota.shift)
    past = volunteering.shift_add(
        actor=world.coordinator,
        opportunity=rota.opportunity,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        ends_at=timezone.now() + datetime.timedelta(days=5, hours=2),
        capacity=3,
    )
    volunteering.shift_sign_up(actor=world.member, shift=past)
    began = timezone.now() - datetime.timedelta(days=3)
    Shift.objects.filter(pk=past.pk).update(
        starts_at=began, ends_at=began + datetime.timedelta(hours=2)
    )
    volunteering.hours_log(
        actor=world.member,
        opportunity=rota.opportunity,
        minutes=90,
        worked_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    initiatives.membership_request(
        actor=world.member, initiative=world.other, side=Side.CITIZEN, role=Role.RESIDENT
    )
    listing = exchanges.listing_add(
        actor=rota.volunteers[0], initiative=world.initiative, kind="offer", title="Lifts to town"
    )
    exchanges.exchange_propose(actor=world.member, listing=listing, minutes=30)
    SupportRequest.objects.create(
        initiative=world.initiative, stage=world.stage, requester=world.member, need="Walking"
    )
    credits.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=120
    )
    pb = make_pb(world)
    open_voting(pb)
    ballot_cast(actor=world.member, budget=pb.north, choices=[Choice(pb.proposals["benches"].pk)])
    # waiting for the coordinator
    initiatives.membership_request(
        actor=world.outsider, initiative=world.initiative, side=Side.CITIZEN, role=Role.RESIDENT
    )
    initiatives.side_change_request(
        actor=world.member, initiative=world.initiative, side=Side.CITIZEN, role=Role.CARER
    )
    Idea.objects.create(
        initiative=world.initiative,
        stage=world.stage,
        author=world.member,
        author_side=Side.CITIZEN,
        title="A bench by the river",
        text="Somewhere to rest.",
        category="other",
    )
    return world


def test_the_member_sees_exactly_their_own_items(busy: World) -> None:
    page = my_page(busy.member)
    assert counts(page) == {
        "initiatives": 1,
        # a request to join, a side claim, hours logged, an exchange, a peer support request
        "requests": 5,
        "shifts": 1,  # the coming one; the past one is gone
        "ballots": 1,
        "balance": 1,
    }
    assert titles(page, "initiatives") == ["Riverside repairs"]
    assert titles(page, "ballots") == ["Riverside decides"]
    balance = [i for s in page.sections if s.key == "balance" for i in s.items]
    assert balance[0].detail == "Balance: 2 h"
    assert tasks(page) == {}


def test_the_coordinator_sees_what_waits_for_their_decision(busy: World) -> None:
    page = my_page(busy.coordinator)
    assert tasks(page) == {
        "Requests to join to approve @ Riverside repairs": 1,
        "Side claims to approve @ Riverside repairs": 1,
        "Volunteering hours to approve @ Riverside repairs": 1,
        "Peer support requests to match @ Riverside repairs": 1,
        "Ideas to answer @ Riverside repairs": 1,
    }
    assert page.task_count == 5
    slug = busy.initiative.slug
    assert page.tasks[0].url == reverse("initiatives:members", kwargs={"slug": slug})
    assert page.tasks[4].url == reverse("ideas:list", kwargs={"slug": slug}) + "?status=new"
    # the listing's author answers the member's proposal
    volunteer = Membership.objects.get(user__username="v0").user
    assert tasks(my_page(volunteer)) == {"Exchanges to answer @ Riverside repairs": 1}


def test_no_one_sees_another_persons_items_or_tasks(busy: World) -> None:
    other = my_page(busy.other_coordinator)
    # the member asked to join their initiative: that is their one task
    assert tasks(other) == {"Requests to join to approve @ Other place": 1}
    assert counts(other) == {
        "initiatives": 1,
        "requests": 0,
        "shifts": 0,
        "ballots": 0,
        "balance": 0,
    }
    assert titles(other, "initiatives") == ["Other place"]
    stranger = make_user("stranger")
    assert counts(my_page(stranger)) == dict.fromkeys(counts(other), 0)
    assert my_page(stranger).tasks == []
    response = sign_in(stranger).get(reverse("mine:page"))
    assert response.status_code == 200
    assert b"Riverside" not in response.content
    assert b"Walking" not in response.content


def test_a_ballot_shows_that_one_voted_never_how(busy: World) -> None:
    with CaptureQueriesContext(connection) as captured:
        response = sign_in(busy.member).get(reverse("mine:page"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Riverside decides" in page
    assert "You voted in North" in page
    assert "Benches" not in page
    assert not any("budgeting_ballotchoice" in q["sql"] for q in captured.captured_queries)


def test_each_source_is_one_query_however_much_there_is(busy: World) -> None:
    items, task_sources = personal_sources()
    for person in (busy.member, busy.coordinator):
        with CaptureQueriesContext(connection) as captured:
            my_page(person)
        assert len(captured.captured_queries) == len(items) + len(task_sources)
    # more of everything, the same number of queries
    for i in range(3):
        initiatives.membership_request(
            actor=make_user(f"joiner{i}"),
            initiative=busy.initiative,
            side=Side.CITIZEN,
            role=Role.RESIDENT,
        )
    with CaptureQueriesContext(connection) as captured:
        page = my_page(busy.coordinator)
    assert len(captured.captured_queries) == len(items) + len(task_sources)
    assert tasks(page)["Requests to join to approve @ Riverside repairs"] == 4


def test_anonymous_is_sent_to_sign_in(db: Any) -> None:
    response = Client().get(reverse("mine:page"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/my/"


def test_the_header_links_my_coproduce_for_the_signed_in_only(world: World) -> None:
    link = f'href="{reverse("mine:page")}"'
    assert link in sign_in(world.member).get(reverse("home")).content.decode()
    assert link not in Client().get(reverse("home")).content.decode()


def test_approving_from_the_task_link_clears_the_task(busy: World) -> None:
    client = sign_in(busy.coordinator)
    page = client.get(reverse("mine:page")).content.decode()
    assert "5 things waiting for your decision" in page
    requested = Membership.objects.get(user=busy.outsider, initiative=busy.initiative)
    assert requested.status == MembershipStatus.REQUESTED
    initiatives.membership_decide(actor=busy.coordinator, membership=requested, approve=True)
    page = client.get(reverse("mine:page")).content.decode()
    assert "4 things waiting for your decision" in page
    assert "Requests to join to approve" not in page


def test_proposals_under_review_wait_for_the_coordinator_and_named_reviewers(
    world: World,
) -> None:
    pb = make_pb(world)
    reviewer = make_user("reviewer")
    add_member(world.initiative, reviewer)
    make_reviewer(world.initiative, reviewer)
    assert tasks(my_page(world.coordinator)) == {}  # still collecting proposals
    budgeting.phase_advance(actor=world.coordinator, process=pb.process)  # review
    expected = {"Proposals to review for feasibility @ Riverside repairs": 5}
    assert tasks(my_page(world.coordinator)) == expected
    assert tasks(my_page(reviewer)) == expected
    assert tasks(my_page(world.member)) == {}
    assert my_page(reviewer).tasks[0].url == reverse(
        "budgeting:process", kwargs={"pk": pb.process.pk}
    )
    budgeting.proposal_review(
        actor=reviewer, proposal=pb.proposals["pool"], feasible=True, reason="Checked on site"
    )
    assert my_page(world.coordinator).task_count == 4


def test_peer_support_sessions_and_concerns_wait_for_the_right_person(world: World) -> None:
    supporter = make_user("sam")
    add_member(world.initiative, supporter)
    request = SupportRequest.objects.create(
        initiative=world.initiative,
        stage=world.stage,
        requester=world.member,
        need="Walking",
        status=RequestStatus.MATCHED,
    )
    match = Match.objects.create(
        request=request,
        supporter=PeerSupporter.objects.create(
            initiative=world.initiative,
            person=supporter,
            supports="Walking",
            training="Peer support course",
            trained_on=datetime.date(2026, 1, 5),
            checked_until=datetime.date(2029, 1, 5),
            recorded_by=world.coordinator,
        ),
        explanation="Same street",
        matched_by=world.coordinator,
    )
    for minutes in (30, 45):
        Session.objects.create(
            match=match, held_on=timezone.localdate(), minutes=minutes, logged_by=supporter
        )
    Concern.objects.create(
        match=match, raised_by=world.member, professional=world.coordinator, text="Worried."
    )
    assert tasks(my_page(world.member)) == {
        "Peer support sessions to confirm @ Riverside repairs": 2
    }
    assert my_page(world.member).tasks[0].url == reverse(
        "peersupport:match", kwargs={"slug": world.initiative.slug, "pk": match.pk}
    )
    mine = my_page(supporter)
    assert tasks(mine) == {}
    assert titles(mine, "requests") == ["Walking", "Walking"]
    assert tasks(my_page(world.coordinator)) == {"Concern assigned to you @ Riverside repairs": 1}
    assert tasks(my_page(world.other_coordinator)) == {}
