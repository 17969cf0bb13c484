"""Outcomes in a real browser on a phone's viewport: a coordinator defines an indicator with
its targets, a member records a measurement, and the page says how it goes; axe checks
every page."""

from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.outcomes.models import Indicator, Measurement
from tests.browser.conftest import fill

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs")
    add_member(initiative, make_user("mo", display_name="Mo Reid"))
    return initiative


def test_an_indicator_defined_measured_and_judged(open_page: Any, initiative: Any) -> None:
    cora = open_page()
    cora.sign_in("cora", PASSWORD)
    cora.visit(f"/initiatives/{initiative.slug}/")
    cora.page.get_by_role("link", name="Define an indicator").click()
    cora.check()
    form = cora.page
    fill(
        form,
        {
            "Name": "Repairs right first time",
            "What it measures": "Share of repairs fixed at the first visit",
            "Unit": "%",
            "Baseline value": "60",
            "Baseline measured on": "2026-01-01",
            "Baseline source": "Repairs log",
            "Targets": "2026-11-01, 80",
        },
    )
    form.get_by_label("Whom it serves").select_option("service_users")
    form.get_by_label("Who may measure it").select_option("members")
    form.get_by_role("button", name="Save").click()
    form.get_by_text("The indicator is saved.").wait_for()
    cora.check()
    assert Indicator.objects.get().targets.count() == 1

    mo = open_page()
    mo.sign_in("mo", PASSWORD)
    mo.visit(f"/initiatives/{initiative.slug}/outcomes/")
    mo.page.get_by_role("link", name="Repairs right first time").click()
    mo.check()
    mo.page.get_by_role("button", name="Record the measurement").click()  # empty: errors
    mo.page.get_by_role("heading", name="There is a problem").wait_for()
    mo.check()
    fill(
        mo.page,
        {
            "Value": "70",
            "Measured on": "2026-06-01",
            "Source": "Doorstep survey",
            "How it was measured": "20 tenants asked",
        },
    )
    mo.page.get_by_role("button", name="Record the measurement").click()
    mo.page.get_by_text("The measurement is recorded.").wait_for()
    mo.check()
    assert Measurement.objects.get().measured_by.username == "mo"
    assert mo.page.get_by_text("On track: 70 % on 1 June 2026").count() >= 1
    assert mo.page.get_by_role("cell", name="Mo Reid (citizen co-producer)").count() == 1
    mo.visit(f"/initiatives/{initiative.slug}/accountability/")  # against its target, in public
    assert "Repairs right first time" in mo.page.locator("main").inner_text()
