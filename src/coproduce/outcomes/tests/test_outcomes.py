"""Indicators, measurements (each a co-assessment contribution of the measurer, on the side
their membership gives them), the CSV import (all rows or none) and the on-track rule."""

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from conftest import World
from coproduce.core.vocabulary import ContributionKind, Side, StageKind, Unit
from coproduce.outcomes import selectors, services
from coproduce.outcomes.models import (
    BenefitGroup,
    Better,
    Indicator,
    Measurement,
    MonthlyFigure,
    Target,
    WhoMeasures,
)
from coproduce.record.models import Contribution

D = Decimal
DAY = datetime.date


def define(world: World, **changes: Any) -> Indicator:
    fields: dict[str, Any] = {
        "name": "Repairs right first time",
        "measures": "Share of repairs fixed at the first visit",
        "unit": "%",
        "better": Better.HIGHER,
        "benefit_group": BenefitGroup.SERVICE_USERS,
        "who_measures": WhoMeasures.MEMBERS,
        "baseline_value": D(60),
        "baseline_on": DAY(2026, 1, 1),
        "baseline_source": "Repairs log",
        "targets": [(DAY(2026, 11, 1), D(80)), (DAY(2027, 11, 1), D(90))],
    }
    fields.update(changes)
    return services.indicator_save(actor=world.coordinator, initiative=world.initiative, **fields)


def measure(world: World, indicator: Indicator, value: Any, day: DAY, actor: Any = None) -> Any:
    return services.measurement_record(
        actor=actor or world.member,
        indicator=indicator,
        value=D(value),
        measured_on=day,
        source="Doorstep survey",
        method="20 tenants asked",
    )


def test_a_coordinator_defines_an_indicator_with_its_targets(world: World) -> None:
    indicator = define(world)
    assert list(Target.objects.filter(indicator=indicator).values_list("due_on", "value")) == [
        (DAY(2026, 11, 1), D(80)),
        (DAY(2027, 11, 1), D(90)),
    ]
    services.indicator_save(
        actor=world.coordinator,
        initiative=world.initiative,
        indicator=indicator,
        unit="per cent",
        targets=[(DAY(2027, 6, 1), D(85))],
    )
    indicator.refresh_from_db()
    assert indicator.unit == "per cent"
    assert list(indicator.targets.values_list("due_on", "value")) == [(DAY(2027, 6, 1), D(85))]


def test_a_member_cannot_define_an_indicator_and_nothing_is_saved(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.indicator_save(
            actor=world.member, initiative=world.initiative, name="Mine", targets=[]
        )
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"targets": [(DAY(2025, 6, 1), D(70))]}, "targets"),
        ({"targets": [(DAY(2027, 1, 1), D(70)), (DAY(2027, 1, 1), D(75))]}, "targets"),
        ({"baseline_value": D("0.00001")}, "baseline_value"),
        ({"baseline_value": D("Infinity")}, "baseline_value"),
        ({"baseline_on": DAY(1999, 12, 31)}, "baseline_on"),
        ({"benefit_group": "everyone"}, "benefit_group"),
    ],
)
def test_a_wrong_indicator_is_refused_naming_the_field(
    world: World, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        define(world, **changes)
    assert field in refused.value.message_dict
    assert not Indicator.objects.exists()


def test_a_measurement_is_the_measurers_contribution_on_their_side(world: World) -> None:
    indicator = define(world)
    measurement = measure(world, indicator, "64.5", DAY(2026, 2, 10))
    assert measurement.side == Side.CITIZEN
    entry = Contribution.objects.get()
    assert (
        entry.contributor_id,
        entry.recorded_by_id,
        entry.side,
        entry.stage.kind,
        entry.kind,
        entry.quantity,
        entry.unit,
        entry.occurred_on,
        entry.source_id,
        entry.source_type_id,
    ) == (
        world.member.pk,
        world.member.pk,
        Side.CITIZEN,
        StageKind.CO_ASSESSMENT,
        ContributionKind.SKILLS,
        1,
        Unit.COUNT,
        DAY(2026, 2, 10),
        measurement.pk,
        ContentType.objects.get_for_model(Measurement).pk,
    )


def test_a_coordinator_names_the_member_who_measured(world: World) -> None:
    indicator = define(world, who_measures=WhoMeasures.COORDINATORS)
    measurement = services.measurement_record(
        actor=world.coordinator,
        indicator=indicator,
        value=D(70),
        measured_on=DAY(2026, 3, 1),
        source="Survey",
        method="Asked",
        measured_by=world.member,
    )
    assert (measurement.measured_by, measurement.side, measurement.recorded_by) == (
        world.member,
        Side.CITIZEN,
        world.coordinator,
    )
    entry = Contribution.objects.get()
    assert (entry.contributor, entry.recorded_by) == (world.member, world.coordinator)


def test_who_may_measure_is_the_indicators_setting(world: World) -> None:
    indicator = define(world, who_measures=WhoMeasures.COORDINATORS)
    with pytest.raises(PermissionDenied):
        measure(world, indicator, 64, DAY(2026, 2, 10))
    with pytest.raises(PermissionDenied):
        measure(world, indicator, 64, DAY(2026, 2, 10), actor=world.staff)
    assert not Measurement.objects.exists()
    assert not Contribution.objects.exists()
    measure(world, indicator, 64, DAY(2026, 2, 10), actor=world.coordinator)
    assert Measurement.objects.get().side == Side.REGULAR_PRODUCER


def test_a_member_cannot_name_someone_else_as_the_measurer(world: World) -> None:
    indicator = define(world)
    with pytest.raises(PermissionDenied):
        services.measurement_record(
            actor=world.member,
            indicator=indicator,
            value=D(1),
            measured_on=DAY(2026, 2, 1),
            source="s",
            method="m",
            measured_by=world.coordinator,
        )
    assert not Measurement.objects.exists()


def test_a_measurement_in_the_future_or_without_a_source_is_refused(world: World) -> None:
    indicator = define(world)
    tomorrow = datetime.date.today() + datetime.timedelta(1)
    with pytest.raises(ValidationError) as refused:
        measure(world, indicator, 1, tomorrow)
    assert "measured_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.measurement_record(
            actor=world.member,
            indicator=indicator,
            value=D(1),
            measured_on=DAY(2026, 2, 1),
            source=" ",
            method="m",
        )
    assert "source" in refused.value.message_dict
    assert not Measurement.objects.exists()
    assert not MonthlyFigure.objects.filter(count__gt=0).exists()


def test_measurements_are_append_only(world: World) -> None:
    measurement = measure(world, define(world), 64, DAY(2026, 2, 10))
    with pytest.raises(PermissionError):
        measurement.save()
    table = Measurement._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = 99 WHERE id = %s", [measurement.pk])  # noqa: S608
    assert Measurement.objects.get().value == D(64)


def test_the_monthly_figures_count_and_average_each_month(world: World) -> None:
    indicator = define(world)
    for value, day in ((60, DAY(2026, 2, 1)), (65, DAY(2026, 2, 28)), (70, DAY(2026, 4, 3))):
        measure(world, indicator, value, day)
    assert [(m.month, m.count, m.mean) for m in selectors.months(indicator)] == [
        (DAY(2026, 2, 1), 2, D("62.5")),
        (DAY(2026, 4, 1), 1, D(70)),
    ]
    assert selectors.measurement_count(selectors.months(indicator)) == 3


def _progress(world: World, indicator: Indicator) -> selectors.Progress:
    indicator = Indicator.objects.get(pk=indicator.pk)
    latest = next(iter(selectors.recent_measurements(indicator, 1)), None)
    return selectors.progress(indicator, latest, list(indicator.targets.all()))


def test_progress_follows_the_line_from_the_baseline_to_the_next_target(world: World) -> None:
    # 60 on 1 Jan 2026 to 80 on 1 Nov 2026: 304 days; on 1 Jun (151 days) the line is at
    # 60 + 20 × 151/304 = 69.9342
    indicator = define(world)
    assert _progress(world, indicator).sentence == "No measurements yet."
    measure(world, indicator, 70, DAY(2026, 6, 1))
    found = _progress(world, indicator)
    assert (found.status, found.sentence) == (
        selectors.ON_TRACK,
        "On track: 70 % on 1 June 2026, against 69.9342 % expected on the way to 80 % by "
        "1 November 2026.",
    )
    measure(world, indicator, "69.9", DAY(2026, 6, 1))
    assert _progress(world, indicator).status == selectors.BEHIND
    measure(world, indicator, 81, DAY(2026, 7, 1))
    found = _progress(world, indicator)
    assert (found.status, found.sentence) == (
        selectors.MET,
        "Target met: 81 % on 1 July 2026, against 80 % by 1 November 2026.",
    )


def test_lower_is_better_and_a_passed_target_not_met_is_behind(world: World) -> None:
    indicator = define(
        world,
        unit="days",
        better=Better.LOWER,
        baseline_value=D(9),
        targets=[(DAY(2026, 3, 1), D(5))],
    )
    measure(world, indicator, 4, DAY(2026, 2, 1))
    assert _progress(world, indicator).status == selectors.MET
    measure(world, indicator, 6, DAY(2026, 4, 1))
    found = _progress(world, indicator)
    assert (found.status, found.sentence) == (
        selectors.BEHIND,
        "Behind: 6 days on 1 April 2026, and the target was 5 days by 1 March 2026.",
    )


def test_without_targets_progress_says_so(world: World) -> None:
    indicator = define(world, targets=[])
    measure(world, indicator, 61, DAY(2026, 2, 1))
    found = _progress(world, indicator)
    assert (found.status, found.sentence) == (
        selectors.NO_TARGET,
        "No target set; the latest measurement is 61 %.",
    )


def test_the_docs_state_the_rule_the_page_applies() -> None:
    docs = Path(__file__).resolve().parents[4] / "docs" / "adr" / "0029-outcome-indicators.md"
    assert " ".join(selectors.RULE.split()) in " ".join(docs.read_text().split())


CSV = "date,value,source,method,measured_by\n{rows}"


def test_a_csv_import_adds_every_row_with_its_measurer(world: World) -> None:
    indicator = define(world, who_measures=WhoMeasures.COORDINATORS)
    text = CSV.format(rows='2026-02-01,61,Log,Count,member\n2026-03-01,"1,062.5",Log,Count,\n')
    added = services.measurements_import_csv(
        actor=world.coordinator, indicator=indicator, text=text
    )
    assert [(m.value, m.measured_by, m.side) for m in added] == [
        (D(61), world.member, Side.CITIZEN),
        (D("1062.5"), world.coordinator, Side.REGULAR_PRODUCER),
    ]
    assert Contribution.objects.filter(kind=ContributionKind.SKILLS).count() == 2


def test_a_csv_import_with_a_wrong_row_adds_nothing_and_names_the_rows(world: World) -> None:
    indicator = define(world)
    text = CSV.format(
        rows="2026-02-01,61,Log,Count,member\n"
        "01/03/2026,62,Log,Count,\n"
        "2026-03-02,lots,Log,Count,\n"
        "2026-03-03,62,Log,Count,outsider\n"
        "2026-03-04,62,,Count,\n"
        "2026-03-05,62,Log,Count,nobody\n"
    )
    with pytest.raises(ValidationError) as refused:
        services.measurements_import_csv(actor=world.coordinator, indicator=indicator, text=text)
    assert refused.value.message_dict["file"] == [
        "Nothing was imported. Fix row 3: the date '01/03/2026' must be written YYYY-MM-DD; "
        "row 4: the value 'lots' must be a number; row 5: "
        "no member of this initiative has that username; row 6: say where the value comes "
        "from; row 7: no member of this initiative has that username."
    ]
    assert not Measurement.objects.exists()
    assert not Contribution.objects.exists()


def test_a_csv_import_names_missing_columns_and_is_a_coordinators(world: World) -> None:
    indicator = define(world)
    with pytest.raises(ValidationError) as refused:
        services.measurements_import_csv(
            actor=world.coordinator, indicator=indicator, text="date,value\n2026-02-01,3\n"
        )
    assert refused.value.message_dict["file"] == [
        "The first row must name the columns; missing: method, source."
    ]
    with pytest.raises(PermissionDenied):
        services.measurements_import_csv(
            actor=world.member, indicator=indicator, text=CSV.format(rows="2026-02-01,1,a,b,\n")
        )
    assert not Measurement.objects.exists()


def test_a_csv_header_too_long_to_read_is_refused_naming_row_one(world: World) -> None:
    indicator = define(world)
    with pytest.raises(ValidationError) as refused:
        services.measurements_import_csv(
            actor=world.coordinator,
            indicator=indicator,
            text=f"date,value,source,method,{'x' * 131_073}\n2026-02-01,3,a,b,\n",
        )
    assert refused.value.message_dict["file"] == [
        "Nothing was imported. Fix row 1: a field is longer than 131,072 characters."
    ]
    assert not Measurement.objects.exists()
