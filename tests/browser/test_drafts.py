"""Collaborative drafts in a real browser, on a phone's screen: a drafting group writes a
two-section service design, a service user proposes an amendment, the group accepts it,
the version diff shows it and the design is adopted; axe checks every page."""

from typing import Any

import pytest

from conftest import PASSWORD, add_member, make_initiative, make_user
from coproduce.core.vocabulary import Role, Side
from coproduce.drafts.models import AmendmentStatus, Draft

pytestmark = pytest.mark.browser


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
    return initiative


def test_a_group_writes_a_design_a_user_amends_it_and_it_is_adopted(
    open_page: Any, initiative: Any
) -> None:
    slug = initiative.slug
    cora = open_page()
    cora.sign_in("cora", PASSWORD)
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
    titles, bodies = (
        tess.page.get_by_label("Section title"),
        tess.page.get_by_label("Text (Markdown)"),
    )
    titles.nth(0).fill("Reporting a repair")
    bodies.nth(0).fill("Phone the repairs line.")
    titles.nth(1).fill("Hearing back")
    bodies.nth(1).fill("We confirm within **two days**.")
    tess.page.get_by_label("Why this change").fill("First text")
    tess.page.get_by_role("button", name="Save a new version").click()
    tess.page.get_by_text("The new version is saved.").wait_for()
    tess.check()
    assert tess.page.locator("main strong", has_text="two days").count() == 1

    sue = open_page()
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
