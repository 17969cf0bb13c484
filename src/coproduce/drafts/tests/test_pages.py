"""The draft pages: the journey from a new draft to an adopted version, what people may
see and do, and bad input answered with a message."""

from typing import Any

from django.test import Client

from conftest import World
from coproduce.drafts.models import Amendment, AmendmentStatus, Draft
from coproduce.drafts.tests.conftest import keys
from coproduce.initiatives.models import Visibility

HOSTILE = '<script>alert("x")</script> <img src=x onerror="alert(1)"> [a](javascript:alert(1))'


def signed_in(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def url(draft: Draft, rest: str = "") -> str:
    return f"/initiatives/{draft.initiative.slug}/drafts/{draft.pk}/{rest}"


def edit_data(draft: Draft, reason: str, *sections: tuple[int | str, str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": "0",
        "based_on": str(draft.versions.count()),
        "reason": reason,
    }
    for i, (key, title, body) in enumerate(sections):
        data |= {f"sections-{i}-key": key, f"sections-{i}-title": title, f"sections-{i}-body": body}
    return data


def test_a_coordinator_starts_a_draft_and_sets_its_group(world: World) -> None:
    cora = signed_in(world.coordinator)
    slug = world.initiative.slug
    response = cora.post(f"/initiatives/{slug}/drafts/", {"title": "Repairs charter"})
    draft = Draft.objects.get()
    assert response.status_code == 302 and response["Location"] == url(draft, "group/")
    response = cora.post(url(draft, "group/"), {"people": [world.member.pk]})
    assert response.status_code == 400
    assert "one citizen and one professional" in response.content.decode()
    cora.post(url(draft, "group/"), {"people": [world.member.pk, world.coordinator.pk]})
    assert draft.group.count() == 2
    member = signed_in(world.member)
    assert member.post(f"/initiatives/{slug}/drafts/", {"title": "Mine"}).status_code == 403
    assert member.get(url(draft, "group/")).status_code == 403


def test_the_group_edits_and_a_script_is_stored_but_inert(world: World, draft: Draft) -> None:
    member = signed_in(world.member)
    assert member.get(url(draft, "edit/")).status_code == 200
    first = keys(draft)
    data = edit_data(
        draft,
        "Add a safety note",
        (first["Who the service is for"], "Who the service is for", HOSTILE),
        ("", '<img src=x onerror="alert(2)"> javascript:alert(3)', "A title that is code"),
    )
    response = member.post(url(draft, "edit/"), data)
    assert response.status_code == 302
    version = draft.versions.get(number=2)
    assert version.sections.get(position=1).body == HOSTILE  # stored as typed
    for page in ("", "versions/2/", "versions/2/print/", "compare/?from=1&to=2"):
        html = signed_in(world.outsider).get(url(draft, page)).content.decode()
        assert "<script>alert" not in html and "onerror=" not in html, page
        assert "javascript:" not in html, page
    stale = member.post(url(draft, "edit/"), data | {"based_on": "1"})
    assert stale.status_code == 400 and "Someone saved version 2" in stale.content.decode()
    assert draft.versions.count() == 2


def test_bad_edits_answer_400_and_save_nothing(world: World, draft: Draft, tenant: Any) -> None:
    member = signed_in(world.member)
    empty = member.post(url(draft, "edit/"), edit_data(draft, "", (1, "T", "b")))
    assert empty.status_code == 400 and "This field is required" in empty.content.decode()
    long = member.post(url(draft, "edit/"), edit_data(draft, "Long", (1, "T", "x" * 20_001)))
    assert long.status_code == 400
    assert draft.versions.count() == 1
    assert (
        signed_in(tenant)
        .post(url(draft, "edit/"), edit_data(draft, "x", (1, "T", "b")))
        .status_code
        == 403
    )


def test_a_member_proposes_the_group_accepts_and_the_diff_shows_it(
    world: World, draft: Draft, tenant: Any
) -> None:
    resident = signed_in(tenant)
    key = keys(draft)["How to report"]
    response = resident.post(
        url(draft, "amendments/new/"),
        {
            "kind": "replace",
            "section": key,
            "body": "Phone or text the repairs line.",
            "reason": "Texts are easier",
        },
    )
    amendment = Amendment.objects.get()
    assert response.status_code == 302 and response["Location"] == amendment.get_absolute_url()
    page = resident.get(amendment.get_absolute_url()).content.decode()
    assert "Support this amendment" not in page  # not the author's to support
    signed_in(world.outsider).post(amendment.get_absolute_url(), {"support": "1"})
    assert amendment.supports.count() == 0
    signed_in(world.member).post(amendment.get_absolute_url(), {"support": "1"})
    assert amendment.supports.count() == 1
    response = signed_in(world.coordinator).post(
        amendment.get_absolute_url(), {"decide": "1", "decision": "accept", "reason": "Agreed"}
    )
    assert response.status_code == 302
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.ACCEPTED
    diff = resident.get(url(draft, "compare/?from=1&to=2")).content.decode()
    assert "0 sections added, 0 removed, 1 changed, 1 unchanged" in diff
    assert '<ins><span class="visually-hidden">added: </span>or text ' in diff
    assert '<del><span class="visually-hidden">removed: </span>line between 9 and 5.' in diff


def test_bad_amendments_answer_400(world: World, draft: Draft, tenant: Any) -> None:
    resident = signed_in(tenant)
    gone = resident.post(
        url(draft, "amendments/new/"),
        {"kind": "replace", "section": "99", "body": "x", "reason": "y"},
    )
    assert gone.status_code == 400
    no_reason = resident.post(
        url(draft, "amendments/new/"), {"kind": "add", "title": "T", "body": "x", "reason": ""}
    )
    assert no_reason.status_code == 400 and "This field is required" in no_reason.content.decode()
    assert not Amendment.objects.exists()


def test_adoption_makes_the_draft_read_only_and_the_version_citable(
    world: World, draft: Draft
) -> None:
    member = signed_in(world.member)
    response = member.post(
        url(draft, "adopt/"), {"number": "1", "rule": "consensus", "reason": "Done"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.adopted_version is not None
    page = member.get(url(draft)).content.decode()
    assert "Edit the text" not in page and "Propose an amendment" not in page
    assert f'href="{url(draft, "versions/1/")}"' in page
    assert member.post(url(draft, "edit/"), edit_data(draft, "x", (1, "T", "b"))).status_code == 400
    assert draft.versions.count() == 1


def test_markdown_export(world: World, draft: Draft) -> None:
    response = Client().get(url(draft, "versions/1/draft.md"))
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="draft-{draft.pk}-v1.md"'
    text = response.content.decode()
    assert text.startswith("# Repairs service design\n")
    assert "## How to report\n\nPhone the repairs line between 9 and 5.\n" in text


def test_private_drafts_are_not_found(world: World, draft: Draft) -> None:
    world.initiative.visibility = Visibility.MEMBERS
    world.initiative.save()
    for page in ("", "versions/", "versions/1/", "versions/1/draft.md", "compare/"):
        assert signed_in(world.outsider).get(url(draft, page)).status_code == 404, page
        assert signed_in(world.member).get(url(draft, page)).status_code == 200, page
    other = f"/initiatives/{world.other.slug}/drafts/{draft.pk}/"
    assert signed_in(world.other_coordinator).get(other).status_code == 404
