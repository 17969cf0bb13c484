"""Peer support in a real browser: a request matched with reasons, a session confirmed by
both, a concern seen by the named professional."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core.vocabulary import Role, Side, StageKind
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import JoinPolicy
from coproduce.peersupport import services
from coproduce.record.models import Contribution

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    lead = make_user("lead", display_name="Sure Start lead")
    initiative = make_initiative(lead, title="Gateshead feeding", join_policy=JoinPolicy.OPEN)
    initiatives.stage_create(actor=lead, initiative=initiative, kind=StageKind.CO_PERFORMING)
    for name, display in (("ola", "Ola Nowak"), ("mia", "Mia Green")):
        add_member(initiative, make_user(name, display_name=display))
    add_member(
        initiative,
        make_user("midwife", display_name="Midwife Jones"),
        side=Side.REGULAR_PRODUCER,
        role=Role.FRONTLINE_PROFESSIONAL,
    )
    today = timezone.localdate()
    from coproduce.accounts.models import User

    services.supporter_register(
        actor=lead,
        initiative=initiative,
        person=User.objects.get(username="ola"),
        supports="breastfeeding",
        languages="English, Polish",
        areas="Felling",
        training="Peer supporter course",
        trained_on=today - datetime.timedelta(days=60),
        checked_until=today + datetime.timedelta(days=300),
    )
    return initiative


def test_matched_supported_and_a_concern_raised(open_page: Any, initiative: Any) -> None:
    lead, mia, ola, midwife = open_page(), open_page(), open_page(), open_page()
    mia.sign_in("mia", PASSWORD)
    mia.visit(f"/initiatives/{initiative.slug}/peer-support/")
    mia.page.get_by_label("What would you like support with?").fill("Breastfeeding")
    mia.page.get_by_label("Language you prefer").fill("Polish")
    mia.page.get_by_role("button", name="Ask for support").click()
    mia.page.get_by_text("Your request is in").wait_for()
    mia.check()

    lead.sign_in("lead", PASSWORD)
    lead.visit(f"/initiatives/{initiative.slug}/peer-support/")
    lead.page.get_by_text("Ola Nowak: supports breastfeeding; speaks Polish").wait_for()
    lead.page.get_by_role("button", name="Match Mia Green with Ola Nowak").click()
    lead.page.get_by_text("Matched with Ola Nowak").wait_for()
    lead.check()

    ola.sign_in("ola", PASSWORD)
    ola.visit(f"/initiatives/{initiative.slug}/peer-support/")
    ola.page.get_by_role("link", name="Breastfeeding: Ola Nowak with Mia Green").click()
    ola.check()
    ola.page.get_by_label("Day").fill(timezone.localdate().isoformat())
    ola.page.get_by_label("Minutes").fill("45")
    ola.page.get_by_role("button", name="Log the session").click()
    ola.page.get_by_text("The session is logged").wait_for()
    ola.check()
    ola.page.get_by_label("Tell this professional").select_option(label="Midwife Jones")
    ola.page.get_by_label("Your concern").fill("Baby seems drowsy at feeds.")
    ola.page.get_by_role("button", name="Send the concern").click()
    ola.page.get_by_text("Your concern went to Midwife Jones").wait_for()
    ola.check()
    match_url = ola.page.url

    mia.page.goto(match_url)
    mia.check()
    mia.page.get_by_role(
        "button", name=f"Confirm the session on {timezone.localdate():%-d %b %Y}"
    ).click()
    mia.page.get_by_text("The session is confirmed").wait_for()
    mia.check()
    assert Contribution.objects.get(kind="time").quantity == 45

    midwife.sign_in("midwife", PASSWORD)
    midwife.visit(f"/initiatives/{initiative.slug}/peer-support/")
    midwife.page.get_by_role("link", name="Raised by Ola Nowak").click()
    midwife.check()
    midwife.page.get_by_text("Baby seems drowsy at feeds.").wait_for()
    midwife.page.get_by_role("button", name="Acknowledge").click()
    midwife.page.get_by_text("Acknowledged").first.wait_for()
    midwife.check()
