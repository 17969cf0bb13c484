"""Writes for outcomes: indicators (coordinators and staff), measurements (as each
indicator allows), and measurements imported from CSV (coordinators, all rows or none)."""

import csv
import datetime
import io
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.accounts.selectors import user_by_username
from coproduce.core import gate
from coproduce.core.dates import check_date, date_problem
from coproduce.core.queries import storable_text
from coproduce.core.vocabulary import ContributionKind, StageKind, Unit
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import standing
from coproduce.initiatives.services import do_stage_for_record
from coproduce.outcomes.models import (
    VALUE_DIGITS,
    VALUE_PLACES,
    Indicator,
    Measurement,
    MonthlyFigure,
    Target,
)
from coproduce.record import services as record

INDICATOR_FIELDS = (
    "name",
    "measures",
    "unit",
    "better",
    "benefit_group",
    "who_measures",
    "baseline_value",
    "baseline_on",
    "baseline_source",
)
MAX_TARGETS = 20
MAX_IMPORTED = 5000
LARGEST = Decimal(10) ** (VALUE_DIGITS - VALUE_PLACES)


def check_value(field: str, value: Decimal) -> None:
    """A finite value with at most four decimal places, within the column's range (read
    without rounding: ``abs`` of 1e999999999 overflows)."""
    if not value.is_finite() or value.copy_abs() >= LARGEST:
        raise ValidationError(
            {
                field: _("Give a number smaller than %(largest)s either way.")
                % {"largest": f"{LARGEST:,}"}
            }
        )
    if value != value.quantize(Decimal(1).scaleb(-VALUE_PLACES)):
        raise ValidationError(
            {field: _("Give at most %(places)s decimal places.") % {"places": VALUE_PLACES}}
        )


def _check_targets(indicator: Indicator, targets: list[tuple[datetime.date, Decimal]]) -> None:
    if len(targets) > MAX_TARGETS:
        raise ValidationError(
            {"targets": _("Give at most %(most)s targets.") % {"most": MAX_TARGETS}}
        )
    days = [day for day, _ in targets]
    if len(set(days)) != len(days):
        raise ValidationError({"targets": _("Give each target its own day.")})
    for day, value in targets:
        check_value("targets", value)
        if problem := date_problem(day):
            raise ValidationError({"targets": problem})
        if day <= indicator.baseline_on:
            raise ValidationError({"targets": _("Every target falls after the baseline's day.")})


@transaction.atomic
def indicator_save(
    *,
    actor: Any,
    initiative: Initiative,
    indicator: Indicator | None = None,
    targets: Iterable[tuple[datetime.date, Decimal]] | None = None,
    **fields: Any,
) -> Indicator:
    """Define an indicator, or change one (``indicator``); ``targets``, when given, replace
    the indicator's targets."""
    gate.require(actor, "outcomes.manage", initiative)
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"Not an indicator's field: {sorted(unknown)}")
    if indicator is None:
        indicator = Indicator(initiative=initiative, created_by=actor)
    elif indicator.initiative_id != initiative.pk:
        raise ValueError("The indicator belongs to another initiative.")
    for name, value in fields.items():
        setattr(indicator, name, value.strip() if isinstance(value, str) else value)
    if indicator.baseline_value is not None:
        check_value("baseline_value", indicator.baseline_value)
    if indicator.baseline_on is not None:
        check_date("baseline_on", indicator.baseline_on, past_only=True)
    taken = Indicator.objects.filter(initiative=initiative, name__iexact=indicator.name)
    if taken.exclude(pk=indicator.pk).exists():
        raise ValidationError({"name": _("This initiative has an indicator of that name already.")})
    indicator.full_clean(exclude=["initiative", "created_by"])
    if targets is not None:
        wanted = sorted(targets, key=lambda target: target[0])
        _check_targets(indicator, wanted)
    indicator.save()
    if targets is not None:
        Target.objects.filter(indicator=indicator).delete()
        Target.objects.bulk_create(
            Target(indicator=indicator, due_on=day, value=value) for day, value in wanted
        )
    return indicator


def _measurer_side(indicator: Indicator, person: Any) -> str:
    found = standing(person, indicator.initiative)
    if not found.active or found.side is None:
        raise ValidationError({"measured_by": NO_SUCH_MEMBER})
    return str(found.side)


def _checked(
    indicator: Indicator, value: Decimal, measured_on: datetime.date, source: str, method: str
) -> None:
    for field, text in (("source", source), ("method", method)):
        if not storable_text(text):
            unstorable = {
                "source": _("Write the source without null characters."),
                "method": _("Write the method without null characters."),
            }
            raise ValidationError({field: unstorable[field]})
    check_value("value", value)
    check_date("measured_on", measured_on, past_only=True)
    if not source.strip():
        raise ValidationError({"source": _("Say where the value comes from.")})
    if not method.strip():
        raise ValidationError({"method": _("Say how it was measured.")})
    if len(source) > 300 or len(method) > 300:
        raise ValidationError({"source": _("Keep the source and the method to 300 characters.")})


def _add(
    *,
    actor: Any,
    indicator: Indicator,
    value: Decimal,
    measured_on: datetime.date,
    source: str,
    method: str,
    measured_by: Any,
    side: str,
) -> Measurement:
    """Save a checked measurement, count it in its month and write it to the record."""
    measurement = Measurement(
        indicator=indicator,
        value=value,
        measured_on=measured_on,
        source=source.strip(),
        method=method.strip(),
        measured_by=measured_by,
        side=side,
        recorded_by=actor,
    )
    measurement.save()
    month = measured_on.replace(day=1)
    MonthlyFigure.objects.get_or_create(indicator=indicator, month=month)
    MonthlyFigure.objects.filter(indicator=indicator, month=month).update(
        count=F("count") + 1, total=F("total") + value
    )
    initiative = indicator.initiative
    record.do_record_contribution(
        source=measurement,
        recorded_by=actor,
        contributor=measured_by,
        initiative=initiative,
        stage=do_stage_for_record(initiative, StageKind.CO_ASSESSMENT),
        kind=ContributionKind.SKILLS,
        quantity=1,
        unit=Unit.COUNT,
        occurred_on=measured_on,
        description=(_("Measured %(indicator)s") % {"indicator": indicator.name})[:500],
    )
    return measurement


@transaction.atomic
def measurement_record(
    *,
    actor: Any,
    indicator: Indicator,
    value: Decimal,
    measured_on: datetime.date,
    source: str,
    method: str,
    measured_by: Any = None,
) -> Measurement:
    """Record a measurement: by the person who measured it, as the indicator allows, or by
    a coordinator naming the member who did. The side is the measurer's membership's."""
    gate.require(actor, "outcomes.measure", indicator)
    measured_by = measured_by or actor
    if measured_by.pk != actor.pk:
        gate.require(actor, "outcomes.measure_for_others", indicator)
    side = _measurer_side(indicator, measured_by)
    _checked(indicator, value, measured_on, source, method)
    return _add(
        actor=actor,
        indicator=indicator,
        value=value,
        measured_on=measured_on,
        source=source,
        method=method,
        measured_by=measured_by,
        side=side,
    )


IMPORT_COLUMNS = ("date", "value", "source", "method")


def _imported_row(
    indicator: Indicator, row: dict[str, str], actor: Any, people: dict[str, Any]
) -> dict[str, Any] | str:
    """One row's measurement, or what is wrong with it."""
    try:
        day = datetime.date.fromisoformat(row["date"])
    except ValueError:
        return _("the date %(date)s must be written YYYY-MM-DD") % {"date": repr(row["date"])}
    try:
        value = Decimal(row["value"].replace(",", ""))
    except InvalidOperation:
        return _("the value %(value)s must be a number") % {"value": repr(row["value"])}
    username = row.get("measured_by", "")
    person = actor
    if username:
        if username.lower() not in people:
            people[username.lower()] = user_by_username(username)
        person = people[username.lower()]
        if person is None:  # as for a person who is not a member: which names exist stays unsaid
            return NO_SUCH_MEMBER.rstrip(".").lower()
    try:
        _checked(indicator, value, day, row["source"], row["method"])
        side = _measurer_side(indicator, person)
    except ValidationError as error:
        return "; ".join(error.messages).rstrip(".").lower()
    return {
        "value": value,
        "measured_on": day,
        "source": row["source"],
        "method": row["method"],
        "measured_by": person,
        "side": side,
    }


def _unreadable(line: int, error: csv.Error) -> ValidationError:
    """The answer to a row the CSV reader gave up on (the first too long a field)."""
    if "field limit" in str(error):
        problem = _("a field is longer than %(limit)s characters") % {
            "limit": f"{csv.field_size_limit():,}"
        }
    else:
        problem = _("it cannot be read as CSV; save the file again as CSV UTF-8")
    return ValidationError(
        {
            "file": _("Nothing was imported. Fix row %(line)s: %(problem)s.")
            % {"line": line, "problem": problem}
        }
    )


@transaction.atomic
def measurements_import_csv(*, actor: Any, indicator: Indicator, text: str) -> list[Measurement]:
    """Measurements from a spreadsheet, all added or none. Columns (a header row names
    them, in any order): date, value, source, method, and optionally measured_by (a member's
    username; the importer when empty). Every row is checked before any is added."""
    gate.require(actor, "outcomes.measure_for_others", indicator)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        names = reader.fieldnames or []
    except csv.Error as error:
        raise _unreadable(1, error) from None
    header = {(name or "").strip().lower() for name in names}
    missing = set(IMPORT_COLUMNS) - header
    if missing:
        raise ValidationError(
            {
                "file": _("The first row must name the columns; missing: %(missing)s.")
                % {"missing": ", ".join(sorted(missing))}
            }
        )
    rows: list[dict[str, str]] = []
    try:
        for raw in reader:
            rows.append(
                {
                    (k or "").strip().lower(): (v or "").strip()
                    for k, v in raw.items()
                    if k is not None
                }
            )
    except csv.Error as error:
        raise _unreadable(len(rows) + 2, error) from None
    if not rows or len(rows) > MAX_IMPORTED:
        raise ValidationError(
            {"file": _("Give between 1 and %(most)s measurements.") % {"most": f"{MAX_IMPORTED:,}"}}
        )
    people: dict[str, Any] = {}
    problems, ready = [], []
    for line, row in enumerate(rows, start=2):
        checked = _imported_row(indicator, row, actor, people)
        if isinstance(checked, str):
            problems.append(_("row %(line)s: %(problem)s") % {"line": line, "problem": checked})
        else:
            ready.append(checked)
    if problems:
        more = len(problems) - 10
        shown = problems[:10] + ([_("and %(more)s more") % {"more": more}] if more > 0 else [])
        raise ValidationError(
            {"file": _("Nothing was imported. Fix %(problems)s.") % {"problems": "; ".join(shown)}}
        )
    return [_add(actor=actor, indicator=indicator, **fields) for fields in ready]
