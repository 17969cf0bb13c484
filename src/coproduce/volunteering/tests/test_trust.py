"""Hostile input to volunteering: formulas in the report's CSV, implausible dates, a report
asked for without its dates, and names of people outside the initiative."""

import csv
import io

from django.utils import timezone

from conftest import add_member, make_user
from coproduce.volunteering import services
from coproduce.volunteering.models import Opportunity
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
