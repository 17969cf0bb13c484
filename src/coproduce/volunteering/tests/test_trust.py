"""Hostile input to volunteering: formulas in the report's CSV, implausible dates, a report
asked for without its dates, and names of people outside the initiative."""

import csv
import datetime
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import add_member, make_user
from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.core.dates import IN_THE_FUTURE, TOO_EARLY, TOO_LATE
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives
from coproduce.volunteering import services
from coproduce.volunteering.models import BackgroundCheck, HoursLog, Opportunity, Shift
from coproduce.volunteering.tests.conftest import Rota

HYPERLINK = '=HYPERLINK("http://evil.example/","Click")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"


def test_the_report_csv_neutralises_names_that_start_a_formula(client, rota: Rota) -> None:
    initiative, coordinator = rota.world.initiative, rota.world.coordinator
    Opportunity.objects.filter(pk=rota.opportunity.pk).update(title=HYPERLINK)
    rota.opportunity.refresh_from_db()
    hostile = make_user("-2+3")
    add_member(initiative, hostile)
    today = timezone.localdate()
    log = services.hours_log(
        actor=hostile, opportunity=rota.opportunity, minutes=90, worked_on=today
    )
    services.hours_decide(actor=coordinator, log=log, approve=True)
    initiative.title = DDE
    initiative.save(update_fields=["title"])
    client.force_login(coordinator)
    answer = client.get(
        f"/initiatives/{initiative.slug}/volunteering/report/",
        {"start": today.replace(day=1).isoformat(), "end": today.isoformat(), "format": "csv"},
    )
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert list(csv.reader(io.StringIO(answer.content.decode()))) == [
        ["table", "name", "minutes", "credits_minutes", "people_or_entries"],
        ["person", "'-2+3", "90", "90", "1"],
        ["opportunity", "'" + HYPERLINK, "90", "90", "1"],
        ["organisation", "'" + DDE, "90", "90", "1"],
        ["month", f"{today:%Y-%m}", "90", "90", "1"],
    ]


def test_hours_on_implausible_days_are_refused_naming_the_day(api, rota: Rota) -> None:
    initiative = rota.world.initiative
    api.force_authenticate(rota.volunteers[0])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    answers = [
        api.post(
            f"/api/v1/initiatives/{initiative.slug}/hours/",
            {"opportunity": rota.opportunity.pk, "minutes": 60, "worked_on": day},
            format="json",
        )
        for day in ("0001-01-01", "1999-12-31", tomorrow.isoformat())
    ]
    assert [(a.status_code, a.json()) for a in answers] == [
        (400, {"worked_on": [TOO_EARLY]}),
        (400, {"worked_on": [TOO_EARLY]}),
        (400, {"worked_on": [IN_THE_FUTURE]}),
    ]
    assert HoursLog.objects.count() == 0


def test_a_shift_in_9999_is_refused(api, rota: Rota) -> None:
    api.force_authenticate(rota.world.coordinator)
    shifts = f"/api/v1/initiatives/{rota.world.initiative.slug}/shifts/"
    body = {"opportunity": rota.opportunity.pk, "capacity": 2}
    answers = [
        api.post(shifts, {**body, "starts_at": start, "ends_at": end}, format="json")
        for start, end in (
            ("9999-12-31T10:00:00Z", "9999-12-31T12:00:00Z"),
            ("9999-12-31T20:00:00-05:00", "9999-12-31T22:00:00-05:00"),
            ("0001-01-01T10:00:00Z", "0001-01-01T12:00:00Z"),
        )
    ]
    assert [a.status_code for a in answers] == [400, 400, 400]
    assert answers[0].json() == {"starts_at": [TOO_LATE]}
    out_of_range = ["Datetime value out of range."]  # DRF's own: past the year 9999 in UTC
    assert answers[1].json() == {"starts_at": out_of_range, "ends_at": out_of_range}
    assert answers[2].json() == {"starts_at": [TOO_EARLY]}
    assert Shift.objects.count() == 1  # the rota's own


def test_a_background_check_valid_until_year_one_is_refused(rota: Rota) -> None:
    today = timezone.localdate()
    person = rota.volunteers[0]
    record = lambda checked_on, expires_on: services.check_record(  # noqa: E731
        actor=rota.world.coordinator,
        initiative=rota.world.initiative,
        person=person,
        level="basic",
        checked_on=checked_on,
        expires_on=expires_on,
    )
    refusals = []
    for checked_on, expires_on in (
        (today, datetime.date(1, 1, 1)),
        (today + datetime.timedelta(days=3), today + datetime.timedelta(days=300)),
        (today, today - datetime.timedelta(days=1)),
    ):
        with pytest.raises(ValidationError) as refused:
            record(checked_on, expires_on)
        refusals.append(refused.value.message_dict)
    assert refusals == [
        {"expires_on": [TOO_EARLY]},
        {"checked_on": [IN_THE_FUTURE]},
        {"expires_on": ["A check expires after the day it was made."]},
    ]
    assert BackgroundCheck.objects.count() == 0
    record(today, today + datetime.timedelta(days=365))
    assert BackgroundCheck.objects.count() == 1


def test_the_valuation_year_is_plausible(rota: Rota) -> None:
    coordinator, initiative = rota.world.coordinator, rota.world.initiative
    with pytest.raises(ValidationError) as refused:
        services.policy_set(actor=coordinator, initiative=initiative, value_year=9999)
    assert refused.value.message_dict == {
        "value_year": [f"Give a year up to {timezone.localdate().year}."]
    }
    saved = services.policy_set(actor=coordinator, initiative=initiative, value_year=2025)
    assert saved.value_year == 2025


def test_the_report_csv_without_dates_shows_the_form_saying_what_to_fix(client, rota: Rota) -> None:
    initiative = rota.world.initiative
    client.force_login(rota.world.coordinator)
    report = f"/initiatives/{initiative.slug}/volunteering/report/"
    answer = client.get(report, {"format": "csv"})
    assert (answer.status_code, answer["Content-Type"]) == (400, "text/html; charset=utf-8")
    assert answer.context["period"].errors == {
        "start": ["Give the first day of the report."],
        "end": ["Give the last day of the report."],
    }
    page = answer.content.decode()
    assert "Start: Give the first day of the report." in page
    assert '<input type="hidden" name="format" value="csv"' in page  # sent again: the CSV
    early = client.get(report, {"format": "csv", "start": "0001-01-01", "end": "2026-01-01"})
    assert early.context["period"].errors == {"start": [TOO_EARLY]}
    backwards = client.get(report, {"start": "2026-02-01", "end": "2026-01-01"})
    assert backwards.context["period"].errors == {
        "end": ["The last day must be on or after the first."]
    }
    today = timezone.localdate()
    fixed = client.get(
        report, {"format": "csv", "start": today.replace(day=1), "end": today.isoformat()}
    )
    assert (fixed.status_code, fixed["Content-Type"]) == (200, "text/csv; charset=utf-8")


def test_ids_and_names_from_another_initiative_look_like_missing_ones(api, rota: Rota) -> None:
    world = rota.world
    elsewhere = make_rota_elsewhere(world)
    add_member(world.other, make_user("hidden", display_name="Hidden Name"))
    base = f"/api/v1/initiatives/{world.initiative.slug}/"
    api.force_authenticate(rota.volunteers[0])
    today = timezone.localdate().isoformat()
    hours = [
        api.post(base + "hours/", {"opportunity": pk, "minutes": 60, "worked_on": today})
        for pk in (elsewhere.pk, 999_999)
    ]
    assert [(a.status_code, a.json()) for a in hours] == [
        (400, {"opportunity": [f'Invalid pk "{pk}" - object does not exist.']})
        for pk in (elsewhere.pk, 999_999)
    ]
    served = [
        api.post(
            base + "hours/",
            {"opportunity": rota.opportunity.pk, "minutes": 60, "worked_on": today, "served": to},
        )
        for to in ("hidden", "nobody-at-all")
    ]
    assert [(a.status_code, a.json()) for a in served] == [(400, {"served": [NO_SUCH_MEMBER]})] * 2
    assert HoursLog.objects.count() == 0
    api.force_authenticate(world.coordinator)
    later = (timezone.now() + datetime.timedelta(days=3)).isoformat()
    shifts = [
        api.post(
            base + "shifts/",
            {"opportunity": pk, "starts_at": later, "ends_at": later, "capacity": 2},
        )
        for pk in (elsewhere.pk, 999_999)
    ]
    assert [a.json() for a in shifts] == [
        {"opportunity": [f'Invalid pk "{pk}" - object does not exist.']}
        for pk in (elsewhere.pk, 999_999)
    ]
    stages = [
        api.post(base + "opportunities/", {"stage": pk, "title": "T", "role": "R"})
        for pk in (world.other_stage.pk, 999_999)
    ]
    assert [a.json()["stage"] for a in stages] == [
        [f'Invalid pk "{pk}" - object does not exist.'] for pk in (world.other_stage.pk, 999_999)
    ]
    assert Shift.objects.count() == 1 and Opportunity.objects.count() == 2


def make_rota_elsewhere(world: Any) -> Opportunity:
    """An opportunity in the other initiative."""
    stage = initiatives.stage_create(
        actor=world.other_coordinator, initiative=world.other, kind=StageKind.CO_PERFORMING
    )
    return services.opportunity_create(
        actor=world.other_coordinator,
        initiative=world.other,
        stage=stage,
        title="Elsewhere",
        role="Help",
        description="Help elsewhere.",
    )
