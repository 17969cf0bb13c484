"""Peer support: explained matches, sessions confirmed by both, concerns seen by few."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import Role, Side, StageKind
from coproduce.initiatives import services as initiatives
from coproduce.peersupport import selectors, services
from coproduce.peersupport.models import Concern
from coproduce.record.models import Contribution

TODAY = datetime.date(2026, 11, 2)


@pytest.fixture
def circle(world: World) -> dict[str, Any]:
    initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_PERFORMING
    )
    people = {}
    for name in ("ada", "bea", "cat", "mum"):
        people[name] = make_user(name, display_name=name.title())
        add_member(world.initiative, people[name])
    midwife = make_user("midwife", display_name="Midwife Jones")
    add_member(
        world.initiative, midwife, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL
    )
    today = timezone.localdate()
    common = {
        "training": "Baby Friendly peer supporter course",
        "trained_on": today - datetime.timedelta(days=100),
        "checked_until": today + datetime.timedelta(days=300),
    }
    register = lambda person, **f: services.supporter_register(  # noqa: E731
        actor=world.coordinator, initiative=world.initiative, person=person, **common, **f
    )
    register(
        people["ada"],
        supports="breastfeeding",
        languages="English, Polish",
        areas="Felling",
        availability="mornings",
    )
    register(
        people["bea"],
        supports="breastfeeding",
        languages="English",
        areas="Felling",
        availability="evenings",
    )
    register(
        people["cat"],
        supports="mental health",
        languages="Polish",
        areas="Low Fell",
        availability="mornings",
    )
    return {"world": world, "midwife": midwife, **people}


def test_suggestions_rank_by_need_language_area_and_time_and_say_why(
    circle: dict[str, Any],
) -> None:
    request = services.support_ask(
        actor=circle["mum"],
        initiative=circle["world"].initiative,
        need="Breastfeeding",
        language="Polish",
        area="Felling",
        availability="mornings, weekends",
    )
    ranked = [
        (s.supporter.person.username, s.score, s.explanation)
        for s in selectors.suggestions(request)
    ]
    assert ranked == [
        ("ada", 7, "supports breastfeeding; speaks Polish; covers Felling; free mornings"),
        ("bea", 4, "supports breastfeeding; covers Felling"),
        ("cat", 3, "speaks Polish; free mornings"),
    ]
    match = services.match_make(
        actor=circle["world"].coordinator,
        request=request,
        supporter=selectors.suggestions(request)[0].supporter,
    )
    assert (
        match.explanation == "supports breastfeeding; speaks Polish; covers Felling; free mornings"
    )
    with pytest.raises(ValidationError, match="already matched"):
        services.match_make(
            actor=circle["world"].coordinator, request=request, supporter=match.supporter
        )


def test_a_session_counts_once_the_other_person_confirms_it(circle: dict[str, Any]) -> None:
    world = circle["world"]
    request = services.support_ask(
        actor=circle["mum"], initiative=world.initiative, need="breastfeeding"
    )
    match = services.match_make(
        actor=world.coordinator,
        request=request,
        supporter=selectors.suggestions(request)[0].supporter,
    )
    session = services.session_log(
        actor=circle["mum"], match=match, held_on=timezone.localdate(), minutes=45
    )
    with pytest.raises(ValidationError, match="The other person confirms"):
        services.session_confirm(actor=circle["mum"], session=session)
    with pytest.raises(PermissionDenied):
        services.session_confirm(actor=circle["cat"], session=session)
    assert not Contribution.objects.filter(kind="time").exists()
    confirmed = services.session_confirm(actor=match.supporter.person, session=session)
    contribution = Contribution.objects.get(kind="time")
    assert (contribution.contributor, contribution.quantity, contribution.side) == (
        match.supporter.person,
        45,
        "citizen",
    )
    assert confirmed.contribution == contribution


def test_a_concern_is_seen_only_by_who_raised_it_and_the_named_professional(
    client, circle: dict[str, Any]
) -> None:
    world = circle["world"]
    request = services.support_ask(
        actor=circle["mum"], initiative=world.initiative, need="breastfeeding"
    )
    match = services.match_make(
        actor=world.coordinator,
        request=request,
        supporter=selectors.suggestions(request)[0].supporter,
    )
    supporter = match.supporter.person
    with pytest.raises(ValidationError, match="Name a professional"):
        services.concern_raise(
            actor=supporter, match=match, professional=circle["bea"], text="Worried"
        )
    concern = services.concern_raise(
        actor=supporter, match=match, professional=circle["midwife"], text="Baby not feeding well"
    )
    url = f"/initiatives/{world.initiative.slug}/peer-support/concerns/{concern.pk}/"
    for person, status in [
        (supporter, 200),
        (circle["midwife"], 200),
        (circle["mum"], 404),
        (world.coordinator, 404),
        (world.staff, 404),
    ]:
        client.force_login(person)
        assert client.get(url).status_code == status, person
    client.force_login(circle["midwife"])
    assert client.post(url, {"acknowledge": "1"}).status_code == 302
    assert Concern.objects.get().acknowledged_at is not None
