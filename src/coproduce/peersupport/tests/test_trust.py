"""A concern reaches someone else, and answers about people and matches outside one's
reach look like answers about no one."""

import datetime
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from conftest import World, add_member, make_user
from coproduce.accounts.models import User
from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.core.dates import IN_THE_FUTURE, TOO_EARLY, TOO_LATE
from coproduce.core.vocabulary import Role, Side, StageKind
from coproduce.initiatives import services as initiatives
from coproduce.peersupport import services
from coproduce.peersupport.models import Concern, Match, PeerSupporter, Session
from coproduce.peersupport.tests.test_peersupport import circle  # noqa: F401  (fixture)

NOT_A_PROFESSIONAL = "Name a professional (paid staff) of this initiative."
NOT_YOURSELF = "Name a professional other than yourself: someone else must know."
YOUR_MATCH = "Choose one of your matches here."


def _supporter(world: World, initiative: Any, person: Any, coordinator: Any) -> PeerSupporter:
    today = timezone.localdate()
    return services.supporter_register(
        actor=coordinator,
        initiative=initiative,
        person=person,
        supports="breastfeeding",
        training="Peer supporter course",
        trained_on=today - datetime.timedelta(days=100),
        checked_until=today + datetime.timedelta(days=300),
    )


def _match(
    initiative: Any, coordinator: Any, requester: Any, supporter: PeerSupporter, **asked: Any
) -> Match:
    request = services.support_ask(
        actor=requester, initiative=initiative, need="breastfeeding", **asked
    )
    return services.match_make(actor=coordinator, request=request, supporter=supporter)


def test_a_professional_supporter_cannot_send_a_concern_to_themself(
    api: APIClient,
    circle: dict[str, Any],  # noqa: F811
) -> None:
    world = circle["world"]
    nurse = make_user("nurse", display_name="Nurse Nia")
    add_member(
        world.initiative, nurse, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL
    )
    match = _match(
        world.initiative,
        world.coordinator,
        circle["mum"],
        _supporter(world, world.initiative, nurse, world.coordinator),
    )
    base = f"/api/v1/initiatives/{world.initiative.slug}/concerns/"
    api.force_authenticate(nurse)
    to_self = api.post(base, {"match": match.pk, "professional": "nurse", "text": "Hidden"})
    assert (to_self.status_code, to_self.json()) == (400, {"professional": [NOT_YOURSELF]})
    assert Concern.objects.count() == 0
    api.force_authenticate(nurse)
    sent = api.post(base, {"match": match.pk, "professional": "midwife", "text": "Weight"})
    assert (sent.status_code, sent.json()["professional"]) == (201, "midwife")
    assert list(Concern.objects.values_list("raised_by__username", "professional__username")) == [
        ("nurse", "midwife")
    ]


def test_the_concern_page_neither_offers_nor_takes_the_raiser_as_professional(
    client,
    circle: dict[str, Any],  # noqa: F811
) -> None:
    world = circle["world"]
    nurse = make_user("nurse", display_name="Nurse Nia")
    add_member(
        world.initiative, nurse, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL
    )
    match = _match(
        world.initiative,
        world.coordinator,
        circle["mum"],
        _supporter(world, world.initiative, nurse, world.coordinator),
    )
    client.force_login(nurse)
    url = f"/initiatives/{world.initiative.slug}/peer-support/matches/{match.pk}/"
    page = client.get(url)
    offered = page.context["concern_form"].fields["professional"].queryset
    assert sorted(offered.values_list("username", flat=True)) == ["coord", "midwife"]
    answer = client.post(url, {"concern": "1", "professional": nurse.pk, "text": "Hidden"})
    assert answer.status_code == 400
    assert answer.context["concern_form"].errors["professional"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Concern.objects.count() == 0


def test_concern_professionals_who_are_not_ones_look_like_no_one(
    api: APIClient,
    circle: dict[str, Any],  # noqa: F811
) -> None:
    world = circle["world"]
    elsewhere = make_user("elsewhere", display_name="Dr Elsewhere")
    add_member(world.other, elsewhere, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL)
    match = _match(
        world.initiative,
        world.coordinator,
        circle["mum"],
        PeerSupporter.objects.get(person=circle["ada"]),
    )
    api.force_authenticate(circle["ada"])
    base = f"/api/v1/initiatives/{world.initiative.slug}/concerns/"
    for named in ("nobody-at-all", "elsewhere", "bea"):  # no one; another initiative's; a citizen
        answer = api.post(base, {"match": match.pk, "professional": named, "text": "Worried"})
        assert (answer.status_code, answer.json()) == (400, {"professional": [NOT_A_PROFESSIONAL]})
    assert Concern.objects.count() == 0


def test_a_concern_on_a_match_not_ones_own_answers_as_on_a_missing_match(
    api: APIClient,
    circle: dict[str, Any],  # noqa: F811
) -> None:
    world = circle["world"]
    initiatives.stage_create(
        actor=world.other_coordinator, initiative=world.other, kind=StageKind.CO_PERFORMING
    )
    helper, asker = make_user("helper"), make_user("asker")
    for person in (helper, asker):
        add_member(world.other, person)
    elsewhere = _match(
        world.other,
        world.other_coordinator,
        asker,
        _supporter(world, world.other, helper, world.other_coordinator),
    )
    theirs = _match(  # in this initiative, but between other people
        world.initiative,
        world.coordinator,
        circle["bea"],
        PeerSupporter.objects.get(person=circle["cat"]),
        language="Polish",
    )
    api.force_authenticate(circle["ada"])
    base = f"/api/v1/initiatives/{world.initiative.slug}/concerns/"
    for match_id in (elsewhere.pk, theirs.pk, 999_999, "x"):
        answer = api.post(base, {"match": match_id, "professional": "midwife", "text": "Worried"})
        assert (answer.status_code, answer.json()) == (400, {"match": [YOUR_MATCH]}), match_id
    assert Concern.objects.count() == 0


def test_registering_a_supporter_from_elsewhere_answers_as_for_no_one(
    api: APIClient,
    circle: dict[str, Any],  # noqa: F811
) -> None:
    world = circle["world"]
    add_member(world.other, make_user("hidden", display_name="Hidden Name"))
    api.force_authenticate(world.coordinator)
    today = timezone.localdate()
    body = {
        "supports": "breastfeeding",
        "training": "Course",
        "trained_on": (today - datetime.timedelta(days=10)).isoformat(),
        "checked_until": (today + datetime.timedelta(days=300)).isoformat(),
    }
    base = f"/api/v1/initiatives/{world.initiative.slug}/peer-supporters/"
    before = PeerSupporter.objects.count()
    for named in ("hidden", "nobody-at-all"):
        answer = api.post(base, {**body, "person": named})
        assert (answer.status_code, answer.json()) == (400, {"person": [NO_SUCH_MEMBER]})
    assert PeerSupporter.objects.count() == before


def test_sessions_and_checks_on_implausible_days_are_refused(
    api: APIClient,
    circle: dict[str, Any],  # noqa: F811
) -> None:
    world = circle["world"]
    match = _match(
        world.initiative,
        world.coordinator,
        circle["mum"],
        PeerSupporter.objects.get(person=circle["ada"]),
    )
    base = f"/api/v1/initiatives/{world.initiative.slug}/"
    api.force_authenticate(circle["ada"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    sessions = [
        api.post(base + f"peer-matches/{match.pk}/sessions/", {"held_on": day, "minutes": 30})
        for day in ("0001-01-01", tomorrow.isoformat())
    ]
    assert [(a.status_code, a.json()) for a in sessions] == [
        (400, {"held_on": [TOO_EARLY]}),
        (400, {"held_on": [IN_THE_FUTURE]}),
    ]
    assert not Session.objects.exists()
    api.force_authenticate(world.coordinator)
    make_user("newbie")
    add_member(world.initiative, User.objects.get(username="newbie"))
    body = {"person": "newbie", "supports": "sleep", "training": "Course"}
    supporters = [
        api.post(base + "peer-supporters/", {**body, **dates})
        for dates in (
            {"trained_on": "2026-01-05", "checked_until": "0001-01-01"},
            {"trained_on": "0001-01-01", "checked_until": "2030-01-01"},
            {"trained_on": "2026-01-05", "checked_until": "9999-01-01"},
        )
    ]
    assert [(a.status_code, a.json()) for a in supporters] == [
        (400, {"checked_until": [TOO_EARLY]}),
        (400, {"trained_on": [TOO_EARLY]}),
        (400, {"checked_until": [TOO_LATE]}),
    ]
    assert not PeerSupporter.objects.filter(person__username="newbie").exists()
