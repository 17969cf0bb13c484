"""The demo's record for three published cases: illustrative entries (the cases give the
figures, not these people, dates or head-counts), each written as a page would write it.
Outside money is booked to the bodies that gave it, not to one of their officers."""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionRule,
    Side,
    StageKind,
    Unit,
)
from coproduce.initiatives.demo import demo_stage
from coproduce.record import services

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

D = datetime.date
TACKLEY, TAFF = "tackley-village-shop", "taff-housing-time-credits"
CATERHAM = "caterham-barracks-community-trust"
TIME, MONEY, IDEA = ContributionKind.TIME, ContributionKind.MONEY, ContributionKind.IDEA


@dataclass(frozen=True)
class Entry:
    """A contribution: recorded by ``by`` for themself, or for ``organisation`` (a key in
    organisations/demo.py) on ``side``."""

    initiative: str
    by: str
    stage: str
    kind: str
    quantity: int
    unit: str
    on: D
    what: str
    organisation: str = ""
    side: str = ""
    verified_by: str = ""


@dataclass(frozen=True)
class Decided:
    initiative: str
    by: str  # who proposed it and recorded it
    stage: str
    title: str
    decided_by: str
    rule: str
    on: D
    # head-counts: citizens, professionals, politicians
    taking_part: tuple[int, int, int]
    outcome: str = ""


# £415,000 in all: 20% raised in the village, 80% from 14 outside bodies (seed 002)
TACKLEY_COST = 41_500_000

ENTRIES = [
    Entry(
        TACKLEY, "jo", StageKind.CO_PLANNING, IDEA, 10, Unit.COUNT, D(2000, 3, 1),
        "The 'Tackley Top Ten' services the village most missed, from a survey",
    ),
    Entry(
        TACKLEY, "priya", StageKind.CO_PLANNING, ContributionKind.SKILLS, 40 * 60, Unit.MINUTES,
        D(2002, 5, 1), "Planning and funding advice from council staff",
    ),
    Entry(
        TACKLEY, "curator", StageKind.CO_FINANCING, MONEY, TACKLEY_COST * 20 // 100, Unit.PENCE,
        D(2004, 3, 1), "20% of £415,000 raised in the village",
        organisation="tackley_village", side=Side.CITIZEN,
    ),
    Entry(
        TACKLEY, "curator", StageKind.CO_FINANCING, MONEY, TACKLEY_COST * 80 // 100, Unit.PENCE,
        D(2004, 3, 1), "80% of £415,000 from 14 outside organisations (councils, funders)",
        organisation="tackley_funders", side=Side.REGULAR_PRODUCER,
    ),
    *(
        Entry(
            TACKLEY, who, StageKind.CO_PERFORMING, TIME, 3 * 60, Unit.MINUTES,
            D(2004, 4, 5) + datetime.timedelta(weeks=week), "A shift behind the shop counter",
            verified_by="curator" if who == "sam" else "",
        )
        for week, who in enumerate(["jo", "sam", "sam", "jo", "sam"])
    ),
    Entry(
        TAFF, "rhian", StageKind.CO_DESIGN, IDEA, 3, Unit.COUNT, D(2008, 3, 4),
        "Ideas for a tenants' welcome pack and a youth club",
    ),
    Entry(
        TAFF, "tom", StageKind.CO_DESIGN, TIME, 6 * 60, Unit.MINUTES, D(2008, 3, 4),
        "Facilitating the tenants' design sessions",
    ),
    *(
        Entry(
            TAFF, "rhian", StageKind.CO_PERFORMING, TIME, 8 * 60, Unit.MINUTES,
            D(2008, month, 15), "Running the youth club",
        )
        for month in range(7, 13)
    ),
    Entry(
        CATERHAM, "curator", StageKind.CO_FINANCING, MONEY, 250_000_000, Unit.PENCE,
        D(1998, 9, 1), "£2.5m released by the developers under the section 106 agreement",
        organisation="caterham_developers", side=Side.REGULAR_PRODUCER,
    ),
    Entry(
        CATERHAM, "kerry", StageKind.CO_MANAGEMENT, ContributionKind.DECISION_MAKING,
        12 * 2 * 60, Unit.MINUTES, D(1999, 12, 1), "A year of monthly trust board meetings",
    ),
]  # fmt: skip

# A mistake and its correction, as the record keeps both: (initiative, recorded by, for,
# stage, minutes, day, what, why it was corrected)
CORRECTIONS = [
    (
        TACKLEY, "curator", "sam", StageKind.CO_PERFORMING, 30 * 60, D(2004, 5, 10),
        "Shift (entered as 30 hours)", "Entered as 30 hours; the shift was 3 hours",
    ),
]  # fmt: skip

DECISIONS = [
    Decided(
        TACKLEY, "jo", StageKind.CO_PLANNING,
        "Extend the village hall with a shop, post office, café and meeting room",
        DecidingBody.JOINT, DecisionRule.CONSENSUS, D(2003, 11, 15), (120, 6, 3),
        outcome="Chosen after four years of consultation in place of a stand-alone shop.",
    ),
    Decided(
        TACKLEY, "priya", StageKind.CO_FINANCING,
        "Award planning permission and match funding for the hall extension",
        DecidingBody.POLITICIANS, DecisionRule.POLITICAL_DECISION, D(2003, 12, 10), (0, 2, 9),
    ),
    Decided(
        TAFF, "tom", StageKind.CO_DESIGN,
        "Reward volunteered hours with time credits spendable at partners",
        DecidingBody.PROFESSIONALS, DecisionRule.PROFESSIONAL_SIGN_OFF, D(2008, 6, 20),
        (14, 3, 0),
    ),
    Decided(
        CATERHAM, "kerry", StageKind.CO_MANAGEMENT,
        "Build an indoor roller-skate park for young people",
        DecidingBody.CITIZENS, DecisionRule.VOTE, D(2000, 2, 10), (11, 0, 1),
        outcome="Built; 5,000 members and up to 570 users a week.",
    ),
    Decided(
        CATERHAM, "kerry", StageKind.CO_PLANNING, "Make the barracks site a conservation area",
        DecidingBody.POLITICIANS, DecisionRule.POLITICAL_DECISION, D(1995, 6, 1), (200, 0, 5),
    ),
]  # fmt: skip


def _write(demo: "Demo", entry: Entry) -> None:
    initiative = demo.initiative(entry.initiative)
    recorder = demo.people[entry.by]
    fields: dict[str, Any] = {
        "initiative": initiative,
        "stage": demo_stage(initiative, entry.stage),
        "kind": entry.kind,
        "quantity": entry.quantity,
        "unit": entry.unit,
        "occurred_on": entry.on,
        "description": entry.what,
    }
    if entry.organisation:
        # the curator books a body's money from the published case, as the system would
        services.do_record_contribution(
            source=None,
            recorded_by=recorder,
            organisation=demo.organisations[entry.organisation],
            side=entry.side,
            **fields,
        )
        return
    contribution = services.contribution_record(actor=recorder, **fields)
    if entry.verified_by:
        services.contribution_verify(
            actor=demo.people[entry.verified_by], contribution=contribution
        )


def load(demo: "Demo") -> None:
    cases = (TACKLEY, TAFF, CATERHAM)
    written = {slug for slug in cases if demo.initiative(slug).contributions.exists()}
    for entry in ENTRIES:
        if entry.initiative not in written:
            _write(demo, entry)
    for slug, by, contributor, kind, minutes, on, what, why in CORRECTIONS:
        if slug in written:
            continue
        initiative = demo.initiative(slug)
        mistake = services.contribution_record(
            actor=demo.people[by],
            contributor=demo.people[contributor],
            initiative=initiative,
            stage=demo_stage(initiative, kind),
            kind=TIME,
            quantity=minutes,
            unit=Unit.MINUTES,
            occurred_on=on,
            description=what,
        )
        services.contribution_reverse(actor=demo.people[by], contribution=mistake, reason=why)
    for decided in DECISIONS:
        if decided.initiative in written:
            continue
        initiative = demo.initiative(decided.initiative)
        by = demo.people[decided.by]
        citizens, professionals, politicians = decided.taking_part
        # a coordinator records it, naming who started it: a member may not say that another
        # side took a decision (the council's planning permission, a conservation area)
        services.decision_record(
            actor=demo.people["curator"],
            initiative=initiative,
            stage=demo_stage(initiative, decided.stage),
            title=decided.title,
            outcome=decided.outcome,
            initiated_by=by,
            decided_by=decided.decided_by,
            rule=decided.rule,
            participants_citizen=citizens,
            participants_professional=professionals,
            participants_political=politicians,
            decided_on=decided.on,
        )
