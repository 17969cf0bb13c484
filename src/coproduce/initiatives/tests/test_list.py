"""The initiatives list: live initiatives only (the case library keeps the historical
ones), searched, filtered and sorted by a GET form that keeps its filters across pages."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, World, make_initiative
from coproduce.cases.models import CaseStudy
from coproduce.core.vocabulary import ServiceArea
from coproduce.events.tests.conftest import make_workshop
from coproduce.initiatives.models import Initiative, JoinPolicy
from coproduce.initiatives.selectors import InitiativeFilters, live_initiatives_for


@pytest.fixture
def places(world: World) -> World:
    """Riverside (with an event coming up), Other place (invitation only, in Northfield),
    a private carers' group, and a published case."""
    make_workshop(world, residents=0)
    Initiative.objects.filter(pk=world.initiative.pk).update(locality="Riverside")
    Initiative.objects.filter(pk=world.other.pk).update(
        locality="Northfield", join_policy=JoinPolicy.INVITATION
    )
    make_initiative(
        world.other_coordinator,
        title="Quiet carers group",
        summary="Carers meet to plan respite.",
        visibility="members",
        service_area=ServiceArea.SOCIAL_CARE,
    )
    case = make_initiative(world.coordinator, title="A historical case")
    CaseStudy.objects.create(initiative=case, source="A test source")
    return world


def titles(viewer: Any, **filters: Any) -> list[str]:
    found = live_initiatives_for(viewer, InitiativeFilters(**filters))
    return [initiative.title for initiative in found]


def listed(page: Any) -> list[str]:
    return [initiative.title for initiative in page.context["page"]]


def test_cases_stay_in_the_case_library_and_private_ones_with_their_members(
    places: World,
) -> None:
    assert titles(places.outsider) == ["Other place", "Riverside repairs"]
    assert titles(places.other_coordinator) == [
        "Other place",
        "Quiet carers group",
        "Riverside repairs",
    ]


def test_each_filter_and_sort(places: World) -> None:
    viewer = places.other_coordinator
    assert titles(viewer, q="river REPAIRS") == ["Riverside repairs"]
    assert titles(viewer, q="respite") == ["Quiet carers group"]
    assert titles(viewer, service_area=ServiceArea.SOCIAL_CARE) == ["Quiet carers group"]
    assert titles(viewer, locality="Northfield") == ["Other place"]
    assert titles(viewer, stage="co_planning") == ["Riverside repairs"]
    assert titles(viewer, open_to_join=True) == ["Quiet carers group", "Riverside repairs"]
    assert titles(viewer, taking_part_now=True) == ["Riverside repairs"]
    assert titles(viewer, sort="newest") == [
        "Quiet carers group",
        "Other place",
        "Riverside repairs",
    ]
    flags = {i.title: i.taking_part_now for i in live_initiatives_for(viewer)}  # type: ignore[attr-defined]
    assert flags == {"Other place": False, "Quiet carers group": False, "Riverside repairs": True}


def test_something_to_take_part_in_now_ends_with_the_event(places: World) -> None:
    from coproduce.events.models import Event

    Event.objects.update(
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=1),
    )
    assert titles(places.outsider, taking_part_now=True) == []


def test_the_page_filters_by_get_and_offers_only_visible_localities(
    places: World, client: Client
) -> None:
    page = client.get("/initiatives/", {"taking_part_now": "on", "locality": "Riverside"})
    assert page.status_code == 200
    assert listed(page) == ["Riverside repairs"]
    text = page.content.decode()
    assert "1 initiative found." in text
    assert "Something to take part in now" in text
    assert '<option value="Northfield">Northfield</option>' in text
    assert "A historical case" not in text and "Quiet carers group" not in text
    assert client.get("/initiatives/").status_code == 200


def test_a_bad_value_is_named_and_left_out_and_nothing_is_unescaped(
    places: World, client: Client
) -> None:
    page = client.get(
        "/initiatives/",
        {"service_area": "<script>x</script>", "sort": "drop table", "q": "<b>river</b>"},
    )
    assert page.status_code == 400
    text = page.content.decode()
    # each error is shown twice: in the summary at the top and by its field
    assert text.count("Choose one of the options offered; this filter was left out.") == 4
    assert "<script>x</script>" not in text and "<b>river</b>" not in text
    assert "&lt;b&gt;river&lt;/b&gt;" in text
    # the search itself applied: no title has those words
    assert listed(page) == []
    bare = client.get("/initiatives/", {"sort": "nonsense"})
    assert (bare.status_code, listed(bare)) == (400, ["Other place", "Riverside repairs"])
    assert client.get("/initiatives/", {"page": "x'"}).status_code == 200


def test_pages_keep_the_filters(world: World, client: Client) -> None:
    Initiative.objects.bulk_create(
        Initiative(
            slug=f"garden-{n:02}",
            title=f"Garden {n:02}",
            summary="A shared garden.",
            service_area=ServiceArea.ENVIRONMENT,
        )
        for n in range(23)
    )
    client.login(username="member", password=PASSWORD)
    first = client.get("/initiatives/", {"q": "garden", "sort": "title"})
    assert len(listed(first)) == 20
    assert 'href="?q=garden&amp;sort=title&amp;page=2"' in first.content.decode()
    second = client.get("/initiatives/", {"q": "garden", "sort": "title", "page": "2"})
    assert listed(second) == ["Garden 20", "Garden 21", "Garden 22"]
