"""The demo's initiatives: three published cases set up with people, dated stages and goals,
and one open initiative to try the platform in. The records come later (record/demo.py)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from coproduce.core.vocabulary import (
    LeadershipType,
    Role,
    ServiceArea,
    Side,
    StageKind,
    StageStatus,
    WhoDoesIt,
)
from coproduce.initiatives import services
from coproduce.initiatives.models import (
    DiagnosticSettings,
    Initiative,
    JoinPolicy,
    MembershipStatus,
    Stage,
    StageDeclaration,
)
from coproduce.initiatives.selectors import stage_of, standing

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

D = datetime.date


@dataclass(frozen=True)
class Setting:
    """An initiative's people, organisations, stage dates and goals in the demo."""

    slug: str
    # (username, side, role, leadership type)
    members: tuple[tuple[str, str, str, str], ...]
    stage_dates: tuple[tuple[str, D, D], ...] = ()
    # organisation keys (organisations/demo.py); None leaves the initiative's as it is
    lead: str | None = None
    partners: tuple[str, ...] | None = None
    # (proposer, text, agreed by), each proposer's own side agreeing as they propose
    goals: tuple[tuple[str, str, str], ...] = ()


CITIZEN, PROFESSIONAL, POLITICAL = Side.CITIZEN, Side.REGULAR_PRODUCER, Side.POLITICAL

SETTINGS = [
    Setting(
        "tackley-village-shop",
        members=(
            ("jo", CITIZEN, Role.COMMUNITY_LEADER, LeadershipType.COMMUNITY),
            ("sam", CITIZEN, Role.VOLUNTEER, ""),
            ("priya", PROFESSIONAL, Role.FRONTLINE_PROFESSIONAL, LeadershipType.MANAGERIAL),
            ("cllr_hughes", POLITICAL, Role.COUNCILLOR, LeadershipType.POLITICAL),
        ),
        stage_dates=(
            (StageKind.CO_PLANNING, D(2000, 1, 10), D(2003, 12, 20)),
            (StageKind.CO_DESIGN, D(2001, 6, 1), D(2003, 6, 30)),
            (StageKind.CO_FINANCING, D(2002, 1, 1), D(2004, 3, 31)),
            (StageKind.CO_PERFORMING, D(2004, 4, 1), D(2005, 3, 31)),
        ),
        partners=("cherwell",),
        goals=(
            ("jo", "Keep a shop and post office at the heart of the village", "priya"),
            ("priya", "Make the village hall accessible and fit for sport and leisure", ""),
        ),
    ),
    Setting(
        "taff-housing-time-credits",
        members=(
            ("rhian", CITIZEN, Role.RESIDENT, ""),
            ("tom", PROFESSIONAL, Role.MANAGER, LeadershipType.MANAGERIAL),
        ),
        stage_dates=(
            (StageKind.CO_DESIGN, D(2008, 1, 7), D(2008, 6, 30)),
            (StageKind.CO_PERFORMING, D(2008, 7, 1), D(2009, 6, 30)),
        ),
        lead="taff_housing",
        partners=("spice",),
    ),
    Setting(
        "caterham-barracks-community-trust",
        members=(
            ("kerry", CITIZEN, Role.COMMUNITY_LEADER, LeadershipType.COMMUNITY),
            ("lena", PROFESSIONAL, Role.MANAGER, ""),
            ("cllr_ward", POLITICAL, Role.COUNCILLOR, LeadershipType.POLITICAL),
        ),
        stage_dates=(
            (StageKind.CO_PLANNING, D(1995, 1, 1), D(1998, 12, 31)),
            (StageKind.CO_FINANCING, D(1998, 1, 1), D(1999, 12, 31)),
            (StageKind.CO_DESIGN, D(1998, 6, 1), D(2000, 12, 31)),
            (StageKind.CO_MANAGEMENT, D(1999, 1, 1), D(2002, 12, 31)),
            (StageKind.CO_PERFORMING, D(2000, 1, 1), D(2002, 12, 31)),
        ),
    ),
    Setting(
        "riverside-repairs-panel",
        members=tuple((name, CITIZEN, Role.RESIDENT, "") for name in ("jo", "sam", "rhian")),
    ),
]

# The open initiative, live today: (kind, status, first day, last day) counted from today.
RIVERSIDE_STAGES = [
    (StageKind.CO_DESIGN, StageStatus.ACTIVE, -30, 60),
    (StageKind.CO_ASSESSMENT, StageStatus.PLANNED, 61, 180),
    (StageKind.CO_PRIORITISATION, StageStatus.ACTIVE, -20, 10),  # its budget (budgeting/demo.py)
    (StageKind.CO_MANAGEMENT, StageStatus.ACTIVE, -90, 270),  # its board (comanagement/demo.py)
    (StageKind.CO_PERFORMING, StageStatus.ACTIVE, -60, 300),  # shifts and peer support
]


def demo_stage(initiative: Initiative, kind: str) -> Stage:
    """The initiative's stage of this kind, which the demo's data needs it to have."""
    stage = stage_of(initiative, kind)
    assert stage is not None, f"{initiative.slug} has no {kind} stage in the demo"
    return stage


def _open_initiative(demo: "Demo") -> None:
    """A live initiative that anyone signed in can join, for trying the platform."""
    if Initiative.objects.filter(slug="riverside-repairs-panel").exists():
        return
    amara = demo.people["amara"]
    panel = services.initiative_create(
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
        lead_organisation=demo.organisations["riverside_council"],
        join_policy=JoinPolicy.OPEN,
    )
    today = datetime.date.today()
    for kind, status, first, last in RIVERSIDE_STAGES:
        services.stage_create(
            actor=amara,
            initiative=panel,
            kind=kind,
            status=status,
            starts_on=today + datetime.timedelta(first),
            ends_on=today + datetime.timedelta(last),
        )
    services.goal_add(
        actor=amara, initiative=panel, text="Repairs fixed right first time, as tenants judge it"
    )


def _riverside_diagnostics(demo: "Demo") -> None:
    """Illustrative diagnostic settings for the open initiative (a narrower threshold, the
    London rate as the high one, a lower weekly cap) and one declaration with evidence, so
    the diagnostics show a declared reading beside the observed one."""
    panel = Initiative.objects.get(slug="riverside-repairs-panel")
    amara = demo.people["amara"]
    if not DiagnosticSettings.objects.filter(initiative=panel).exists():
        services.diagnostic_settings_save(
            actor=amara,
            initiative=panel,
            threshold=Decimal("0.15"),
            high_rate_pence=1480,
            high_rate_source="Real Living Wage in London, Living Wage Foundation "
            "(an illustrative choice for this demo)",
            high_rate_year=2025,
            weekly_cap_minutes=12 * 60,
        )
    design = demo_stage(panel, StageKind.CO_DESIGN)
    if not StageDeclaration.objects.filter(stage=design).exists():
        services.stage_declare(
            actor=amara,
            stage=design,
            planning=WhoDoesIt.JOINT,
            delivery=WhoDoesIt.PROFESSIONALS_ALONE,
            evidence="Illustrative demo declaration: tenants and the repairs team write the "
            "repair standards together at monthly workshops; the council's own operatives "
            "carry out every repair.",
            declared_on=datetime.date.today() - datetime.timedelta(7),
        )


def join_demo_member(
    initiative: Initiative, user: Any, side: str, role: str, leadership: str
) -> None:
    if standing(user, initiative).active:
        return
    membership = services.membership_request(
        actor=user, initiative=initiative, side=side, role=role, leadership_type=leadership
    )
    if membership.status != MembershipStatus.ACTIVE:
        coordinator = initiative.memberships.filter(is_coordinator=True).first()
        assert coordinator is not None
        services.membership_decide(actor=coordinator.user, membership=membership, approve=True)


def _set_up(demo: "Demo", setting: Setting) -> None:
    initiative = demo.initiative(setting.slug)
    curator = demo.people["curator"]
    changes: dict[str, Any] = {}
    if setting.partners is not None:
        changes["lead_organisation"] = demo.organisations.get(setting.lead or "")
        changes["partner_organisations"] = [demo.organisations[p] for p in setting.partners]
    if changes:
        services.initiative_update(actor=curator, initiative=initiative, **changes)
    for username, side, role, leadership in setting.members:
        join_demo_member(initiative, demo.people[username], side, role, leadership)
    for kind, starts_on, ends_on in setting.stage_dates:
        stage = demo_stage(initiative, kind)
        services.stage_update(actor=curator, stage=stage, starts_on=starts_on, ends_on=ends_on)
    if initiative.goals.exists():
        return
    for proposer, text, agreed_by in setting.goals:
        goal = services.goal_add(actor=demo.people[proposer], initiative=initiative, text=text)
        if agreed_by:
            services.goal_agree(actor=demo.people[agreed_by], goal=goal)


def load(demo: "Demo") -> None:
    _open_initiative(demo)
    _riverside_diagnostics(demo)
    for setting in SETTINGS:
        _set_up(demo, setting)
