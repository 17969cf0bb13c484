"""The outcome pages, the initiative page's panel and the accountability section."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils.html import escape

from conftest import World
from coproduce.outcomes import panels, selectors
from coproduce.outcomes.models import Indicator, Measurement, WhoMeasures
from coproduce.outcomes.tests.test_api import INDICATOR
from coproduce.outcomes.tests.test_outcomes import define, measure
from coproduce.record.models import Contribution

DAY = datetime.date
INDICATOR_FIELDS = {name: value for name, value in INDICATOR.items() if name != "targets"}


def url(world: World, tail: str = "") -> str:
    return f"/initiatives/{world.initiative.slug}/outcomes/{tail}"


def test_the_indicator_page_draws_the_chart_beside_the_tables_and_says_how_it_goes(
    client: Client, world: World
) -> None:
    indicator = define(world)
    measure(world, indicator, 70, DAY(2026, 6, 1))
    page = client.get(url(world, f"{indicator.pk}/"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "<strong>On track.</strong> On track: 70 % on 1 June 2026, against 69.9342 %" in text
    assert "<polyline" in text and 'aria-hidden="true"' in text
    assert "<td>Jun 2026</td><td>1</td><td>70</td>" in text
    assert escape(str(selectors.RULE)) in text
    assert "Record a measurement" not in text  # anonymous visitors get no form …
    assert "Mo Member (citizen co-producer)" in text  # … but see who measured, and on which side


def test_a_member_records_a_measurement_on_the_page(client: Client, world: World) -> None:
    indicator = define(world)
    client.force_login(world.member)
    page = url(world, f"{indicator.pk}/")
    wrong = client.post(page, {"value": "64", "measured_on": "2026-02-01", "method": "Asked"})
    assert wrong.status_code == 400
    assert "There is a problem" in wrong.content.decode()
    assert not Measurement.objects.exists()
    done = client.post(
        page, {"value": "64", "measured_on": "2026-02-01", "source": "Survey", "method": "Asked"}
    )
    assert done.status_code == 302
    assert Measurement.objects.get().measured_by == world.member
    assert Contribution.objects.get().contributor == world.member


def test_a_member_may_not_post_a_measurement_where_only_coordinators_measure(
    client: Client, world: World
) -> None:
    indicator = define(world, who_measures=WhoMeasures.COORDINATORS)
    client.force_login(world.member)
    page = url(world, f"{indicator.pk}/")
    assert "Record a measurement" not in client.get(page).content.decode()
    refused = client.post(
        page, {"value": "64", "measured_on": "2026-02-01", "source": "S", "method": "M"}
    )
    assert refused.status_code == 403
    assert not Measurement.objects.exists()


def test_a_coordinator_defines_an_indicator_on_the_page(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    fields = {**INDICATOR_FIELDS, "targets": "2027-01-01, 70\nsoon, 80"}
    wrong = client.post(url(world, "new/"), fields)
    assert wrong.status_code == 400
    assert "Line 2: write the day and the value" in wrong.content.decode()
    assert not Indicator.objects.exists()
    fields["targets"] = "2027-01-01, 70\n2028-01-01, 80"
    done = client.post(url(world, "new/"), fields)
    indicator = Indicator.objects.get()
    assert done.status_code == 302 and done["Location"] == url(world, f"{indicator.pk}/")
    assert list(indicator.targets.values_list("value", flat=True)) == [Decimal(70), Decimal(80)]
    edit = client.get(url(world, f"{indicator.pk}/edit/")).content.decode()
    assert "2027-01-01, 70\n2028-01-01, 80" in edit


def test_a_coordinator_imports_a_csv_on_the_page(client: Client, world: World) -> None:
    indicator = define(world)
    client.force_login(world.coordinator)
    page = url(world, f"{indicator.pk}/import/")

    def upload(text: str) -> SimpleUploadedFile:
        return SimpleUploadedFile("m.csv", text.encode(), content_type="text/csv")

    wrong = client.post(
        page, {"measurements_file": upload("date,value,source,method\n2026-02-01,x,a,b\n")}
    )
    assert wrong.status_code == 400
    assert "Nothing was imported. Fix row 2: the value" in wrong.content.decode()
    assert not Measurement.objects.exists()
    done = client.post(
        page,
        {
            "measurements_file": upload(
                "date,value,source,method,measured_by\n2026-02-01,3,a,b,member\n"
            )
        },
    )
    assert done.status_code == 302
    assert Measurement.objects.get().measured_by == world.member


def test_the_initiative_page_and_the_accountability_section_show_each_indicator(
    client: Client, world: World
) -> None:
    indicator = define(world)
    measure(world, indicator, 81, DAY(2026, 7, 1))
    page = client.get(f"/initiatives/{world.initiative.slug}/").content.decode()
    assert "Repairs right first time</a>: Target met: 81 % on 1 July 2026" in page
    request = RequestFactory().get("/")
    request.user = world.outsider
    context = panels.accountability(request, world.initiative)
    assert context is not None
    html = render_to_string(
        "outcomes/accountability.html",
        {"panel": context, "initiative": world.initiative},
        request=request,
    )
    assert "Outcomes against targets" in html
    assert "81 % (1 Jul 2026)" in html
    assert "80 % by 1 Nov 2026" in html
    assert "Mo Member" not in html  # who measured is on the indicator's page only


def test_no_accountability_section_without_indicators(world: World) -> None:
    request = RequestFactory().get("/")
    request.user = world.outsider
    assert panels.accountability(request, world.initiative) is None


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN", "1e999999999"])
def test_a_target_that_is_no_finite_number_in_range_is_a_form_error(
    client: Client, world: World, value: str
) -> None:
    client.force_login(world.coordinator)
    targets = f"2027-01-01, 70\n2027-01-01, {value}\n2028-01-01, {value}"
    wrong = client.post(url(world, "new/"), {**INDICATOR_FIELDS, "targets": targets})
    assert wrong.status_code == 400
    assert "Line 2: Give a number smaller than 10,000,000,000 either way." in wrong.content.decode()
    assert not Indicator.objects.exists()


def _upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("m.csv", text.encode(), content_type="text/csv")


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("2026-02-01,1e999999999,a,b", "row 2: give a number smaller than"),
        ("2026-02-01,-1e999999999,a,b", "row 2: give a number smaller than"),
        ("2026-02-01,NaN,a,b", "row 2: give a number smaller than"),
        ("2026-02-01,3,a\x00b,c", "row 2: write the source without null characters"),
        ("2026-02-01,3,a,b\x00c", "row 2: write the method without null characters"),
        ("2026-02-01,3,a,b,mem\x00ber", "row 2: no member of this initiative has that username"),
        (f"2026-02-01,3,a,{'b' * 131_073}", "row 2: a field is longer than 131,072 characters"),
    ],
    ids=["huge", "huge-negative", "nan", "nul-source", "nul-method", "nul-username", "long-field"],
)
def test_a_csv_row_the_database_cannot_hold_is_a_form_error_naming_the_row(
    client: Client, world: World, row: str, problem: str
) -> None:
    indicator = define(world)
    client.force_login(world.coordinator)
    text = f"date,value,source,method,measured_by\n2026-02-01,3,a,b,\n{row}\n"
    wrong = client.post(url(world, f"{indicator.pk}/import/"), {"measurements_file": _upload(text)})
    assert wrong.status_code == 400
    html = wrong.content.decode()
    assert "Nothing was imported. Fix" in html
    assert problem.replace(" 2:", " 3:") in html
    assert not Measurement.objects.exists()
    assert not Contribution.objects.exists()
