"""The diagnostics' inputs in a real browser: a coordinator sets the initiative's settings
and declares who plans and delivers a stage, which the record keeps as a declaration."""

import datetime
from decimal import Decimal
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.initiatives.models import DiagnosticSettings, JoinPolicy
from coproduce.record.models import Decision

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs", join_policy=JoinPolicy.OPEN)
    add_member(initiative, make_user("ann", display_name="Ann Reid"))
    return initiative


def test_a_coordinator_sets_the_diagnostics_and_declares_a_stage(
    page: Any, initiative: Any
) -> None:
    page.sign_in("cora", PASSWORD)
    page.visit(f"/initiatives/{initiative.slug}/")
    page.page.get_by_role("link", name="Diagnostic settings").click()
    page.page.get_by_text("reads with the platform's defaults").wait_for()
    page.check()
    assert page.page.get_by_label("Low hourly rate (£)").input_value() == "12.21"
    page.page.get_by_label("Threshold t").fill("0.15")
    page.page.get_by_label("High hourly rate (£)").fill("14.80")
    page.page.get_by_label("Source of the high rate").fill("London Living Wage")
    page.page.get_by_label("Weekly cap (hours)").fill("12")
    page.page.get_by_role("button", name="Save the settings").click()
    page.page.get_by_text("The diagnostic settings are saved.").wait_for()
    page.check()
    settings = DiagnosticSettings.objects.get()
    assert (
        settings.threshold,
        settings.high_rate_pence,
        settings.high_rate_source,
        settings.weekly_cap_minutes,
    ) == (Decimal("0.15"), 1480, "London Living Wage", 720)

    page.page.get_by_label("Weekly cap (hours)").fill("200")
    page.page.get_by_role("button", name="Save the settings").click()
    page.page.get_by_role("heading", name="There is a problem").wait_for()
    page.check()
    assert DiagnosticSettings.objects.get().weekly_cap_minutes == 720

    page.visit(f"/initiatives/{initiative.slug}/")
    page.page.get_by_role("link", name="Declare who plans and delivers in Co-design").click()
    page.page.get_by_role("heading", name="Declare who plans and delivers: Co-design").wait_for()
    page.check()
    page.page.get_by_role("group", name="Who plans and designs the service").get_by_label(
        "Jointly"
    ).check()
    page.page.get_by_role("group", name="Who delivers the core service").get_by_label(
        "Professionals alone"
    ).check()
    page.page.get_by_label("Evidence").fill("Tenants and staff write the standards together.")
    page.page.get_by_label("Declared on").fill("2026-03-02")
    page.page.get_by_role("button", name="Declare").click()
    page.page.get_by_text("The declaration is recorded as a decision.").wait_for()
    page.check()
    decision = Decision.objects.get(kind="declaration")
    assert decision.title == (
        "Declared for Co-design: planning by professionals and citizens jointly; "
        "delivery by professionals alone"
    )
    assert decision.decided_on == datetime.date(2026, 3, 2)
    page.visit(f"/initiatives/{initiative.slug}/")
    page.page.get_by_text(
        "Planning: professionals and citizens jointly. Delivery: professionals alone."
    ).wait_for()
