"""Ideas carry the workshop or event they came from: the event page lists them (a hidden
one under its notice), and an idea names only an event of its own initiative."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import World
from coproduce.events.tests.conftest import hold, make_workshop
from coproduce.ideas import services
from coproduce.ideas.models import Idea
from coproduce.ideas.tests.conftest import text


def test_an_idea_posted_from_an_event_is_listed_on_it(client: Client, world: World) -> None:
    workshop = make_workshop(world)
    hold(workshop.event)
    slug, pk = world.initiative.slug, workshop.event.pk
    client.force_login(world.member)
    form = text(client.get(f"/initiatives/{slug}/ideas/new/?event={pk}"))
    assert f'<option value="{pk}" selected>Planning for Real: the riverside</option>' in form
    answer = client.post(
        f"/initiatives/{slug}/ideas/new/",
        {"title": "A ramp to the river", "text": "Step-free.", "category": "places", "event": pk},
    )
    assert answer.status_code == 302
    idea = Idea.objects.get()
    assert idea.event == workshop.event
    assert "from <a href" in text(client.get(answer["Location"]))
    page = text(client.get(f"/initiatives/{slug}/events/{pk}/"))
    assert f'<a href="/initiatives/{slug}/ideas/{idea.pk}/">A ramp to the river</a>' in page
    services.idea_hide(actor=world.coordinator, idea=idea, reason="Names a neighbour")
    client.logout()
    page = text(client.get(f"/initiatives/{slug}/events/{pk}/"))
    assert "A ramp to the river" not in page


def test_an_idea_names_only_an_event_of_its_own_initiative(world: World) -> None:
    workshop = make_workshop(world)
    with pytest.raises(ValidationError) as error:
        services.idea_post(
            actor=world.other_coordinator,
            initiative=world.other,
            title="Elsewhere",
            text="Not from here.",
            category="places",
            event=workshop.event,
        )
    assert error.value.message_dict == {"event": ["Choose an event of this initiative."]}
    assert Idea.objects.count() == 0
