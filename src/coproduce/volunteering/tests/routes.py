"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

import datetime

from conftest import World
from coproduce.initiatives import services as initiatives
from coproduce.volunteering import services as volunteering
from tests.grid import API_MANAGE_WRITE, PAGE_MANAGE, Expectation, Targets, for_all, signed_in

EXPECTED: dict[str, list[Expectation]] = {
    # volunteering: the member has a place on tomorrow's shift and an hour waiting approval
    "volunteering:overview": [("get", None, for_all(200))],
    "volunteering:create": [("get", None, PAGE_MANAGE)],
    "volunteering:report": [("get", None, PAGE_MANAGE)],
    "volunteering:log_hours": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        )
    ],
    "volunteering:opportunity": [
        ("get", None, for_all(200)),
        (
            "post",
            {},
            signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "volunteering:sign_up": [
        ("post", {}, signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403))
    ],
    "volunteering:withdraw": [
        ("post", {}, signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=302))
    ],
    "volunteering:attendance": [
        # the shift is tomorrow: permitted roles are told to wait (a message, then back)
        (
            "post",
            {"attended": "1"},
            signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302),
        )
    ],
    "volunteering:decide": [
        ("post", {}, signed_in(302, member=403, coordinator=302, other_coordinator=404, staff=302))
    ],
    # volunteering API
    "api:opportunity-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"stage": "<delivery_stage>", "title": "Garden", "role": "Weed", "description": "Beds"},
            API_MANAGE_WRITE,
        ),
    ],
    "api:opportunity-detail": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        )
    ],
    "api:shift-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {
                "opportunity": "<opportunity>",
                "starts_at": "2030-01-01T10:00:00Z",
                "ends_at": "2030-01-01T12:00:00Z",
                "capacity": 3,
            },
            API_MANAGE_WRITE,
        ),
    ],
    "api:shift-sign-up": [
        # the member already has a place: told so; non-members may not take part
        ("post", {}, signed_in(403, member=400, coordinator=201, other_coordinator=403, staff=403))
    ],
    "api:sign-up-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        )
    ],
    "api:sign-up-withdraw": [
        # a sign-up is listed (so reachable) only by its own volunteer
        ("post", {}, signed_in(403, member=200, coordinator=404, other_coordinator=404, staff=404))
    ],
    "api:hours-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"opportunity": "<opportunity>", "minutes": 60, "worked_on": "2026-03-02"},
            signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:hours-decide": [
        (
            "post",
            {"approve": True},
            signed_in(403, member=403, coordinator=200, other_coordinator=404, staff=200),
        )
    ],
}


def targets(world: World) -> Targets:
    opportunity = volunteering.opportunity_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=initiatives.stage_create(
            actor=world.coordinator, initiative=world.initiative, kind="co_performing"
        ),
        title="Shop counter",
        role="Serve",
        description="Serve customers",
    )
    tomorrow = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
    shift = volunteering.shift_add(
        actor=world.coordinator,
        opportunity=opportunity,
        starts_at=tomorrow,
        ends_at=tomorrow + datetime.timedelta(hours=2),
        capacity=5,
    )
    sign_up = volunteering.shift_sign_up(actor=world.member, shift=shift)
    hours = volunteering.hours_log(
        actor=world.member,
        opportunity=opportunity,
        minutes=60,
        worked_on=datetime.date(2026, 3, 1),
    )
    slug = world.initiative.slug
    return {
        "kwargs": {
            "volunteering:opportunity": lambda: {"slug": slug, "pk": opportunity.pk},
            "volunteering:sign_up": lambda: {"slug": slug, "pk": shift.pk},
            "volunteering:withdraw": lambda: {"slug": slug, "pk": sign_up.pk},
            "volunteering:attendance": lambda: {"slug": slug, "pk": sign_up.pk},
            "volunteering:decide": lambda: {"slug": slug, "pk": hours.pk},
            "api:shift-sign-up": lambda: {"initiative_slug": slug, "pk": shift.pk},
            "api:sign-up-withdraw": lambda: {"initiative_slug": slug, "pk": sign_up.pk},
            "api:hours-decide": lambda: {"initiative_slug": slug, "pk": hours.pk},
            "api:opportunity-detail": lambda: {"initiative_slug": slug, "pk": opportunity.pk},
        },
        "placeholders": {"<delivery_stage>": opportunity.stage_id, "<opportunity>": opportunity.pk},
    }
