"""The ideas API: list with filters and sort, post, support and withdraw, comments and
the coordinators' answers; hidden text served to coordinators alone."""

from typing import Any

from rest_framework.test import APIClient

from conftest import World
from coproduce.ideas import services
from coproduce.ideas.models import Idea, Support
from coproduce.ideas.tests.conftest import members, photo, post
from coproduce.record.models import Decision


def url(world: World, tail: str = "") -> str:
    return f"/api/v1/initiatives/{world.initiative.slug}/ideas/{tail}"


def test_a_member_posts_an_idea_and_another_supports_it(world: World, api: APIClient) -> None:
    api.force_authenticate(world.member)
    answer = api.post(
        url(world), {"title": "Tool library", "text": "Lend drills.", "category": "people"}, "json"
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["title"], body["status"], body["supporters"], body["author"]) == (
        "Tool library",
        "new",
        0,
        "member",
    )
    (other,) = members(world, 1)
    api.force_authenticate(other)
    supported = api.post(url(world, f"{body['id']}/support/"))
    assert (supported.status_code, supported.json()["supporters"]) == (201, 1)
    again = api.post(url(world, f"{body['id']}/support/"))
    assert again.status_code == 400
    assert again.json() == {"idea": ["You already support this idea."]}
    assert api.delete(url(world, f"{body['id']}/support/")).status_code == 204
    assert Support.objects.count() == 0


def test_bad_input_is_a_400_naming_the_field(world: World, api: APIClient) -> None:
    api.force_authenticate(world.member)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"title": "", "text": "x", "category": "people"}, "title"),
        ({"title": "x" * 201, "text": "x", "category": "people"}, "title"),
        ({"title": "x", "text": "x", "category": "sky"}, "category"),
        ({"title": "x", "text": "a\x00", "category": "people"}, "text"),
    ]
    for payload, field in cases:
        answer = api.post(url(world), payload, "json")
        assert answer.status_code == 400, (payload, answer.content)
        assert field in answer.json()
    assert api.get(url(world), {"sort": "random"}).status_code == 400
    assert api.get(url(world, "99999999999999999999/")).status_code == 404
    assert Idea.objects.count() == 0


def test_list_filters_and_sorts_by_support(world: World, api: APIClient) -> None:
    first = post(world, title="Benches")
    second = post(world, title="Lights", category="environment")
    for person in members(world, 2):
        services.idea_support(actor=person, idea=first)
    newest = [row["title"] for row in api.get(url(world)).json()["results"]]
    assert newest == ["Lights", "Benches"]
    supported = api.get(url(world), {"sort": "supported"}).json()["results"]
    assert [(r["title"], r["supporters"]) for r in supported] == [("Benches", 2), ("Lights", 0)]
    only = api.get(url(world), {"category": "environment"}).json()["results"]
    assert [r["id"] for r in only] == [second.pk]


def test_hidden_text_is_served_to_coordinators_only(world: World, api: APIClient) -> None:
    idea = post(world, title="Secret title", text="Secret text")
    comment = services.idea_comment(actor=world.member, idea=idea, text="Secret comment")
    services.idea_hide(actor=world.coordinator, idea=idea, reason="Off topic.")
    services.comment_hide(actor=world.coordinator, comment=comment, reason="Rude.")
    for person in (None, world.member, world.staff, world.outsider):
        api.force_authenticate(person)
        pages = [
            api.get(url(world)),
            api.get(url(world, f"{idea.pk}/")),
            api.get(url(world, f"{idea.pk}/comments/")),
        ]
        for page in pages:
            assert page.status_code == 200
            content = page.content.decode()
            assert "Secret" not in content
        assert pages[1].json()["hidden_reason"] == "Off topic."
        assert pages[2].json()[0]["hidden_reason"] == "Rude."
    api.force_authenticate(world.coordinator)
    assert api.get(url(world, f"{idea.pk}/")).json()["text"] == "Secret text"
    assert api.get(url(world, f"{idea.pk}/comments/")).json()[0]["text"] == "Secret comment"


def test_a_coordinator_answers_through_the_api(world: World, api: APIClient) -> None:
    idea = post(world)
    api.force_authenticate(world.member)
    refused = api.post(url(world, f"{idea.pk}/answers/"), {"status": "into_design"}, "json")
    assert refused.status_code == 403
    api.force_authenticate(world.coordinator)
    missing = api.post(url(world, f"{idea.pk}/answers/"), {"status": "not_taken_forward"}, "json")
    assert missing.status_code == 400
    assert "reason" in missing.json()
    assert Decision.objects.count() == 0
    done = api.post(url(world, f"{idea.pk}/answers/"), {"status": "into_design"}, "json")
    assert done.status_code == 201
    assert api.get(url(world, f"{idea.pk}/")).json()["status"] == "into_design"
    assert Decision.objects.get().initiated_by == world.member


def test_private_initiatives_ideas_are_not_found(world: World, api: APIClient) -> None:
    private = services.idea_post(
        actor=world.other_coordinator,
        initiative=world.other,
        title="Private",
        text="x",
        category="other",
    )
    world.other.visibility = "members"
    world.other.save()
    api.force_authenticate(world.member)
    base = f"/api/v1/initiatives/{world.other.slug}/ideas/"
    assert api.get(base).status_code == 404
    assert api.get(f"{base}{private.pk}/").status_code == 404
    assert api.get(url(world, f"{private.pk}/")).status_code == 404
    assert api.post(f"{base}{private.pk}/support/").status_code == 404


def test_the_picture_is_linked_unless_hidden(world: World, api: APIClient) -> None:
    idea = post(world, image=photo(), image_alt="A bench")
    shown = api.get(url(world, f"{idea.pk}/")).json()
    assert shown["picture"] == f"/initiatives/{world.initiative.slug}/ideas/{idea.pk}/picture/"
    assert shown["image_alt"] == "A bench"
    services.idea_hide(actor=world.coordinator, idea=idea, reason="Shows a face.")
    hidden = api.get(url(world, f"{idea.pk}/")).json()
    assert (hidden["picture"], hidden["image_alt"]) == (None, "")
