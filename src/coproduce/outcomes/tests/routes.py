"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

import datetime
from decimal import Decimal

from conftest import World
from coproduce.outcomes import services as outcomes
from coproduce.outcomes.models import BenefitGroup, WhoMeasures
from tests.grid import PAGE_MANAGE, Expectation, Targets, for_all, signed_in

INDICATOR = {
    "name": "Tenants satisfied",
    "measures": "Share of tenants satisfied with repairs",
    "unit": "%",
    "better": "higher",
    "benefit_group": "service_users",
    "who_measures": "members",
    "baseline_value": "60",
    "baseline_on": "2026-01-01",
    "baseline_source": "Survey",
    "targets": [{"due_on": "2027-01-01", "value": "80"}],
}
MEASUREMENT = {"value": "64", "measured_on": "2026-02-01", "source": "Survey", "method": "Asked"}
# the indicator is measured by coordinators only: members, staff and outsiders may not
MEASURE = signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=403)
MANAGE_API = signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201)

EXPECTED: dict[str, list[Expectation]] = {
    # the initiative is public: its outcomes are published to everyone
    "outcomes:overview": [("get", None, for_all(200))],
    "outcomes:indicator_new": [("get", None, PAGE_MANAGE)],
    "outcomes:indicator": [
        ("get", None, for_all(200)),
        ("post", {}, signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=403)),
    ],
    "outcomes:indicator_edit": [("get", None, PAGE_MANAGE)],
    "outcomes:import": [
        ("get", None, signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=403))
    ],
    "api:indicator-list": [("get", None, for_all(200)), ("post", INDICATOR, MANAGE_API)],
    "api:indicator-detail": [
        ("get", None, for_all(200)),
        (
            "patch",
            {"unit": "per cent"},
            signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "api:indicator-measurements": [("get", None, for_all(200)), ("post", MEASUREMENT, MEASURE)],
}


def targets(world: World) -> Targets:
    indicator = outcomes.indicator_save(
        actor=world.coordinator,
        initiative=world.initiative,
        name="Repairs right first time",
        measures="Share of repairs fixed at the first visit",
        unit="%",
        better="higher",
        benefit_group=BenefitGroup.SERVICE_USERS,
        who_measures=WhoMeasures.COORDINATORS,
        baseline_value=Decimal(60),
        baseline_on=datetime.date(2026, 1, 1),
        baseline_source="Repairs log",
        targets=[(datetime.date(2027, 1, 1), Decimal(80))],
    )
    slug = world.initiative.slug
    on_it = {"slug": slug, "pk": indicator.pk}
    in_api = {"initiative_slug": slug, "pk": indicator.pk}
    return {
        "kwargs": {
            "outcomes:indicator": lambda: on_it,
            "outcomes:indicator_edit": lambda: on_it,
            "outcomes:import": lambda: on_it,
            "api:indicator-detail": lambda: in_api,
            "api:indicator-measurements": lambda: in_api,
        },
    }
