"""The demo's outcomes (illustrative figures): two indicators of the open Riverside
repairs panel, measured by tenants and by the repairs team over the last months."""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from coproduce.outcomes import services
from coproduce.outcomes.models import BenefitGroup, Better, Indicator, WhoMeasures

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

SLUG = "riverside-repairs-panel"
D = Decimal
# (name, measures, unit, better, group, who measures, baseline, baseline days ago, source,
#  targets as (days from today, value), measurements as (days ago, value, username, source,
#  method))
INDICATORS = (
    (
        "Repairs fixed right first time",
        "The share of repairs that tenants say were fixed at the first visit.",
        "%",
        Better.HIGHER,
        BenefitGroup.SERVICE_USERS,
        WhoMeasures.MEMBERS,
        D(62),
        200,
        "Council repairs log (illustrative demo figure)",
        ((60, D(75)), (425, D(85))),
        (
            (170, D(63), "priya", "Repairs log", "Count of jobs closed at the first visit"),
            (140, D(66), "jo", "Tenants' doorstep survey", "20 tenants asked after a repair"),
            (110, D(67), "priya", "Repairs log", "Count of jobs closed at the first visit"),
            (80, D(70), "jo", "Tenants' doorstep survey", "20 tenants asked after a repair"),
            (50, D(71), "priya", "Repairs log", "Count of jobs closed at the first visit"),
            (20, D(72), "sam", "Tenants' doorstep survey", "18 tenants asked after a repair"),
        ),
    ),
    (
        "Days to fix an urgent repair",
        "The median number of days from an urgent report to the repair being done.",
        "days",
        Better.LOWER,
        BenefitGroup.CITIZENS,
        WhoMeasures.COORDINATORS,
        D(9),
        200,
        "Council repairs log (illustrative demo figure)",
        ((160, D(5)),),
        (
            (150, D(9), "amara", "Repairs log", "Median of the month's urgent jobs"),
            (100, D("8.5"), "amara", "Repairs log", "Median of the month's urgent jobs"),
            (60, D(8), "amara", "Repairs log", "Median of the month's urgent jobs"),
            (25, D(8), "amara", "Repairs log", "Median of the month's urgent jobs"),
        ),
    ),
)


def load(demo: "Demo") -> None:
    panel = demo.initiative(SLUG)
    if Indicator.objects.filter(initiative=panel).exists():
        return
    amara = demo.people["amara"]
    today = datetime.date.today()
    for (
        name,
        measures,
        unit,
        better,
        group,
        who,
        baseline,
        baseline_ago,
        source,
        targets,
        measurements,
    ) in INDICATORS:
        indicator = services.indicator_save(
            actor=amara,
            initiative=panel,
            name=name,
            measures=measures,
            unit=unit,
            better=better,
            benefit_group=group,
            who_measures=who,
            baseline_value=baseline,
            baseline_on=today - datetime.timedelta(baseline_ago),
            baseline_source=source,
            targets=[(today + datetime.timedelta(ahead), value) for ahead, value in targets],
        )
        for ago, value, username, where, method in measurements:
            services.measurement_record(
                actor=amara,
                indicator=indicator,
                value=value,
                measured_on=today - datetime.timedelta(ago),
                source=f"{where} (illustrative)",
                method=method,
                measured_by=demo.people[username],
            )
