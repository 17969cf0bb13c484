"""Things to rate in the world's initiative, each with the people who took part in it."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from conftest import World, add_member, make_user
from coproduce.accounts.models import User
from coproduce.budgeting.models import (
    Budget,
    ImplementationStatus,
    ImplementationUpdate,
    Process,
    Proposal,
    Tally,
)
from coproduce.peersupport.models import Match, PeerSupporter, Session, SupportRequest
from coproduce.ratings import services
from coproduce.ratings.models import Rating, ThingKind
from coproduce.ratings.things import Thing
from coproduce.volunteering.models import Opportunity, Shift, SignUp, SignUpStatus


@dataclass
class Things:
    service: Thing
    activity: Thing
    shift: Thing
    session: Thing
    project: Thing
    # a proposal that was funded but is not completed: not a thing to rate
    unfinished: Proposal
    volunteer: User  # attended the shift
    supported: User  # in the session, with the coordinator as supporter


def _shift(world: World, volunteer: User) -> Shift:
    opportunity = Opportunity.objects.create(
        initiative=world.initiative,
        stage=world.stage,
        title="Garden helper",
        role="Weeding",
        description="Weed the beds.",
        created_by=world.coordinator,
    )
    start = timezone.now() - datetime.timedelta(days=3)
    shift = Shift.objects.create(
        opportunity=opportunity,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=3,
    )
    SignUp.objects.create(
        shift=shift, person=volunteer, status=SignUpStatus.ATTENDED, queued_at=start
    )
    return shift


def _session(world: World, supported: User) -> Session:
    supporter = PeerSupporter.objects.create(
        initiative=world.initiative,
        person=world.coordinator,
        supports="repairs",
        training="Course",
        trained_on=datetime.date(2026, 1, 5),
        checked_until=datetime.date(2030, 1, 1),
        recorded_by=world.coordinator,
    )
    request = SupportRequest.objects.create(
        initiative=world.initiative, stage=world.stage, requester=supported, need="repairs"
    )
    match = Match.objects.create(
        request=request, supporter=supporter, explanation="supports repairs", matched_by=supported
    )
    return Session.objects.create(
        match=match,
        held_on=datetime.date(2026, 3, 1),
        minutes=30,
        logged_by=world.coordinator,
        confirmed_by=supported,
    )


def _projects(world: World) -> tuple[Proposal, Proposal]:
    process = Process.objects.create(initiative=world.initiative, stage=world.stage, title="PB")
    budget = Budget.objects.create(process=process, name="All", amount=100_000)
    done, unfinished = (
        Proposal.objects.create(
            budget=budget,
            author=world.member,
            title=title,
            description="A project.",
            estimated_cost=10_000,
            status="feasible",
        )
        for title in ("New benches", "Play area")
    )
    Tally.objects.create(
        budget=budget,
        rule="greedy",
        selected=[done.pk, unfinished.pk],
        spent=20_000,
        ballots=10,
        counted_by=world.coordinator,
    )
    for proposal, state in ((done, ImplementationStatus.COMPLETED), (unfinished, "in_progress")):
        ImplementationUpdate.objects.create(
            proposal=proposal, status=state, progress=100, posted_by=world.coordinator
        )
    return done, unfinished


@pytest.fixture
def things(world: World) -> Things:
    volunteer, supported = make_user("vol", display_name="Val Volunteer"), make_user("sup")
    add_member(world.initiative, volunteer)
    add_member(world.initiative, supported)
    shift = _shift(world, volunteer)
    done, unfinished = _projects(world)
    initiative = world.initiative
    return Things(
        service=Thing(ThingKind.SERVICE, initiative, initiative),
        activity=Thing(ThingKind.ACTIVITY, shift.opportunity, initiative),
        shift=Thing(ThingKind.SHIFT, shift, initiative),
        session=Thing(ThingKind.SESSION, _session(world, supported), initiative),
        project=Thing(ThingKind.PROJECT, done, initiative),
        unfinished=unfinished,
        volunteer=volunteer,
        supported=supported,
    )


def raters(world: World, count: int) -> list[User]:
    """``count`` more active members of the world's initiative."""
    people = [make_user(f"rater{i}", display_name=f"Rater Number{i}") for i in range(count)]
    for person in people:
        add_member(world.initiative, person)
    return people


def rate_service(world: World, stars: list[int]) -> list[Rating]:
    """One rating of the service by a new member for each number of stars."""
    service = Thing(ThingKind.SERVICE, world.initiative, world.initiative)
    return [
        services.rating_give(actor=person, thing=service, stars=s)
        for person, s in zip(raters(world, len(stars)), stars, strict=True)
    ]


def as_text(response: Any) -> str:
    return response.content.decode()
