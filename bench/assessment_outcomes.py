"""The outcomes part of ``bench/assessment.py``: one indicator with 100,000 measurements.

``fill(connection)`` adds, in the caller's transaction: 21 people (a coordinator on the
professional side and 20 citizens, all active members), a public initiative, one indicator
(higher is better, a baseline five years ago and two targets) and its 100,000 measurements
over those five years by those people, each on their side, with the monthly figures the
service keeps beside them (count and sum a month, ADR 0029). Rows go in by bulk, with every
constraint, foreign key and the measurements' append-only triggers in force. The record's
entries for the measurements are not written: the indicator's page does not read them.

``readings()`` gives the anchor first, ``SELECT COUNT(*) FROM outcomes_measurement WHERE
indicator_id = %s``, then the indicator's page as a visitor gets it (Django's test client,
through the middleware, the view, its selectors and the template) and the indicator in the
API (``GET /api/v1/initiatives/{slug}/indicators/{id}/``, with its progress).
"""

import datetime
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

SLUG = "bench-assessment-outcomes"
MEASUREMENTS = 100_000
YEARS = 5
UNUSABLE = "!bench"  # starts with "!": Django's mark of a password no one can use
SIZE = {"version": 1, "measurements": MEASUREMENTS}
MEASUREMENT_COLUMNS = (
    "id", "value", "measured_on", "source", "method", "side", "recorded_at", "indicator_id",
    "measured_by_id", "recorded_by_id",
)  # fmt: skip


def fill(connection: Any) -> None:
    from diagnostics import Loader  # bench/diagnostics.py, beside this script
    from django.utils import timezone

    from coproduce.accounts.models import User
    from coproduce.core.vocabulary import Role, ServiceArea, Side
    from coproduce.initiatives.models import Initiative, Membership, MembershipStatus
    from coproduce.outcomes.models import Indicator, MonthlyFigure, Target

    rng = random.Random(19)
    today = datetime.date.today()
    start = today - datetime.timedelta(days=365 * YEARS)
    people = User.objects.bulk_create(
        User(username=f"bench-outcomes-{i}", password=UNUSABLE) for i in range(21)
    )
    initiative = Initiative.objects.create(
        slug=SLUG,
        title="Benchmark: one indicator, 100,000 measurements",
        summary="Outcomes measured every day for five years.",
        service_area=ServiceArea.HOUSING,
        created_by=people[0],
    )
    Membership.objects.bulk_create(
        Membership(
            initiative=initiative,
            user=person,
            side=Side.REGULAR_PRODUCER if i == 0 else Side.CITIZEN,
            role=Role.MANAGER if i == 0 else Role.RESIDENT,
            is_coordinator=i == 0,
            status=MembershipStatus.ACTIVE,
        )
        for i, person in enumerate(people)
    )
    indicator = Indicator.objects.create(
        initiative=initiative,
        name="Repairs right first time",
        measures="Share of repairs fixed at the first visit",
        unit="%",
        benefit_group="service_users",
        baseline_value=Decimal(60),
        baseline_on=start,
        baseline_source="Repairs log",
        created_by=people[0],
    )
    Target.objects.bulk_create(
        [
            Target(indicator=indicator, due_on=today, value=Decimal(80)),
            Target(indicator=indicator, due_on=today + datetime.timedelta(365), value=Decimal(85)),
        ]
    )
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    loader = Loader()
    first = loader.next_id("outcomes_measurement")
    span = (today - start).days
    months: dict[datetime.date, list[Any]] = {}
    rows = []
    for n in range(MEASUREMENTS):
        day = start + datetime.timedelta(days=span * n // MEASUREMENTS)
        value = Decimal(60 + 20 * n // MEASUREMENTS + rng.randint(-5, 5))
        who = rng.randrange(21)
        side = "regular_producer" if who == 0 else "citizen"
        person = people[who].pk
        rows.append(
            (first + n, value, day.isoformat(), "Survey", "Asked", side, stamp, indicator.pk,
             person, person)
        )  # fmt: skip
        figure = months.setdefault(day.replace(day=1), [0, Decimal(0)])
        figure[0] += 1
        figure[1] += value
    rng.shuffle(rows)  # written over time, not in the order of the days measured
    loader.load("outcomes_measurement", MEASUREMENT_COLUMNS, rows)
    MonthlyFigure.objects.bulk_create(
        MonthlyFigure(indicator=indicator, month=month, count=count, total=total)
        for month, (count, total) in sorted(months.items())
    )


def readings() -> list[tuple[str, Callable[[], Any]]]:
    from django.db import connection
    from django.test import Client

    from coproduce.outcomes.models import Indicator

    indicator = Indicator.objects.get(initiative__slug=SLUG)
    client = Client()
    page = f"/initiatives/{SLUG}/outcomes/{indicator.pk}/"
    api = f"/api/v1/initiatives/{SLUG}/indicators/{indicator.pk}/"

    def count() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM outcomes_measurement WHERE indicator_id = %s",
                [indicator.pk],
            )
            return cursor.fetchone()

    def get(path: str) -> Callable[[], Any]:
        def run() -> Any:
            answer = client.get(path)
            if answer.status_code != 200:
                raise RuntimeError(f"GET {path}: {answer.status_code}")
            return answer

        return run

    return [
        ("`COUNT(*)` of the indicator's measurements (anchor)", count),
        ("the indicator's page (test client)", get(page)),
        ("`GET …/indicators/{id}/` (test client)", get(api)),
    ]
