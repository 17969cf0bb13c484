"""Demo data: the case library, a few people on each side, and a real record for three cases.

Everything is written through the same services the pages use, so the demo exercises the
real write paths. Loading twice changes nothing.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from coproduce.accounts.models import User
from coproduce.budgeting import services as budgeting
from coproduce.budgeting.selectors import processes_of
from coproduce.cases.library import CASES
from coproduce.cases.services import case_add
from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionRule,
    LeadershipType,
    Role,
    ServiceArea,
    Side,
    StageKind,
    StageStatus,
    Unit,
)
from coproduce.exchanges import services as exchanges
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Initiative, JoinPolicy, MembershipStatus
from coproduce.organisations.models import OrganisationKind
from coproduce.organisations.services import organisation_get_or_create
from coproduce.record import services as record
from coproduce.timecredits import services as credits
from coproduce.volunteering import services as volunteering

DEMO_PASSWORD = "coproduce-demo"  # noqa: S105 - published on purpose: demo accounts only

D = datetime.date


@dataclass(frozen=True)
class Person:
    username: str
    display_name: str
    locality: str


PEOPLE = [
    Person("curator", "Case library curator", ""),
    Person("amara", "Amara Okafor (co-production officer)", "Oxfordshire"),
    Person("jo", "Jo Bright", "Tackley"),
    Person("sam", "Sam Patel", "Tackley"),
    Person("priya", "Priya Shah", "Oxfordshire"),
    Person("cllr_hughes", "Cllr Dylan Hughes", "Cherwell"),
    Person("rhian", "Rhian Evans", "Cardiff"),
    Person("tom", "Tom Price (Taff Housing)", "Cardiff"),
    Person("kerry", "Kerry Moss", "Caterham"),
    Person("lena", "Lena Novak (trust officer)", "Caterham"),
    Person("cllr_ward", "Cllr Helen Ward", "Caterham"),
]


def _person(p: Person) -> User:
    user, created = User.objects.get_or_create(
        username=p.username,
        defaults={
            "display_name": p.display_name,
            "locality": p.locality,
            "email": f"{p.username}@example.org",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _join(initiative: Initiative, user: User, side: str, role: str, leadership: str = "") -> None:
    if initiative.memberships.filter(user=user, status=MembershipStatus.ACTIVE).exists():
        return
    membership = initiatives.membership_request(
        actor=user, initiative=initiative, side=side, role=role, leadership_type=leadership
    )
    if membership.status != MembershipStatus.ACTIVE:
        coordinator = initiative.memberships.filter(is_coordinator=True).first()
        assert coordinator is not None
        initiatives.membership_decide(actor=coordinator.user, membership=membership, approve=True)


def _date_stages(actor: User, initiative: Initiative, dates: dict[str, tuple[D, D]]) -> None:
    for stage in initiative.stages.all():
        if stage.kind in dates:
            start, end = dates[stage.kind]
            initiatives.stage_update(actor=actor, stage=stage, starts_on=start, ends_on=end)


def _tackley(people: dict[str, User]) -> None:
    shop = Initiative.objects.get(slug="tackley-village-shop")
    if shop.contributions.exists():
        return
    curator, jo, sam = people["curator"], people["jo"], people["sam"]
    priya, cllr = people["priya"], people["cllr_hughes"]
    council = organisation_get_or_create(
        name="Cherwell District Council", kind=OrganisationKind.PUBLIC_AGENCY
    )
    initiatives.initiative_update(
        actor=curator, initiative=shop, lead_organisation=None, partner_organisations=[council]
    )
    _join(shop, jo, Side.CITIZEN, Role.COMMUNITY_LEADER, LeadershipType.COMMUNITY)
    _join(shop, sam, Side.CITIZEN, Role.VOLUNTEER)
    _join(
        shop, priya, Side.REGULAR_PRODUCER, Role.FRONTLINE_PROFESSIONAL, LeadershipType.MANAGERIAL
    )
    _join(shop, cllr, Side.POLITICAL, Role.COUNCILLOR, LeadershipType.POLITICAL)
    _date_stages(
        curator,
        shop,
        {
            StageKind.CO_PLANNING: (D(2000, 1, 10), D(2003, 12, 20)),
            StageKind.CO_DESIGN: (D(2001, 6, 1), D(2003, 6, 30)),
            StageKind.CO_FINANCING: (D(2002, 1, 1), D(2004, 3, 31)),
            StageKind.CO_PERFORMING: (D(2004, 4, 1), D(2005, 3, 31)),
        },
    )
    stage = {s.kind: s for s in shop.stages.all()}
    goal = initiatives.goal_add(
        actor=jo, initiative=shop, text="Keep a shop and post office at the heart of the village"
    )
    initiatives.goal_agree(actor=priya, goal=goal)
    initiatives.goal_add(
        actor=priya,
        initiative=shop,
        text="Make the village hall accessible and fit for sport and leisure",
    )
    record.contribution_record(
        actor=jo,
        initiative=shop,
        stage=stage[StageKind.CO_PLANNING],
        kind=ContributionKind.IDEA,
        quantity=10,
        unit=Unit.COUNT,
        occurred_on=D(2000, 3, 1),
        description="The 'Tackley Top Ten' services the village most missed, from a survey",
    )
    record.contribution_record(
        actor=priya,
        initiative=shop,
        stage=stage[StageKind.CO_PLANNING],
        kind=ContributionKind.SKILLS,
        quantity=40 * 60,
        unit=Unit.MINUTES,
        occurred_on=D(2002, 5, 1),
        description="Planning and funding advice from council staff",
    )
    record.contribution_record(
        actor=jo,
        initiative=shop,
        stage=stage[StageKind.CO_FINANCING],
        kind=ContributionKind.MONEY,
        quantity=8_300_000,
        unit=Unit.PENCE,
        occurred_on=D(2004, 3, 1),
        description="20% of £415,000 raised in the village",
    )
    record.contribution_record(
        actor=priya,
        initiative=shop,
        stage=stage[StageKind.CO_FINANCING],
        kind=ContributionKind.MONEY,
        quantity=33_200_000,
        unit=Unit.PENCE,
        occurred_on=D(2004, 3, 1),
        description="80% of £415,000 from 14 outside organisations (councils, funders)",
    )
    for week, who in enumerate([jo, sam, sam, jo, sam]):
        contribution = record.contribution_record(
            actor=who,
            initiative=shop,
            stage=stage[StageKind.CO_PERFORMING],
            kind=ContributionKind.TIME,
            quantity=3 * 60,
            unit=Unit.MINUTES,
            occurred_on=D(2004, 4, 5) + datetime.timedelta(weeks=week),
            description="A shift behind the shop counter",
        )
        if who == sam:
            record.contribution_verify(actor=curator, contribution=contribution)
    mistake = record.contribution_record(
        actor=curator,
        contributor=sam,
        initiative=shop,
        stage=stage[StageKind.CO_PERFORMING],
        kind=ContributionKind.TIME,
        quantity=30 * 60,
        unit=Unit.MINUTES,
        occurred_on=D(2004, 5, 10),
        description="Shift (entered as 30 hours)",
    )
    record.contribution_reverse(
        actor=curator, contribution=mistake, reason="Entered as 30 hours; the shift was 3 hours"
    )
    record.decision_record(
        actor=jo,
        initiative=shop,
        stage=stage[StageKind.CO_PLANNING],
        title="Extend the village hall with a shop, post office, café and meeting room",
        outcome="Chosen after four years of consultation in place of a stand-alone shop.",
        initiated_by=jo,
        decided_by=DecidingBody.JOINT,
        rule=DecisionRule.CONSENSUS,
        participants_citizen=120,
        participants_professional=6,
        participants_political=3,
        decided_on=D(2003, 11, 15),
    )
    record.decision_record(
        actor=priya,
        initiative=shop,
        stage=stage[StageKind.CO_FINANCING],
        title="Award planning permission and match funding for the hall extension",
        initiated_by=priya,
        decided_by=DecidingBody.POLITICIANS,
        rule=DecisionRule.POLITICAL_DECISION,
        participants_professional=2,
        participants_political=9,
        decided_on=D(2003, 12, 10),
    )


def _taff(people: dict[str, User]) -> None:
    taff = Initiative.objects.get(slug="taff-housing-time-credits")
    if taff.contributions.exists():
        return
    curator, rhian, tom = people["curator"], people["rhian"], people["tom"]
    spice = organisation_get_or_create(name="Spice", kind=OrganisationKind.THIRD_SECTOR)
    housing = organisation_get_or_create(
        name="Taff Housing Association", kind=OrganisationKind.THIRD_SECTOR, locality="Cardiff"
    )
    initiatives.initiative_update(
        actor=curator, initiative=taff, lead_organisation=housing, partner_organisations=[spice]
    )
    _join(taff, rhian, Side.CITIZEN, Role.RESIDENT)
    _join(taff, tom, Side.REGULAR_PRODUCER, Role.MANAGER, LeadershipType.MANAGERIAL)
    _date_stages(
        curator,
        taff,
        {
            StageKind.CO_DESIGN: (D(2008, 1, 7), D(2008, 6, 30)),
            StageKind.CO_PERFORMING: (D(2008, 7, 1), D(2009, 6, 30)),
        },
    )
    stage = {s.kind: s for s in taff.stages.all()}
    record.contribution_record(
        actor=rhian,
        initiative=taff,
        stage=stage[StageKind.CO_DESIGN],
        kind=ContributionKind.IDEA,
        quantity=3,
        unit=Unit.COUNT,
        occurred_on=D(2008, 3, 4),
        description="Ideas for a tenants' welcome pack and a youth club",
    )
    record.contribution_record(
        actor=tom,
        initiative=taff,
        stage=stage[StageKind.CO_DESIGN],
        kind=ContributionKind.TIME,
        quantity=6 * 60,
        unit=Unit.MINUTES,
        occurred_on=D(2008, 3, 4),
        description="Facilitating the tenants' design sessions",
    )
    for month in range(1, 7):
        record.contribution_record(
            actor=rhian,
            initiative=taff,
            stage=stage[StageKind.CO_PERFORMING],
            kind=ContributionKind.TIME,
            quantity=8 * 60,
            unit=Unit.MINUTES,
            occurred_on=D(2008, 7 + month - 1, 15),
            description="Running the youth club",
        )
    record.decision_record(
        actor=tom,
        initiative=taff,
        stage=stage[StageKind.CO_DESIGN],
        title="Reward volunteered hours with time credits spendable at partners",
        initiated_by=tom,
        decided_by=DecidingBody.PROFESSIONALS,
        rule=DecisionRule.PROFESSIONAL_SIGN_OFF,
        participants_citizen=14,
        participants_professional=3,
        decided_on=D(2008, 6, 20),
    )
    _taff_delivery(curator, taff, stage[StageKind.CO_PERFORMING], housing, rhian, tom)


def _taff_delivery(
    curator: User, taff: Initiative, stage: Any, housing: Any, rhian: User, tom: User
) -> None:
    """Time credits in use: an opportunity with the housing association, approved hours
    that earned credits, a leisure-centre offer, and a lift offered between members."""
    youth_club = volunteering.opportunity_create(
        actor=curator,
        initiative=taff,
        stage=stage,
        organisation=housing,
        title="Youth club helper",
        role="Run games and the tuck shop",
        description="Help run the Tuesday youth club in the community room.",
        skills="youth work, cooking",
        location="Community room, Taff Street",
        accessibility="Step-free entrance; hearing loop",
    )
    log = volunteering.hours_log(
        actor=rhian,
        opportunity=youth_club,
        minutes=3 * 60,
        worked_on=datetime.date.today() - datetime.timedelta(days=7),
        note="Ran the games night",
    )
    volunteering.hours_decide(actor=curator, log=log, approve=True)
    centre = organisation_get_or_create(
        name="Cardiff leisure centre", kind=OrganisationKind.PUBLIC_AGENCY, locality="Cardiff"
    )
    partner = credits.partner_add(
        actor=curator, initiative=taff, organisation=centre, representatives=[tom]
    )
    credits.offer_add(actor=curator, partner=partner, title="One swim", price=60)
    exchanges.listing_add(
        actor=rhian,
        initiative=taff,
        kind="offer",
        title="Lifts to the surgery",
        description="I drive and can take someone to appointments on weekday mornings.",
        minutes=60,
    )


def _caterham(people: dict[str, User]) -> None:
    trust = Initiative.objects.get(slug="caterham-barracks-community-trust")
    if trust.contributions.exists():
        return
    curator, kerry, lena, cllr = (
        people["curator"],
        people["kerry"],
        people["lena"],
        people["cllr_ward"],
    )
    _join(trust, kerry, Side.CITIZEN, Role.COMMUNITY_LEADER, LeadershipType.COMMUNITY)
    _join(trust, lena, Side.REGULAR_PRODUCER, Role.MANAGER)
    _join(trust, cllr, Side.POLITICAL, Role.COUNCILLOR, LeadershipType.POLITICAL)
    _date_stages(
        curator,
        trust,
        {
            StageKind.CO_PLANNING: (D(1995, 1, 1), D(1998, 12, 31)),
            StageKind.CO_FINANCING: (D(1998, 1, 1), D(1999, 12, 31)),
            StageKind.CO_DESIGN: (D(1998, 6, 1), D(2000, 12, 31)),
            StageKind.CO_MANAGEMENT: (D(1999, 1, 1), D(2002, 12, 31)),
            StageKind.CO_PERFORMING: (D(2000, 1, 1), D(2002, 12, 31)),
        },
    )
    stage = {s.kind: s for s in trust.stages.all()}
    record.contribution_record(
        actor=lena,
        initiative=trust,
        stage=stage[StageKind.CO_FINANCING],
        kind=ContributionKind.MONEY,
        quantity=250_000_000,
        unit=Unit.PENCE,
        occurred_on=D(1998, 9, 1),
        description="£2.5m released by the developer under the section 106 agreement",
    )
    record.contribution_record(
        actor=kerry,
        initiative=trust,
        stage=stage[StageKind.CO_MANAGEMENT],
        kind=ContributionKind.DECISION_MAKING,
        quantity=12 * 2 * 60,
        unit=Unit.MINUTES,
        occurred_on=D(1999, 12, 1),
        description="A year of monthly trust board meetings",
    )
    record.decision_record(
        actor=kerry,
        initiative=trust,
        stage=stage[StageKind.CO_MANAGEMENT],
        title="Build an indoor roller-skate park for young people",
        outcome="Built; 5,000 members and up to 570 users a week.",
        initiated_by=kerry,
        decided_by=DecidingBody.CITIZENS,
        rule=DecisionRule.VOTE,
        participants_citizen=11,
        participants_political=1,
        decided_on=D(2000, 2, 10),
    )
    record.decision_record(
        actor=kerry,
        initiative=trust,
        stage=stage[StageKind.CO_PLANNING],
        title="Make the barracks site a conservation area",
        initiated_by=kerry,
        decided_by=DecidingBody.POLITICIANS,
        rule=DecisionRule.POLITICAL_DECISION,
        participants_citizen=200,
        participants_political=5,
        decided_on=D(1995, 6, 1),
    )


def _open_initiative(people: dict[str, User]) -> None:
    """A live initiative that anyone signed in can join, for trying the platform."""
    if Initiative.objects.filter(slug="riverside-repairs-panel").exists():
        return
    amara = people["amara"]
    council = organisation_get_or_create(
        name="Riverside Borough Council", kind=OrganisationKind.PUBLIC_AGENCY
    )
    panel = initiatives.initiative_create(
        actor=amara,
        slug="riverside-repairs-panel",
        title="Riverside tenants' repairs panel",
        summary="Tenants and the council's repairs team plan, check and improve the repairs "
        "service together. Join to record the time and ideas you bring.",
        service_area=ServiceArea.HOUSING,
        locality="Riverside",
        side=Side.REGULAR_PRODUCER,
        role=Role.MANAGER,
        leadership_type=LeadershipType.MANAGERIAL,
        lead_organisation=council,
        join_policy=JoinPolicy.OPEN,
    )
    today = datetime.date.today()
    initiatives.stage_create(
        actor=amara,
        initiative=panel,
        kind=StageKind.CO_DESIGN,
        status=StageStatus.ACTIVE,
        starts_on=today - datetime.timedelta(30),
        ends_on=today + datetime.timedelta(60),
    )
    initiatives.stage_create(
        actor=amara,
        initiative=panel,
        kind=StageKind.CO_ASSESSMENT,
        status=StageStatus.PLANNED,
        starts_on=today + datetime.timedelta(61),
        ends_on=today + datetime.timedelta(180),
    )
    initiatives.goal_add(
        actor=amara, initiative=panel, text="Repairs fixed right first time, as tenants judge it"
    )


def _riverside_budget(people: dict[str, User]) -> None:
    """A live participatory budget in the open initiative, with voting under way."""
    panel = Initiative.objects.get(slug="riverside-repairs-panel")
    if processes_of(panel).exists():
        return
    amara = people["amara"]
    for name in ("jo", "sam", "rhian"):
        _join(panel, people[name], Side.CITIZEN, Role.RESIDENT)
    today = datetime.date.today()
    stage = initiatives.stage_create(
        actor=amara,
        initiative=panel,
        kind=StageKind.CO_PRIORITISATION,
        status=StageStatus.ACTIVE,
        starts_on=today - datetime.timedelta(20),
        ends_on=today + datetime.timedelta(10),
    )
    process = budgeting.process_create(
        actor=amara,
        initiative=panel,
        stage=stage,
        title="Riverside neighbourhood fund 2027",
        description="£20,000 for small improvements that tenants propose and choose.",
        budgets=[("Whole estate", 2_000_000, "")],
    )
    budgeting.phase_advance(actor=amara, process=process)
    budget = process.budgets.get()
    ideas = [
        ("jo", "Brighter stairwell lighting", "LED lights on every landing", 650_000),
        ("sam", "Community tool library", "Drills, ladders and garden tools to borrow", 300_000),
        ("rhian", "Play area resurfacing", "Soft surfacing under the swings", 1_200_000),
        ("jo", "Bike shelters", "Two covered, lockable bike shelters", 800_000),
    ]
    proposals = [
        budgeting.proposal_submit(
            actor=people[who], budget=budget, title=title, description=text, estimated_cost=cost
        )
        for who, title, text, cost in ideas
    ]
    budgeting.phase_advance(actor=amara, process=process)
    for proposal in proposals:
        budgeting.proposal_review(
            actor=amara, proposal=proposal, feasible=True, reason="Checked with the repairs team."
        )
    budgeting.phase_advance(actor=amara, process=process)
    for who, picks in (("jo", [0, 1]), ("sam", [1, 3]), ("rhian", [2])):
        budgeting.ballot_cast(
            actor=people[who],
            budget=budget,
            choices=[budgeting.Choice(proposals[i].pk) for i in picks],
        )


@transaction.atomic
def load_demo() -> dict[str, Any]:
    """Load everything; returns counts for the command to print."""
    people = {p.username: _person(p) for p in PEOPLE}
    curator = people["curator"]
    for case in CASES:
        case_add(actor=curator, case=case)
    _tackley(people)
    _taff(people)
    _caterham(people)
    _open_initiative(people)
    _riverside_budget(people)
    return {"cases": len(CASES), "people": len(PEOPLE)}
