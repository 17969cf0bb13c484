"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from collections.abc import Callable
from typing import Any

from conftest import World
from coproduce.exchanges import services as exchanges
from tests.grid import Expectation, Targets, signed_in

EXPECTED: dict[str, list[Expectation]] = {
    # exchanges: the member offers something; the coordinator asked to take it up
    "exchanges:overview": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
        (
            "post",
            {},
            signed_in(302, member=400, coordinator=400, other_coordinator=403, staff=403),
        ),
    ],
    "exchanges:propose": [
        # the member's own listing, the coordinator's second try: both told why not
        (
            "post",
            {"minutes": "30"},
            signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403),
        )
    ],
    "exchanges:close": [
        ("post", {}, signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=302))
    ],
    "exchanges:answer": [
        (
            "post",
            {"agree": "yes"},
            signed_in(302, member=302, coordinator=403, other_coordinator=404, staff=403),
        )
    ],
    "exchanges:confirm": [
        # only the receiver confirms; not agreed yet, so the coordinator is told why not
        (
            "post",
            {"key": "grid", "done_on": "2026-03-01", "minutes": "30"},
            signed_in(302, member=403, coordinator=302, other_coordinator=404, staff=403),
        )
    ],
    "exchanges:cancel": [
        ("post", {}, signed_in(302, member=302, coordinator=302, other_coordinator=404, staff=403))
    ],
    "api:listing-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
        (
            "post",
            {"kind": "offer", "title": "Gardening"},
            signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:listing-detail": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403),
        )
    ],
    "api:listing-take-up": [
        (
            "post",
            {"minutes": 30},
            signed_in(403, member=400, coordinator=400, other_coordinator=403, staff=403),
        )
    ],
    "api:listing-close": [
        ("post", {}, signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403))
    ],
    "api:exchange-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        )
    ],
    "api:exchange-detail": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=404, staff=200),
        )
    ],
    "api:exchange-answer": [
        (
            "post",
            {"agree": True},
            signed_in(403, member=200, coordinator=403, other_coordinator=404, staff=403),
        )
    ],
    "api:exchange-confirm": [
        (
            "post",
            {"done_on": "2026-03-01"},
            signed_in(403, member=403, coordinator=400, other_coordinator=404, staff=403),
        )
    ],
    "api:exchange-cancel": [
        ("post", {}, signed_in(403, member=200, coordinator=200, other_coordinator=404, staff=403))
    ],
}


def targets(world: World) -> Targets:
    listing = exchanges.listing_add(
        actor=world.member, initiative=world.initiative, kind="offer", title="Lifts"
    )
    exchange = exchanges.exchange_propose(actor=world.coordinator, listing=listing, minutes=30)
    slug = world.initiative.slug
    by_listing = ["exchanges:propose", "exchanges:close"]
    by_exchange = ["exchanges:answer", "exchanges:confirm", "exchanges:cancel"]
    api_listing = ["api:listing-detail", "api:listing-take-up", "api:listing-close"]
    api_exchange = [
        "api:exchange-detail",
        "api:exchange-answer",
        "api:exchange-confirm",
        "api:exchange-cancel",
    ]
    kwargs: dict[str, Callable[[], dict[str, Any]]] = {}
    kwargs |= dict.fromkeys(by_listing, lambda: {"slug": slug, "pk": listing.pk})
    kwargs |= dict.fromkeys(by_exchange, lambda: {"slug": slug, "pk": exchange.pk})
    kwargs |= dict.fromkeys(api_listing, lambda: {"initiative_slug": slug, "pk": listing.pk})
    kwargs |= dict.fromkeys(api_exchange, lambda: {"initiative_slug": slug, "pk": exchange.pk})
    return {"kwargs": kwargs}
