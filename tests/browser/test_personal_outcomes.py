"""Personal outcomes in a real browser: a worker enters a reading with the person, who then
sees their own radar and line charts with the tables beside; axe checks every page."""

import datetime
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives.models import Membership
from coproduce.personaloutcomes import services
from coproduce.personaloutcomes.tests.people import DOMAINS, LABELS

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    """Cora's scale; Mo is paired with Wren, who took a first reading with them in January."""
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs")
    mo, wren = make_user("mo", display_name="Mo Reid"), make_user("wren", display_name="Wren Ali")
    add_member(initiative, mo)
    add_member(initiative, wren, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL)
    scale = services.scale_define(
        actor=cora, initiative=initiative, name="Steps forward", labels=LABELS, domains=DOMAINS
    )
    services.pairing_make(actor=cora, initiative=initiative, person=mo, worker=wren)
    domains = [d.pk for d in scale.domains.all()]
    services.reading_take(
        actor=wren,
        membership=Membership.objects.get(initiative=initiative, user=mo),
        taken_on=datetime.date(2026, 1, 15),
        scores=dict(zip(domains, (3, 5, 4), strict=True)),
    )
    return initiative


def test_the_worker_adds_a_reading_and_the_person_sees_their_progress(
    open_page: Any, initiative: Any
) -> None:
    wren = open_page()
    wren.sign_in("wren", PASSWORD)
    wren.visit(f"/initiatives/{initiative.slug}/")
    wren.page.get_by_role("link", name="People I work with").click()
    wren.check()
    wren.page.get_by_role("link", name="Mo Reid").click()
    wren.check()
    wren.page.get_by_role("link", name="Add a reading").click()
    wren.check()
    wren.page.get_by_label("Day of the reading").fill("2026-04-15")
    wren.page.get_by_label("Managing money: score").select_option("6")
    wren.page.get_by_label("Living skills: score").select_option("5")
    wren.page.get_by_label("Friends: score").select_option("7")
    wren.page.get_by_label("Friends: note (optional)").fill("Joined the Tuesday club")
    wren.page.get_by_role("button", name="Save the reading").click()
    wren.page.get_by_text("The reading is saved.").wait_for()
    wren.check()

    mo = open_page()
    mo.sign_in("mo", PASSWORD)
    mo.visit(f"/initiatives/{initiative.slug}/")
    mo.page.get_by_role("link", name="My progress").click()
    mo.page.get_by_role("heading", name="My progress").wait_for()
    mo.check()
    radar = mo.page.get_by_role("img", name="Scores in each domain: first reading")
    assert radar.count() == 1
    money = mo.page.get_by_role("row", name="Managing money").first.inner_text()
    assert money.split() == ["Managing", "money", "3", "6"]
    assert mo.page.get_by_text("Joined the Tuesday club").count() == 1
    assert mo.page.get_by_role("img", name="Friends: score at each reading").count() == 1
