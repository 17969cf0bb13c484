"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

import datetime

from conftest import World
from coproduce.record import services as record
from tests.grid import API_MANAGE_WRITE, API_RECORDER, Expectation, Targets, for_all, signed_in

EXPECTED: dict[str, list[Expectation]] = {
    "record:page": [("get", None, for_all(200))],
    "record:contribute": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "record:decide": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "record:verify": [
        (
            "post",
            {},
            signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302),
        ),
    ],
    "record:reverse_contribution": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "record:reverse_decision": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "api:contribution-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {
                "stage": "<stage>",
                "kind": "idea",
                "quantity": 1,
                "unit": "count",
                "occurred_on": "2026-02-01",
            },
            signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:contribution-totals": [("get", None, for_all(200))],
    "api:contribution-detail": [("get", None, for_all(200))],
    "api:contribution-verify": [("post", {}, API_MANAGE_WRITE)],
    "api:contribution-reverse": [("post", {"reason": "Duplicate"}, API_RECORDER)],
    "api:decision-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {
                "stage": "<stage>",
                "title": "Agreed",
                "decided_by": "joint",
                "rule": "consensus",
                "decided_on": "2026-02-01",
                "initiated_by_side": "citizen",
            },
            API_RECORDER,
        ),
    ],
    "api:decision-detail": [("get", None, for_all(200))],
    "api:decision-reverse": [("post", {"reason": "Wrong meeting"}, API_RECORDER)],
}


def targets(world: World) -> Targets:
    contribution = record.contribution_record(
        actor=world.member,
        initiative=world.initiative,
        stage=world.stage,
        kind="time",
        quantity=60,
        unit="minutes",
        occurred_on=datetime.date(2026, 2, 1),
    )
    decision = record.decision_record(
        actor=world.member,
        initiative=world.initiative,
        stage=world.stage,
        title="Agreed",
        decided_by="joint",
        rule="consensus",
        decided_on=datetime.date(2026, 2, 1),
        initiated_by=world.member,
    )
    slug = world.initiative.slug
    return {
        "kwargs": {
            "record:verify": lambda: {"slug": slug, "pk": contribution.pk},
            "record:reverse_contribution": lambda: {"slug": slug, "pk": contribution.pk},
            "record:reverse_decision": lambda: {"slug": slug, "pk": decision.pk},
            "api:contribution-detail": lambda: {"initiative_slug": slug, "pk": contribution.pk},
            "api:contribution-verify": lambda: {"initiative_slug": slug, "pk": contribution.pk},
            "api:contribution-reverse": lambda: {"initiative_slug": slug, "pk": contribution.pk},
            "api:decision-detail": lambda: {"initiative_slug": slug, "pk": decision.pk},
            "api:decision-reverse": lambda: {"initiative_slug": slug, "pk": decision.pk},
        }
    }
