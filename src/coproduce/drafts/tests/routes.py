"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py):
anyone who may see the initiative reads its drafts; its active members comment, propose and
support; only the drafting group (the coordinator and the member here) edits, decides and
adopts; coordinators (and staff) start drafts and set the group. The coordinator proposed
the amendment here, so they may not support it."""

from conftest import World
from coproduce.drafts import services
from coproduce.drafts.tests.conftest import keys, write_draft
from tests.grid import Expectation, Targets, for_all, signed_in

GROUP_WRITE = signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403)
GROUP_PAGE = signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403)
API_GROUP = signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403)
API_MEMBERS_CREATE = signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403)
ADD = {"kind": "add", "title": "Complaints", "body": "Write to us.", "reason": "Missing"}

EXPECTED: dict[str, list[Expectation]] = {
    "drafts:list": [
        ("get", None, for_all(200)),
        (
            "post",
            {"title": "Charter"},
            signed_in(403, member=403, coordinator=302, other_coordinator=403, staff=302),
        ),
    ],
    "drafts:detail": [
        ("get", None, for_all(200)),
        (
            "post",
            {"section": "<section>", "text": "Evenings too?"},
            signed_in(403, member=302, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "drafts:group": [
        (
            "get",
            None,
            signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=200),
        ),
        (
            "post",
            {},
            signed_in(302, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "drafts:edit": [
        ("get", None, GROUP_PAGE),
        (
            "post",
            {},
            signed_in(302, member=400, coordinator=400, other_coordinator=403, staff=403),
        ),
    ],
    "drafts:versions": [("get", None, for_all(200))],
    "drafts:version": [("get", None, for_all(200))],
    "drafts:print": [("get", None, for_all(200))],
    "drafts:markdown": [("get", None, for_all(200))],
    "drafts:compare": [("get", None, for_all(200))],
    "drafts:propose": [("get", None, GROUP_PAGE), ("post", ADD, GROUP_WRITE)],
    "drafts:amendment": [
        ("get", None, for_all(200)),
        (
            "post",
            {"support": "1"},
            signed_in(403, member=302, coordinator=403, other_coordinator=403, staff=403),
        ),
    ],
    "drafts:adopt": [
        ("get", None, GROUP_PAGE),
        ("post", {"number": "1", "rule": "consensus", "reason": "Ready"}, GROUP_WRITE),
    ],
    "api:draft-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {"title": "Charter"},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:draft-detail": [("get", None, for_all(200))],
    "api:draft-group": [
        (
            "post",
            {"people": ["coord", "member"]},
            signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200),
        )
    ],
    "api:draft-versions": [
        ("get", None, for_all(200)),
        (
            "post",
            {
                "sections": [{"title": "All of it", "body": "Short."}],
                "reason": "Cut",
                "based_on": 1,
            },
            signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:draft-version": [("get", None, for_all(200))],
    "api:draft-diff": [("get", None, for_all(200))],
    "api:draft-adopt": [("post", {"number": 1, "rule": "consensus", "reason": "Ready"}, API_GROUP)],
    "api:amendment-list": [
        ("get", None, for_all(200)),
        ("post", {"draft": "<draft>", **ADD}, API_MEMBERS_CREATE),
    ],
    "api:amendment-detail": [("get", None, for_all(200))],
    "api:amendment-support": [
        ("post", {}, signed_in(403, member=200, coordinator=403, other_coordinator=403, staff=403)),
        (
            "delete",
            {},
            signed_in(403, member=200, coordinator=403, other_coordinator=403, staff=403),
        ),
    ],
    "api:amendment-revise": [
        (
            "post",
            {"reason": "Still too long"},
            signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=403),
        )
    ],
    "api:amendment-decide": [("post", {"decision": "reject", "reason": "Not now"}, API_GROUP)],
}


def targets(world: World) -> Targets:
    draft = write_draft(world)
    amendment = services.amendment_propose(
        actor=world.coordinator, draft=draft, kind="delete", section_key=1, reason="Too long"
    )
    slug = world.initiative.slug
    one = {"slug": slug, "pk": draft.pk}
    api = {"initiative_slug": slug, "pk": draft.pk}
    return {
        "kwargs": {
            "drafts:detail": lambda: one,
            "drafts:group": lambda: one,
            "drafts:edit": lambda: one,
            "drafts:versions": lambda: one,
            "drafts:version": lambda: one | {"number": 1},
            "drafts:print": lambda: one | {"number": 1},
            "drafts:markdown": lambda: one | {"number": 1},
            "drafts:compare": lambda: one,
            "drafts:propose": lambda: one,
            "drafts:amendment": lambda: one | {"amendment": amendment.pk},
            "drafts:adopt": lambda: one,
            "api:draft-detail": lambda: api,
            "api:draft-group": lambda: api,
            "api:draft-versions": lambda: api,
            "api:draft-version": lambda: api | {"number": "1"},
            "api:draft-diff": lambda: api,
            "api:draft-adopt": lambda: api,
            "api:amendment-detail": lambda: api | {"pk": amendment.pk},
            "api:amendment-support": lambda: api | {"pk": amendment.pk},
            "api:amendment-decide": lambda: api | {"pk": amendment.pk},
            "api:amendment-revise": lambda: api | {"pk": amendment.pk},
        },
        "placeholders": {"<draft>": draft.pk, "<section>": keys(draft)["How to report"]},
    }
