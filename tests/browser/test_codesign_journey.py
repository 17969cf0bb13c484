"""Co-design and deliberation in a real browser, on a phone's screen (issue 21's journey):
a drafting group writes a two-section service design, a service user proposes an amendment,
the group accepts it, the version diff shows it and the design is adopted; then a
coordinator sets up a 20-person panel with three features, imports a pool of 300, runs the
draw (the background task run here, as the worker would), publishes the composition and the
chances of selection, and the commissioning body's representative answers a
recommendation. axe checks every page."""

import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core.vocabulary import Role, Side
from coproduce.drafts.models import AmendmentStatus, Draft
from coproduce.panels.drawing import selection_perform
from coproduce.panels.models import Answer, MemberStatus, Panel, RunStatus
from coproduce.record.models import Decision

pytestmark = pytest.mark.browser

SIZE, POOL = 20, 300
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


def mailout(folder: Path) -> tuple[Path, Counter[tuple[str, str]]]:
    """The mailout's CSV, and how many of its people are in each feature's category."""
    rng = random.Random(11)
    lines = ["reference,name,address,postcode,Age band,Gender,Area"]
    counts: Counter[tuple[str, str]] = Counter()
    for n in range(1, POOL + 1):
        chosen = [rng.choice(rows).split(",")[0] for rows in FEATURES.values()]
        counts.update(zip(FEATURES, chosen, strict=True))
        lines.append(",".join([f"M{n}", f"Resident {n}", f"{n} Long Row", "RV1 1AA", *chosen]))
    path = folder / "mailout.csv"
    path.write_text("\n".join(lines))
    return path, counts


@pytest.fixture
def initiative(transactional_db: Any) -> Any:
    cora = make_user("cora", display_name="Cora Hale")
    initiative = make_initiative(cora, title="Riverside repairs")
    add_member(initiative, make_user("tess", display_name="Tess Tenant"))
    add_member(
        initiative,
        make_user("sue", display_name="Sue User"),
        side=Side.CITIZEN,
        role=Role.SERVICE_USER,
    )
    councillor = make_user("cllr", display_name="Cllr Dee Amis")
    add_member(initiative, councillor, side=Side.POLITICAL, role=Role.COUNCILLOR)
    return initiative


def design_written_amended_and_adopted(open_page: Any, cora: Any, slug: str) -> None:
    cora.visit(f"/initiatives/{slug}/drafts/")
    cora.page.get_by_label("Title of the draft").fill("Repairs service design")
    cora.page.get_by_role("button", name="Create the draft").click()
    cora.page.get_by_text("now choose its drafting group").wait_for()
    cora.check()
    cora.page.get_by_label("Cora Hale").check()
    cora.page.get_by_label("Tess Tenant").check()
    cora.page.get_by_role("button", name="Set the group").click()
    cora.page.get_by_text("The drafting group is set.").wait_for()
    cora.check()
    draft = Draft.objects.get()

    tess = open_page()
    tess.sign_in("tess", PASSWORD)
    tess.visit(draft.get_absolute_url())
    tess.page.get_by_role("link", name="Edit the text").click()
    tess.check()
    titles = tess.page.get_by_label("Section title")
    bodies = tess.page.get_by_label("Text (Markdown)")
    titles.nth(0).fill("Reporting a repair")
    bodies.nth(0).fill("Phone the repairs line.")
    titles.nth(1).fill("Hearing back")
    bodies.nth(1).fill("We confirm within **two days**.")
    tess.page.get_by_label("Why this change").fill("First text")
    tess.page.get_by_role("button", name="Save a new version").click()
    tess.page.get_by_text("The new version is saved.").wait_for()
    tess.check()
    assert tess.page.locator("main strong", has_text="two days").count() == 1

    sue = open_page()  # a phone's screen, as every page here
    sue.sign_in("sue", PASSWORD)
    sue.visit(draft.get_absolute_url())
    sue.page.get_by_role("link", name="Propose an amendment").click()
    sue.check()
    sue.page.get_by_label("Replace a section's text").check()
    sue.page.get_by_label("Section to replace or delete").select_option(label="Reporting a repair")
    sue.page.get_by_label("Proposed text (Markdown)").fill("Phone or text the repairs line.")
    sue.page.get_by_label("Why you propose it").fill("I cannot always phone.")
    sue.page.get_by_role("button", name="Propose the amendment").click()
    sue.page.get_by_text("Your amendment is proposed.").wait_for()
    sue.check()
    amendment = draft.amendments.get()

    cora.visit(amendment.get_absolute_url())
    cora.page.get_by_role("button", name="Support this amendment").click()
    cora.page.get_by_text("You support this amendment.").wait_for()
    cora.check()
    cora.page.get_by_label("Accept").check()
    cora.page.get_by_label("Reasons for the decision").fill("Texting helps everyone.")
    cora.page.get_by_role("button", name="Record the decision").click()
    cora.page.get_by_text("a new version is saved").wait_for()
    cora.check()
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.ACCEPTED
    # the decision in the record names the amendment's author as its initiator
    accepted = Decision.objects.get(pk=amendment.record_id)
    assert (accepted.initiated_by.username, accepted.carried) == ("sue", True)

    sue.visit(f"/initiatives/{slug}/drafts/{draft.pk}/versions/")
    sue.page.get_by_role("link", name="Compare with version 1").click()
    sue.check()
    added = sue.page.locator(".change ins").first.text_content()
    assert added == "added: or text  (end of addition)"
    assert "1 changed, 1 unchanged" in sue.page.locator("main").inner_text()

    tess.visit(f"/initiatives/{slug}/drafts/{draft.pk}/adopt/")
    tess.page.get_by_label("By consensus").check()
    tess.page.get_by_label("Reasons for adopting it").fill("Ready for the board.")
    tess.page.get_by_role("button", name="Record the adoption").click()
    tess.page.get_by_text("The draft is adopted").wait_for()
    tess.check()
    assert tess.page.get_by_role("link", name="Edit the text").count() == 0
    tess.page.get_by_role("link", name="version 2").first.click()
    tess.check()
    assert tess.page.get_by_text("Adopted version").count() == 1
    draft.refresh_from_db()
    assert draft.adopted_version is not None and draft.adopted_version.number == 2


def composition_rows(page: Any, feature: str) -> list[list[str]]:
    rows = page.get_by_role("table", name=feature).locator("tbody tr")
    return [
        [cell.strip() for cell in rows.nth(i).locator("th, td").all_inner_texts()]
        for i in range(rows.count())
    ]


def test_a_design_is_adopted_and_a_panel_drawn_and_answered(
    open_page: Any, initiative: Any, tmp_path: Path
) -> None:
    slug = initiative.slug
    cora = open_page()
    cora.sign_in("cora", PASSWORD)
    design_written_amended_and_adopted(open_page, cora, slug)

    cora.visit(f"/initiatives/{slug}/")
    cora.page.get_by_role("link", name="Set up a citizens' panel").click()
    cora.check()
    cora.page.get_by_label("Title").fill("Repairs jury")
    cora.page.get_by_label("Question or remit").fill("Which repairs come first?")
    cora.page.get_by_label("Size (people)").fill(str(SIZE))
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
    csv_file, in_pool = mailout(tmp_path)
    cora.page.get_by_label("CSV file").set_input_files(str(csv_file))
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
    assert (run.algorithm, run.seed) == ("maximin", 2026)
    assert selection_perform(run_id=run.pk) == RunStatus.DONE
    cora.page.reload()
    cora.page.get_by_text("20 selected.").wait_for()
    cora.check()
    run.refresh_from_db()
    assert panel.pool.filter(status=MemberStatus.SELECTED).count() == SIZE
    assert run.pool_size == POOL
    cora.page.get_by_role("button", name="Publish the composition and chances").click()
    cora.page.get_by_text("The composition and the chances of selection are public.").wait_for()
    cora.check()
    cora.page.get_by_role("link", name="Record a recommendation").click()
    cora.page.get_by_label("Recommendation").fill("Fix damp within 14 days of a report.")
    cora.page.get_by_label("Votes for").fill("15")
    cora.page.get_by_label("Votes against").fill("3")
    cora.page.get_by_label("Abstentions").fill("2")
    cora.page.get_by_label("Voted on").fill("2026-03-31")
    cora.page.get_by_role("button", name="Save").click()
    cora.page.get_by_text("The recommendation is recorded.").wait_for()
    cora.check()

    # the public page: composition against the quotas and the pool, and the chances
    anyone = open_page()
    anyone.visit(f"/initiatives/{slug}/panels/{panel.pk}/")
    assert anyone.page.get_by_text("Resident 1").count() == 0
    main = anyone.page.locator("main").inner_text()
    assert "smallest chance any person in the pool had of being selected was " in main
    assert f"{run.min_probability:.4f}" in main
    assert 0 < run.min_probability <= SIZE / POOL
    selected = panel.pool.filter(status=MemberStatus.SELECTED)
    for feature, quotas in FEATURES.items():
        rows = composition_rows(anyone.page, feature)
        serving = Counter(
            selected.filter(categories__feature__name=feature).values_list(
                "categories__name", flat=True
            )
        )
        expected = []
        for line in quotas:
            name, low, high, source = (part.strip() for part in line.split(","))
            chance = run.probabilities[f"{feature}:{name}"]
            assert int(low) <= serving[name] <= int(high)
            expected.append(
                [
                    name,
                    str(in_pool[(feature, name)]),
                    f"{low}–{high}",
                    str(serving[name]),
                    f"{chance:.4f}",
                    source,
                ]
            )
        assert rows == expected
        assert sum(serving.values()) == SIZE
        # the chances are the pool's: each category's people expect the panel's seats
        expected_seats = sum(in_pool[(feature, row[0])] * float(row[4]) for row in rows)
        assert expected_seats == pytest.approx(SIZE, abs=0.05)

    cllr = open_page()
    cllr.sign_in("cllr", PASSWORD)
    cllr.visit(f"/initiatives/{slug}/panels/{panel.pk}/")
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
    assert (answer.decision.decided_by, answer.decision.initiated_by_side) == (
        "politicians",
        "citizen",
    )
    assert "Accepted in part" in cllr.page.locator("main").inner_text()
