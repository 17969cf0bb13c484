"""The hand record: a small record whose every diagnostic was computed by hand, shared by
the figures' tests and the pages' tests.

The record (March 2026, cap 350 minutes a week, time valued at £12 and £15 an hour):

time, minutes        co-design (planning)       co-performing (delivery)
citizen   cit1       120 on Tue 3rd             600 on Thu 5th
citizen   cit2        60 on Sun 8th             300 on Mon 9th
citizen   cit3                                  100 on Tue 10th
staff     pro        300 on Mon 2nd (paid)       50 on Wed 4th (paid)
staff     coord       60 on Mon 2nd (paid)
council   cllr                                   30 on Wed 4th
citizen   cit4       500 on Mon 2nd, reversed (both entries drop out)

money: cit1 £50, a community group £30 (citizens' side), a funder £200 (staff side);
in kind: cit2 £15.

decisions (co-design, 10 March): 1 joint, cit1 starts it, cit1 and pro take part;
2 professionals, pro starts; 3 citizens, cit1 starts; 4 an exclusion by professionals,
coord starts; 5 politicians, cllr starts, voted down; 6 joint, no one named starts it
(staff side), two unnamed staff take part; 7 citizens, cit2 starts, reversed. And two
decisions made today as pro and cllr joined: coord (staff) approved each one's side, a
decision by professionals started by the person who asked.

goals: cit1 proposes one; coord proposes one that cit1 agrees; coord proposes one no
citizen agrees; one rejected goal does not count.
"""

import datetime
from decimal import Decimal
from typing import Any

import pytest

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionKind,
    DecisionRule,
    Position,
    Role,
    Side,
    StageKind,
    Unit,
)
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import DiagnosticSettings, Goal
from coproduce.organisations.models import Organisation, OrganisationKind
from coproduce.record import services as record
from coproduce.record.services import Participant

MARCH = datetime.date(2026, 3, 1)


def day(n: int) -> datetime.date:
    return MARCH.replace(day=n)


@pytest.fixture
def hand(world: World) -> dict[str, Any]:
    initiative, coord = world.initiative, world.coordinator
    people = {"coord": coord}
    for name in ("cit1", "cit2", "cit3", "cit4"):
        people[name] = make_user(name)
        add_member(initiative, people[name])
    people["pro"] = make_user("pro")
    add_member(initiative, people["pro"], Side.REGULAR_PRODUCER, Role.FRONTLINE_PROFESSIONAL)
    people["cllr"] = make_user("cllr")
    add_member(initiative, people["cllr"], Side.POLITICAL, Role.COUNCILLOR)
    stages: dict[str, Any] = {StageKind.CO_DESIGN: world.stage}
    for kind in (StageKind.CO_PERFORMING, StageKind.CO_FINANCING):
        stages[kind] = initiatives.stage_create(actor=coord, initiative=initiative, kind=kind)
    DiagnosticSettings.objects.create(
        initiative=initiative,
        threshold=Decimal("0.10"),
        low_rate_pence=1200,
        low_rate_source="Test low rate",
        low_rate_year=2026,
        high_rate_pence=1500,
        high_rate_source="Test high rate",
        high_rate_year=2026,
        weekly_cap_minutes=350,
    )

    def give(who: str, stage: str, minutes: int, on: int) -> Any:
        return record.do_record_contribution(
            source=None,
            recorded_by=coord,
            initiative=initiative,
            stage=stages[stage],
            kind=ContributionKind.TIME,
            quantity=minutes,
            unit=Unit.MINUTES,
            occurred_on=day(on),
            contributor=people[who],
        )

    design, perform = StageKind.CO_DESIGN, StageKind.CO_PERFORMING
    give("cit1", design, 120, 3)
    give("cit1", perform, 600, 5)
    give("cit2", design, 60, 8)
    give("cit2", perform, 300, 9)
    give("cit3", perform, 100, 10)
    give("pro", design, 300, 2)
    give("pro", perform, 50, 4)
    give("coord", design, 60, 2)
    give("cllr", perform, 30, 4)
    mistake = give("cit4", design, 500, 2)
    record.contribution_reverse(actor=coord, contribution=mistake, reason="Logged twice")

    def pay(pence: int, kind: str = ContributionKind.MONEY, **who: Any) -> None:
        record.do_record_contribution(
            source=None,
            recorded_by=coord,
            initiative=initiative,
            stage=stages[StageKind.CO_FINANCING],
            kind=kind,
            quantity=pence,
            unit=Unit.PENCE,
            occurred_on=day(6),
            **who,
        )

    group = Organisation.objects.create(name="Tenants", kind=OrganisationKind.COMMUNITY_GROUP)
    funder = Organisation.objects.create(name="Trust", kind=OrganisationKind.FUNDER)
    pay(5000, contributor=people["cit1"])
    pay(3000, organisation=group, side=Side.CITIZEN)
    pay(20000, organisation=funder, side=Side.REGULAR_PRODUCER)
    pay(1500, ContributionKind.IN_KIND, contributor=people["cit2"])

    def decide(decided_by: str, starter: str | None, side: str, **extra: Any) -> Any:
        return record.do_record_decision(
            source=None,
            recorded_by=coord,
            initiative=initiative,
            stage=world.stage,
            title=f"Decided by {decided_by}",
            decided_by=decided_by,
            rule=DecisionRule.VOTE,
            decided_on=day(10),
            initiated_by=people[starter] if starter else None,
            initiated_by_side=side,
            **extra,
        )

    decide(
        DecidingBody.JOINT,
        "cit1",
        Side.CITIZEN,
        participants=(
            Participant(people["cit1"], Position.FOR),
            Participant(people["pro"], Position.FOR),
        ),
    )
    decide(DecidingBody.PROFESSIONALS, "pro", Side.REGULAR_PRODUCER)
    decide(DecidingBody.CITIZENS, "cit1", Side.CITIZEN)
    decide(DecidingBody.PROFESSIONALS, "coord", Side.REGULAR_PRODUCER, kind=DecisionKind.EXCLUSION)
    decide(DecidingBody.POLITICIANS, "cllr", Side.POLITICAL, carried=False)
    decide(DecidingBody.JOINT, None, Side.REGULAR_PRODUCER, headcounts={Side.REGULAR_PRODUCER: 2})
    wrong = decide(DecidingBody.CITIZENS, "cit2", Side.CITIZEN)
    record.decision_reverse(actor=coord, decision=wrong, reason="Recorded in error")

    initiatives.goal_add(actor=people["cit1"], initiative=initiative, text="Repairs in a week")
    agreed = initiatives.goal_add(actor=coord, initiative=initiative, text="A tenants' panel")
    initiatives.goal_agree(actor=people["cit1"], goal=agreed)
    initiatives.goal_add(actor=coord, initiative=initiative, text="Fewer complaints")
    Goal.objects.create(
        initiative=initiative,
        text="Ruled out",
        proposed_by_side=Side.CITIZEN,
        rejected_at=datetime.datetime(2026, 3, 11, tzinfo=datetime.UTC),
        rejection_reason="Out of scope",
    )
    return people
