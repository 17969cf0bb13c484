"""A pain point on a journey map can become an idea: its page offers members a link that
opens the idea form with the stage and the note's words filled in."""

from django.test import Client

from conftest import World
from coproduce.journeymaps.tests.conftest import Journey, as_text, note


def test_a_pain_point_opens_the_idea_form_filled_in(
    client: Client, world: World, journey: Journey
) -> None:
    pain = note(journey, world.member)
    client.force_login(world.member)
    slug = world.initiative.slug
    page = as_text(
        client.get(f"/initiatives/{slug}/journey-maps/{journey.map.pk}/notes/{pain.pk}/")
    )
    link = (
        f'<a href="/initiatives/{slug}/ideas/new/?title=Reporting%20the%20repair&amp;'
        'text=Nobody%20said%20when%20they%20would%20come.">Post this as an idea</a>'
    )
    assert link in page
    form = as_text(
        client.get(
            f"/initiatives/{slug}/ideas/new/",
            {"title": "Reporting the repair", "text": "Nobody said when they would come."},
        )
    )
    assert 'value="Reporting the repair"' in form
    assert "\nNobody said when they would come.</textarea>" in form


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
