"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

from knox.models import AuthToken

from conftest import World
from tests.grid import PAGE_SIGNED_IN, ROLES, Expectation, Targets, for_all, signed_in

EXPECTED: dict[str, list[Expectation]] = {
    "accounts:sign_up": [("get", None, for_all(200))],
    "accounts:login": [
        (
            "get",
            None,
            signed_in(200, member=302, coordinator=302, other_coordinator=302, staff=302),
        ),
    ],
    "accounts:logout": [("post", {}, for_all(302))],
    "accounts:profile": [("get", None, PAGE_SIGNED_IN)],
    "accounts:token_revoke": [
        (
            "post",
            {},
            signed_in(302, member=302, coordinator=404, other_coordinator=404, staff=404),
        )
    ],
    "accounts:password_reset": [("get", None, for_all(200))],
    "accounts:password_reset_done": [("get", None, for_all(200))],
    "accounts:password_reset_confirm": [("get", None, for_all(200))],
    "accounts:password_reset_complete": [("get", None, for_all(200))],
    "api:token": [("post", {}, for_all(400))],
    "api:auth-token-list": [("get", None, signed_in(403, **dict.fromkeys(ROLES[1:], 200)))],
    "api:auth-token-detail": [
        (
            "delete",
            None,
            signed_in(403, member=204, coordinator=404, other_coordinator=404, staff=404),
        )
    ],
}


def targets(world: World) -> Targets:
    member_token, _ = AuthToken.objects.create(user=world.member)
    return {
        "kwargs": {
            "accounts:token_revoke": lambda: {"token_id": member_token.digest[:16]},
            "api:auth-token-detail": lambda: {"pk": member_token.digest[:16]},
            "accounts:password_reset_confirm": lambda: {"uidb64": "MQ", "token": "used-token"},
        }
    }
