"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py):
a signed-in person reads and marks their own notifications and sets their own preferences
(another's notification is not found); the unsubscribe page needs no sign-in, only the
signed link from the e-mail."""

from conftest import World
from coproduce.notifications.kinds import Kind
from coproduce.notifications.services import notify, unsubscribe_token
from tests.grid import PAGE_SIGNED_IN, Expectation, Targets, for_all, signed_in

ANYONE_SIGNED_IN_ACTS = signed_in(
    302, member=302, coordinator=302, other_coordinator=302, staff=302
)
CHOICES = {kind.value: "digest" for kind in Kind}
API_SIGNED_IN = signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200)
RECIPIENT_ONLY = signed_in(403, member=200, coordinator=404, other_coordinator=404, staff=404)

EXPECTED: dict[str, list[Expectation]] = {
    "notifications:list": [("get", None, PAGE_SIGNED_IN)],
    "notifications:read": [
        (
            "get",
            None,
            signed_in(302, member=405, coordinator=405, other_coordinator=405, staff=405),
        ),
        ("post", {}, signed_in(302, member=302, coordinator=404, other_coordinator=404, staff=404)),
    ],
    "notifications:read_all": [("post", {}, ANYONE_SIGNED_IN_ACTS)],
    "notifications:preferences": [
        ("get", None, PAGE_SIGNED_IN),
        ("post", CHOICES, ANYONE_SIGNED_IN_ACTS),
    ],
    # the signed link is the key: it works for whoever opens it, signed in or not
    "notifications:unsubscribe": [("get", None, for_all(200)), ("post", {}, for_all(200))],
    # the API: one's own only; another's notification is not found
    "api:notification-list": [("get", None, API_SIGNED_IN)],
    "api:notification-detail": [("get", None, RECIPIENT_ONLY)],
    "api:notification-read": [("post", {}, RECIPIENT_ONLY)],
    "api:notification-read-all": [("post", {}, API_SIGNED_IN)],
}


def targets(world: World) -> Targets:
    (notification,) = notify(
        recipients=[world.member],
        kind=Kind.REPLY,
        message="idea_answer",
        params={"title": "Benches"},
        link=f"/initiatives/{world.initiative.slug}/",
    )
    token = unsubscribe_token(world.member.pk, Kind.REPLY)
    return {
        "kwargs": {
            "notifications:read": lambda: {"pk": notification.pk},
            "notifications:unsubscribe": lambda: {"token": token},
            "api:notification-detail": lambda: {"pk": notification.pk},
            "api:notification-read": lambda: {"pk": notification.pk},
        }
    }
