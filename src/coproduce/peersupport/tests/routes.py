"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

import datetime

from conftest import World
from coproduce.initiatives import services as initiatives
from coproduce.peersupport import services as peersupport
from tests.grid import Expectation, Targets, signed_in

EXPECTED: dict[str, list[Expectation]] = {
    # peer support: the coordinator supports the member; the member raised a concern to them
    "peersupport:overview": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=200),
        )
    ],
    "peersupport:make_match": [
        ("post", {}, signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302))
    ],
    "peersupport:match": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=404, staff=200),
        )
    ],
    "peersupport:concern": [
        # only the person who raised it and the named professional, not even staff
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=404, staff=404),
        )
    ],
    "api:peer-supporter-list": [
        (
            "get",
            None,
            signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200),
        ),
        (
            "post",
            {
                "person": "member",
                "supports": "repairs",
                "training": "Course",
                "trained_on": "2026-01-01",
                "checked_until": "2030-01-01",
            },
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:support-request-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"need": "repairs"},
            signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:support-request-detail": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=404, staff=200),
        ),
    ],
    "api:support-request-suggestions": [
        (
            "get",
            None,
            signed_in(403, member=403, coordinator=200, other_coordinator=404, staff=200),
        ),
    ],
    "api:support-request-match": [
        (
            "post",
            {"supporter": "<supporter>"},
            signed_in(403, member=403, coordinator=400, other_coordinator=404, staff=400),
        ),
    ],
    "api:peer-match-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
    ],
    "api:peer-match-detail": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=404, staff=200),
        ),
    ],
    "api:peer-match-sessions": [
        (
            "post",
            {"held_on": "2026-03-01", "minutes": 30},
            signed_in(403, member=201, coordinator=201, other_coordinator=404, staff=403),
        ),
    ],
    "api:peer-session-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
    ],
    "api:peer-session-confirm": [
        (
            "post",
            {},
            signed_in(403, member=200, coordinator=400, other_coordinator=404, staff=404),
        ),
    ],
    "api:concern-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"match": "<match>", "professional": "coord", "text": "Worried"},
            # the coordinator supports the member: a concern to oneself is refused; a match
            # not one's own is refused as a missing one would be
            signed_in(403, member=201, coordinator=400, other_coordinator=400, staff=400),
        ),
    ],
    "api:concern-detail": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=404, staff=404),
        ),
    ],
    "api:concern-acknowledge": [
        (
            "post",
            {},
            signed_in(403, member=400, coordinator=200, other_coordinator=404, staff=404),
        ),
    ],
}


def targets(world: World) -> Targets:
    initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind="co_performing"
    )  # peer support is offered in a co-performing stage
    supporter = peersupport.supporter_register(
        actor=world.coordinator,
        initiative=world.initiative,
        person=world.coordinator,
        supports="repairs",
        training="Peer support course",
        trained_on=datetime.date(2026, 1, 5),
        checked_until=datetime.date(2030, 1, 1),
    )
    support_request = peersupport.support_ask(
        actor=world.member, initiative=world.initiative, need="repairs"
    )
    match = peersupport.match_make(
        actor=world.coordinator, request=support_request, supporter=supporter
    )
    concern = peersupport.concern_raise(
        actor=world.member, match=match, professional=world.coordinator, text="Worried"
    )
    peer_session = peersupport.session_log(
        actor=world.coordinator, match=match, held_on=datetime.date(2026, 3, 1), minutes=30
    )
    slug = world.initiative.slug
    return {
        "kwargs": {
            "api:support-request-detail": lambda: {
                "initiative_slug": slug,
                "pk": support_request.pk,
            },
            "api:support-request-suggestions": lambda: {
                "initiative_slug": slug,
                "pk": support_request.pk,
            },
            "api:support-request-match": lambda: {
                "initiative_slug": slug,
                "pk": support_request.pk,
            },
            "api:peer-match-detail": lambda: {"initiative_slug": slug, "pk": match.pk},
            "api:peer-match-sessions": lambda: {"initiative_slug": slug, "pk": match.pk},
            "api:peer-session-confirm": lambda: {"initiative_slug": slug, "pk": peer_session.pk},
            "api:concern-detail": lambda: {"initiative_slug": slug, "pk": concern.pk},
            "api:concern-acknowledge": lambda: {"initiative_slug": slug, "pk": concern.pk},
            "peersupport:make_match": lambda: {"slug": slug, "pk": support_request.pk},
            "peersupport:match": lambda: {"slug": slug, "pk": match.pk},
            "peersupport:concern": lambda: {"slug": slug, "pk": concern.pk},
        },
        "placeholders": {"<supporter>": supporter.pk, "<match>": match.pk},
    }
