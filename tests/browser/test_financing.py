"""Co-financing in a real browser, on a phone: a resident pledges £40 to a campaign the
council matches £1 for £1, a coordinator marks it received, and the bar and the match move
by exactly those amounts; axe checks every page."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core.vocabulary import Side
from coproduce.financing import services
from coproduce.financing.models import Pledge
from coproduce.organisations.models import Organisation
from coproduce.record.models import Contribution

pytestmark = pytest.mark.browser


@pytest.fixture
def campaign(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Tackley hall")
    add_member(initiative, make_user("val", display_name="Val Reid"))
    campaign = services.campaign_create(
        actor=cora,
        initiative=initiative,
        title="New shop",
        purpose="Fit out the shop",
        target=100_000,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    council = Organisation.objects.create(name="District Council", kind="public_agency")
    services.match_rule_create(
        actor=cora,
        campaign=campaign,
        funder=council,
        funder_side=Side.REGULAR_PRODUCER,
        numerator=1,
        denominator=1,
        cap=20_000,
        counts="people",
    )
    return campaign


def test_a_resident_pledges_and_a_coordinator_honours(open_page: Any, campaign: Any) -> None:
    slug = campaign.initiative.slug
    val = open_page()
    val.sign_in("val", PASSWORD)
    val.visit(f"/initiatives/{slug}/")
    val.page.get_by_role("link", name="See campaigns, shares and grants").click()
    val.check()
    val.page.get_by_role("link", name="New shop").click()
    val.check()
    text = val.page.locator(f"#progress-text-{campaign.pk}")
    assert text.inner_text() == (
        "£0 of £1,000 (0%): £0 received, £0 pledged and £0 matched by funders."
    )
    val.page.get_by_label("Money").check()
    val.page.get_by_label("How much").fill("40")
    val.page.get_by_role("button", name="Pledge").click()
    val.page.get_by_text("Thank you: your pledge is made.").wait_for()
    val.check()
    assert text.inner_text() == (
        "£80 of £1,000 (8%): £0 received, £40 pledged and £40 matched by funders."
    )
    assert val.page.locator(f"#progress-{campaign.pk}").get_attribute("value") == "8000"

    cora = open_page()
    cora.sign_in("cora", PASSWORD)
    cora.visit(campaign.get_absolute_url())
    pledge = Pledge.objects.get()
    cora.page.get_by_role("button", name=f"Mark pledge {pledge.pk} received").click()
    cora.page.get_by_text("The pledge is honoured and in the record.").wait_for()
    cora.check()
    assert cora.page.locator(f"#progress-text-{campaign.pk}").inner_text() == (
        "£80 of £1,000 (8%): £40 received, £0 pledged and £40 matched by funders."
    )
    entries = sorted(
        (str(c.organisation or c.contributor), c.quantity) for c in Contribution.objects.all()
    )
    assert entries == [("District Council", 4_000), ("Val Reid", 4_000)]

    visitor = open_page()
    visitor.visit(f"/initiatives/{slug}/accountability/")
    main = visitor.page.locator("main").inner_text()
    assert "Match funding received\t£40" in main and "Pledges received\t£40" in main
