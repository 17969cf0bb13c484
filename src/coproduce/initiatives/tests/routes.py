"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from conftest import World, add_member, make_user, work_alongside
from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives import services as initiatives
from tests.grid import (
    API_MANAGE_OBJECT,
    API_MANAGE_WRITE,
    API_UPDATE,
    PAGE_MANAGE,
    PAGE_SIGNED_IN,
    Expectation,
    Targets,
    for_all,
    signed_in,
)

SETTINGS = {
    "threshold": "0.15",
    "low_rate_pence": 1221,
    "low_rate_source": "UK National Living Wage",
    "low_rate_year": 2025,
    "high_rate_pence": 1480,
    "high_rate_source": "London Living Wage",
    "high_rate_year": 2025,
    "weekly_cap_minutes": 720,
}
SETTINGS_FORM = {
    **{k: v for k, v in SETTINGS.items() if "pence" not in k and "minutes" not in k},
    "low_rate_pounds": "12.21",
    "high_rate_pounds": "14.80",
    "weekly_cap_hours": "12",
}
DECLARATION = {
    "planning": "joint",
    "delivery": "professionals_alone",
    "evidence": "Tenants and staff write the repair standards together.",
    "declared_on": "2025-06-02",
}

EXPECTED: dict[str, list[Expectation]] = {
    "initiatives:list": [("get", None, for_all(200))],
    "initiatives:create": [("get", None, PAGE_SIGNED_IN)],
    "initiatives:detail": [("get", None, for_all(200))],
    "initiatives:edit": [("get", None, PAGE_MANAGE)],
    "initiatives:join": [
        (
            "get",
            None,
            signed_in(302, member=403, coordinator=403, other_coordinator=200, staff=200),
        ),
    ],
    "initiatives:leave": [
        # the coordinator is the last one, so is told to appoint another and stays
        (
            "post",
            {},
            signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "initiatives:members": [("get", None, PAGE_MANAGE)],
    # names to pick from when inviting: the coordinator's own colleagues, coordinators only
    "initiatives:invitable": [("get", None, PAGE_MANAGE)],
    # members' names, for picking a person: members only
    "initiatives:people": [
        ("get", None, signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=200))
    ],
    "initiatives:side_change": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
    ],
    "initiatives:member_decide": [
        (
            "post",
            {},
            signed_in(302, member=404, coordinator=302, other_coordinator=404, staff=302),
        ),
    ],
    "initiatives:member_remove": [
        (
            "get",
            None,
            signed_in(302, member=404, coordinator=200, other_coordinator=404, staff=403),
        ),
        (
            "post",
            {"reason": "Left the area"},
            signed_in(302, member=404, coordinator=302, other_coordinator=404, staff=403),
        ),
    ],
    "initiatives:stage_create": [("get", None, PAGE_MANAGE)],
    "initiatives:stage_edit": [
        (
            "get",
            None,
            signed_in(302, member=404, coordinator=200, other_coordinator=404, staff=200),
        ),
    ],
    "initiatives:goal_create": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
    ],
    "initiatives:goal_agree": [
        (
            "post",
            {},
            signed_in(302, member=302, coordinator=302, other_coordinator=404, staff=404),
        ),
    ],
    # ruling a goal out is a coordinator's (an exclusion in the record), not staff's
    "initiatives:goal_reject": [
        (
            "get",
            None,
            signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=403),
        ),
        (
            "post",
            {"reason": "Not ours to do"},
            signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    # how the diagnostics read the initiative: managers' (coordinators and staff)
    "initiatives:diagnostic_settings": [
        ("get", None, PAGE_MANAGE),
        (
            "post",
            SETTINGS_FORM,
            signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302),
        ),
    ],
    # a declaration of who plans and delivers is a coordinator's decision, not staff's
    "initiatives:stage_declare": [
        (
            "get",
            None,
            signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=403),
        ),
        (
            "post",
            DECLARATION,
            signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "api:diagnostic-settings": [
        ("get", None, for_all(200)),
        ("put", SETTINGS, API_UPDATE),
    ],
    "api:declaration-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {**DECLARATION, "stage": "<stage>"},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:initiative-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {
                "title": "New one",
                "summary": "S",
                "service_area": "health",
                "side": "citizen",
                "role": "carer",
            },
            signed_in(403, member=201, coordinator=201, other_coordinator=201, staff=201),
        ),
    ],
    "api:initiative-detail": [
        ("get", None, for_all(200)),
        ("patch", {"title": "Renamed"}, API_UPDATE),
    ],
    "api:initiative-leave": [
        (
            "post",
            {},
            signed_in(403, member=200, coordinator=400, other_coordinator=403, staff=403),
        ),
    ],
    "api:stage-list": [
        ("get", None, for_all(200)),
        # a stage no capability's targets add (co-assessment's write to the record adds theirs)
        ("post", {"kind": "co_financing"}, API_MANAGE_WRITE),
    ],
    "api:stage-detail": [("get", None, for_all(200)), ("patch", {"notes": "Dated"}, API_UPDATE)],
    "api:member-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {"side": "citizen", "role": "carer"},
            signed_in(403, member=403, coordinator=403, other_coordinator=201, staff=201),
        ),
    ],
    # a coordinator invites only people they work with: the applicant works with the
    # coordinator elsewhere, and with no member of staff
    "api:member-invite": [
        (
            "post",
            {"username": "applicant", "side": "citizen", "role": "carer"},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=400),
        ),
    ],
    "api:member-approve": [("post", {}, API_MANAGE_OBJECT)],
    "api:member-decline": [("post", {}, API_MANAGE_OBJECT)],
    # sides and the reviewer's power: a coordinator decides, not staff (issue 16)
    "api:member-side-changes": [
        ("get", None, for_all(200)),
        (
            "post",
            {"side": "political", "role": "councillor"},
            signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:member-approve-side-change": [
        ("post", {}, signed_in(403, member=404, coordinator=200, other_coordinator=404, staff=403))
    ],
    "api:member-refuse-side-change": [
        ("post", {}, signed_in(403, member=404, coordinator=200, other_coordinator=404, staff=403))
    ],
    "api:member-reviewer": [
        (
            "post",
            {"is_reviewer": True},
            signed_in(403, member=404, coordinator=200, other_coordinator=404, staff=403),
        )
    ],
}


def targets(world: World) -> Targets:
    applicant = make_user("applicant")
    work_alongside(world.coordinator, applicant)
    requested = initiatives.membership_request(
        actor=applicant, initiative=world.initiative, side=Side.CITIZEN, role=Role.CARER
    )
    switcher = make_user("switcher")
    add_member(world.initiative, switcher)
    initiatives.side_change_request(
        actor=switcher, initiative=world.initiative, side=Side.POLITICAL, role=Role.COUNCILLOR
    )
    switching = world.initiative.memberships.get(user=switcher)
    member_membership = world.initiative.memberships.get(user=world.member)
    goal = initiatives.goal_add(
        actor=world.coordinator, initiative=world.initiative, text="Fewer repeat visits"
    )
    slug = world.initiative.slug
    return {
        "kwargs": {
            "initiatives:member_decide": lambda: {
                "slug": slug,
                "pk": requested.pk,
                "decision": "approve",
            },
            "initiatives:member_remove": lambda: {"slug": slug, "pk": member_membership.pk},
            "initiatives:stage_edit": lambda: {"slug": slug, "pk": world.stage.pk},
            "initiatives:stage_declare": lambda: {"slug": slug, "pk": world.stage.pk},
            "initiatives:goal_agree": lambda: {"slug": slug, "pk": goal.pk},
            "initiatives:goal_reject": lambda: {"slug": slug, "pk": goal.pk},
            "api:stage-detail": lambda: {"initiative_slug": slug, "pk": world.stage.pk},
            "api:member-approve": lambda: {"initiative_slug": slug, "pk": requested.pk},
            "api:member-decline": lambda: {"initiative_slug": slug, "pk": requested.pk},
            "api:member-approve-side-change": lambda: {
                "initiative_slug": slug,
                "pk": switching.pk,
            },
            "api:member-refuse-side-change": lambda: {
                "initiative_slug": slug,
                "pk": switching.pk,
            },
            "api:member-reviewer": lambda: {"initiative_slug": slug, "pk": member_membership.pk},
            "api:initiative-detail": lambda: {"slug": slug},
            "api:initiative-leave": lambda: {"slug": slug},
        }
    }
