"""A pain point on a journey map can become an idea: the form is filled in from the note,
the note keeps the link (the idea knows its pain point, the pain point shows its idea) and
the pain point is taken up."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conftest import World
from coproduce.ideas.models import Idea
from coproduce.journeymaps import services
from coproduce.journeymaps.models import JourneyNote
from coproduce.journeymaps.tests.conftest import Journey, as_text, note


def test_a_pain_point_becomes_an_idea_that_knows_it(
    client: Client, world: World, journey: Journey
) -> None:
    pain = note(journey, world.member)
    client.force_login(world.member)
    slug = world.initiative.slug
    base = f"/initiatives/{slug}/journey-maps/{journey.map.pk}/notes/{pain.pk}/"
    link = f'<a href="{base}idea/">Post this as an idea</a>'
    assert link in as_text(client.get(base))
    form = as_text(client.get(f"{base}idea/"))
    assert 'value="Reporting the repair"' in form
    assert "\nNobody said when they would come.</textarea>" in form

    posted = client.post(
        f"{base}idea/",
        {"title": "Say when", "text": "Give a time slot.", "category": "services"},
    )
    idea = Idea.objects.get()
    assert posted.status_code == 302
    assert posted["Location"] == f"/initiatives/{slug}/ideas/{idea.pk}/"
    assert (idea.title, idea.author, idea.initiative) == (
        "Say when",
        world.member,
        world.initiative,
    )
    assert list(JourneyNote.objects.filter(idea=idea)) == [pain]
    pain.refresh_from_db()
    assert pain.status == "taken_up"
    page = as_text(client.get(base))
    assert (
        f'Posted as an idea: <a href="/initiatives/{slug}/ideas/{idea.pk}/">Say when</a>.' in page
    )
    assert "Post this as an idea" not in page


def test_a_note_becomes_an_idea_once(world: World, journey: Journey) -> None:
    pain = note(journey, world.member)
    data = {"title": "Say when", "text": "Give a time slot.", "category": "services"}
    services.note_to_idea(actor=world.member, note=pain, **data)
    with pytest.raises(ValidationError) as twice:
        services.note_to_idea(actor=world.coordinator, note=pain, **data)
    assert twice.value.messages == ["This note has already been posted as an idea."]
    touchpoint = note(journey, world.member, kind="touchpoint")
    with pytest.raises(ValidationError):
        services.note_to_idea(actor=world.member, note=touchpoint, **data)
    assert Idea.objects.count() == 1


def test_an_outsider_posts_no_idea_and_the_note_stays_unlinked(
    world: World, journey: Journey
) -> None:
    pain = note(journey, world.member)
    with pytest.raises(PermissionDenied):
        services.note_to_idea(
            actor=world.outsider, note=pain, title="Say when", text="Slot.", category="services"
        )
    pain.refresh_from_db()
    assert (pain.idea, pain.status, Idea.objects.count()) == (None, "open", 0)


def test_touchpoints_and_outsiders_get_no_link(
    client: Client, world: World, journey: Journey
) -> None:
    slug = world.initiative.slug
    touchpoint = note(journey, world.member, kind="touchpoint")
    pain = note(journey, world.member)
    client.force_login(world.member)
    url = f"/initiatives/{slug}/journey-maps/{journey.map.pk}/notes/"
    assert "Post this as an idea" not in as_text(client.get(f"{url}{touchpoint.pk}/"))
    client.force_login(world.outsider)
    assert "Post this as an idea" not in as_text(client.get(f"{url}{pain.pk}/"))
