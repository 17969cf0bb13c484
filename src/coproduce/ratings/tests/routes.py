"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py):
anyone who may see the initiative reads its ratings and the "you said, we did" list; its
active members rate the service (the member here has rated it already, so their rating
changes: 200); only its coordinators answer, not staff (the initiative speaks through them)."""

from conftest import World
from coproduce.ratings import services
from coproduce.ratings.models import ThingKind
from coproduce.ratings.things import Thing
from tests.grid import Expectation, Targets, for_all, signed_in

COORDINATORS_ONLY = signed_in(404, member=404, coordinator=200, other_coordinator=404, staff=404)

EXPECTED: dict[str, list[Expectation]] = {
    "ratings:overview": [("get", None, for_all(200))],
    "ratings:summaries_csv": [("get", None, for_all(200))],
    "ratings:you_said_we_did": [("get", None, for_all(200))],
    "ratings:thing": [
        ("get", None, for_all(200)),
        (
            "post",
            {"stars": "4"},
            signed_in(403, member=302, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "ratings:thing_csv": [("get", None, for_all(200))],
    "ratings:answer": [
        ("get", None, COORDINATORS_ONLY),
        (
            "post",
            {"text": "We changed it."},
            signed_in(404, member=404, coordinator=302, other_coordinator=404, staff=404),
        ),
    ],
    "api:rating-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {"kind": "service", "thing": "<initiative>", "stars": 4},
            signed_in(403, member=200, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:rating-summaries": [("get", None, for_all(200))],
    "api:feedback-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {"rating": "<rating>", "text": "We changed it."},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
}


def targets(world: World) -> Targets:
    initiative = world.initiative
    rating = services.rating_give(
        actor=world.member,
        thing=Thing(ThingKind.SERVICE, initiative, initiative),
        stars=2,
        comment="The door is still broken.",
    )
    slug = initiative.slug
    return {
        "kwargs": {
            "ratings:thing": lambda: {"slug": slug, "kind": "service", "pk": initiative.pk},
            "ratings:thing_csv": lambda: {"slug": slug, "kind": "service", "pk": initiative.pk},
            "ratings:answer": lambda: {"slug": slug, "pk": rating.pk},
        },
        "placeholders": {"<initiative>": initiative.pk, "<rating>": rating.pk},
    }
