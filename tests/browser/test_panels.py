"""A citizens' panel in a real browser: a coordinator sets up a 20-person panel, gives three
features with their quotas, imports a pool of 300 from a mailout's CSV, runs the draw (the
background task run here, as the worker would), publishes the composition and the chances
of selection, records a recommendation, and the commissioning body's representative answers
it. axe checks every page."""

import random
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core.vocabulary import Role, Side
from coproduce.panels.drawing import selection_perform
from coproduce.panels.models import Answer, MemberStatus, Panel, RunStatus

pytestmark = pytest.mark.browser

FEATURES = {
    "Age band": (
        "16-29, 3, 7, Census 2021",
        "30-44, 3, 7, Census 2021",
        "45-64, 4, 8, Census 2021",
        "65+, 3, 7, Census 2021",
    ),
    "Gender": ("Woman, 8, 11, Census 2021", "Man, 8, 11, Census 2021", "Other, 0, 2, Census 2021"),
    "Area": ("North, 5, 8, Ward figures", "South, 5, 8, Ward figures", "East, 5, 8, Ward figures"),
}


def mailout(folder: Path) -> Path:
    rng = random.Random(11)
    lines = ["reference,name,address,postcode,Age band,Gender,Area"]
    for n in range(1, 301):
        cells = [f"M{n}", f"Resident {n}", f"{n} Long Row", "RV1 1AA"]
        cells += [rng.choice(rows).split(",")[0] for rows in FEATURES.values()]
        lines.append(",".join(cells))
    path = folder / "mailout.csv"
    path.write_text("\n".join(lines))
    return path


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs")
    councillor = make_user("cllr", display_name="Cllr Dee Amis")
    add_member(initiative, councillor, side=Side.POLITICAL, role=Role.COUNCILLOR)
    return initiative


def test_a_coordinator_draws_a_panel_and_the_body_answers(
    open_page: Any, initiative: Any, tmp_path: Path
) -> None:
    cora = open_page()
    cora.sign_in("cora", PASSWORD)
    cora.visit(f"/initiatives/{initiative.slug}/")
    cora.page.get_by_role("link", name="Set up a citizens' panel").click()
    cora.check()
    cora.page.get_by_label("Title").fill("Repairs jury")
    cora.page.get_by_label("Question or remit").fill("Which repairs come first?")
    cora.page.get_by_label("Size (people)").fill("20")
    cora.page.get_by_label("Commissioning body (name)").fill("Riverside Homes board")
    cora.page.get_by_label("Who answers for the commissioning body").select_option(
        label="Cllr Dee Amis"
    )
    cora.page.get_by_label("First session").fill("2026-03-01")
    cora.page.get_by_label("Last session").fill("2026-03-31")
    cora.page.get_by_label("Answers due by").fill("2026-05-01")
    cora.page.get_by_label("What people agree to").fill("I agree to be contacted.")
    cora.page.get_by_role("button", name="Save").click()
    cora.page.get_by_text("The panel is set up.").wait_for()
    cora.check()
    for name, rows in FEATURES.items():
        cora.page.get_by_label(re.compile(r"^Feature:?$")).fill(name)
        cora.page.get_by_label("Categories and quotas").fill("\n".join(rows))
        cora.page.get_by_role("button", name="Add the feature").click()
        cora.page.get_by_text("The feature and its quotas are saved.").wait_for()
    cora.check()
    cora.page.get_by_role("link", name="Next: the pool").click()
    cora.page.get_by_label("CSV file").set_input_files(str(mailout(tmp_path)))
    cora.page.get_by_label("Everyone in the file agreed to the consent text").check()
    cora.page.get_by_role("button", name="Import").click()
    cora.page.get_by_text("300 people added to the pool.").wait_for()
    cora.check()
    cora.page.get_by_role("link", name="Next: the draw").click()
    cora.check()
    cora.page.get_by_label("Random seed (optional)").fill("2026")
    cora.page.get_by_role("button", name="Start the draw").click()
    cora.page.get_by_text("The draw is queued.").wait_for()
    cora.check()
    panel = Panel.objects.get()
    run = panel.runs.get()
    assert selection_perform(run_id=run.pk) == RunStatus.DONE
    cora.page.reload()
    cora.page.get_by_text("20 selected.").wait_for()
    cora.check()
    assert panel.pool.filter(status=MemberStatus.SELECTED).count() == 20
    cora.page.get_by_role("button", name="Publish the composition and chances").click()
    cora.page.get_by_text("The composition and the chances of selection are public.").wait_for()
    cora.check()
    assert cora.page.get_by_role("table", name="Age band").count() == 1
    cora.page.get_by_role("link", name="Record a recommendation").click()
    cora.page.get_by_label("Recommendation").fill("Fix damp within 14 days of a report.")
    cora.page.get_by_label("Votes for").fill("15")
    cora.page.get_by_label("Votes against").fill("3")
    cora.page.get_by_label("Abstentions").fill("2")
    cora.page.get_by_label("Voted on").fill("2026-03-31")
    cora.page.get_by_role("button", name="Save").click()
    cora.page.get_by_text("The recommendation is recorded.").wait_for()
    cora.check()

    anyone = open_page()
    anyone.visit(f"/initiatives/{initiative.slug}/panels/{panel.pk}/")
    assert anyone.page.get_by_text("Resident 1").count() == 0
    assert anyone.page.get_by_role("table", name="Gender").count() == 1

    cllr = open_page()
    cllr.sign_in("cllr", PASSWORD)
    cllr.visit(f"/initiatives/{initiative.slug}/panels/{panel.pk}/")
    cllr.page.get_by_role("link", name="Answer recommendation 1").click()
    cllr.check()
    cllr.page.get_by_label("Accepted in part").check()
    cllr.page.get_by_label("Reasons").fill("Within 28 days this year, 14 from next year.")
    cllr.page.get_by_label("Answered on").fill("2026-04-10")
    cllr.page.get_by_role("button", name="Save").click()
    cllr.page.get_by_text("The answer is published and recorded.").wait_for()
    cllr.check()
    answer = Answer.objects.get()
    assert (answer.response, answer.answered_by.username) == ("accepted_in_part", "cllr")
    assert answer.decision.decided_by == "politicians"
