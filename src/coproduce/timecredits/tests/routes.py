"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from conftest import World
from coproduce.organisations.models import Organisation
from coproduce.timecredits import services as credits
from tests.grid import API_MANAGE_WRITE, API_UPDATE, PAGE_MANAGE, Expectation, Targets, signed_in

EXPECTED: dict[str, list[Expectation]] = {
    # time credits: the member holds 30 minutes earned; coordinators keep the ledger
    "timecredits:page": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
        (
            "post",
            {"gift": "1", "to": "Cora Coordinator", "minutes": 10, "key": "k1"},
            signed_in(302, member=302, coordinator=400, other_coordinator=403, staff=403),
        ),
    ],
    "timecredits:ledger": [
        ("get", None, PAGE_MANAGE),
        (
            "post",
            {"policy-minutes_per_hour": 30, "policy-floor": 0},
            signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302),
        ),
    ],
    "timecredits:correct": [
        (
            "post",
            {"reason": "Logged twice", "key": "k2"},
            signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302),
        )
    ],
    "timecredits:redeem": [
        # no representatives yet: coordinators may take vouchers, others do not see the page
        (
            "get",
            None,
            signed_in(302, member=404, coordinator=200, other_coordinator=404, staff=200),
        )
    ],
    "api:credit-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403),
        )
    ],
    "api:credit-statement": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403),
        )
    ],
    "api:credit-gift": [
        (
            "post",
            {"to": "coord", "minutes": 10},
            # the coordinator may give but has no credit, and cannot give to themself
            signed_in(403, member=201, coordinator=400, other_coordinator=403, staff=403),
        )
    ],
    "api:credit-earn": [
        ("post", {"person": "member", "minutes_given": 60}, API_MANAGE_WRITE),
    ],
    "api:credit-policy": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        ("put", {"minutes_per_hour": 30, "floor": 0}, API_UPDATE),
    ],
    "api:credit-transfer-list": [("get", None, API_UPDATE)],
    "api:credit-transfer-detail": [("get", None, API_UPDATE)],
    "api:credit-transfer-reverse": [("post", {"reason": "Logged twice"}, API_MANAGE_WRITE)],
}


def targets(world: World) -> Targets:
    earned, _ = credits.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=30
    )
    partner = credits.partner_add(
        actor=world.coordinator,
        initiative=world.initiative,
        organisation=Organisation.objects.create(name="Leisure centre", kind="public_agency"),
        representatives=[],
    )
    slug = world.initiative.slug
    return {
        "kwargs": {
            "api:credit-transfer-detail": lambda: {"initiative_slug": slug, "pk": earned.pk},
            "api:credit-transfer-reverse": lambda: {"initiative_slug": slug, "pk": earned.pk},
            "timecredits:correct": lambda: {"slug": slug, "pk": earned.pk},
            "timecredits:redeem": lambda: {"slug": slug, "pk": partner.pk},
        }
    }
