"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py):
anyone who may see the initiative reads its ideas, comments and moderation log; its active
members post, comment and support (the idea here is the member's own, so the member may not
support it: 403); only its coordinators moderate and answer, not staff (404 to the rest, as
the pages are not theirs to find)."""

from typing import Any

from conftest import World
from coproduce.ideas import services
from coproduce.ideas.models import Idea
from coproduce.ideas.tests.conftest import photo
from tests.grid import Expectation, Targets, for_all, signed_in

COORDINATORS_ONLY = signed_in(404, member=404, coordinator=200, other_coordinator=404, staff=404)
COORDINATORS_ACT = signed_in(404, member=404, coordinator=302, other_coordinator=404, staff=404)
MEMBERS_PAGE = signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403)
MEMBERS_ACT = signed_in(403, member=302, coordinator=302, other_coordinator=403, staff=403)
MEMBERS_API = signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403)
REASON = {"reason": "Off topic."}

EXPECTED: dict[str, list[Expectation]] = {
    "ideas:list": [("get", None, for_all(200))],
    "ideas:log": [("get", None, for_all(200))],
    "ideas:new": [
        ("get", None, MEMBERS_PAGE),
        (
            "post",
            {"title": "Benches", "text": "By the river.", "category": "places"},
            signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "ideas:detail": [("get", None, for_all(200)), ("post", {"text": "Yes!"}, MEMBERS_ACT)],
    "ideas:picture": [("get", None, for_all(200))],
    "ideas:support": [
        (
            "post",
            {},
            signed_in(403, member=403, coordinator=302, other_coordinator=403, staff=403),
        )
    ],
    # withdrawing support one does not give changes nothing and says so
    "ideas:unsupport": [
        ("post", {}, signed_in(302, member=302, coordinator=302, other_coordinator=302, staff=302))
    ],
    "ideas:moderate": [("get", None, COORDINATORS_ONLY), ("post", REASON, COORDINATORS_ACT)],
    "ideas:moderate_comment": [
        ("get", None, COORDINATORS_ONLY),
        ("post", REASON, COORDINATORS_ACT),
    ],
    "ideas:merge": [
        ("get", None, COORDINATORS_ONLY),
        ("post", {"into": "<kept>", "reason": "Same idea."}, COORDINATORS_ACT),
    ],
    "ideas:answer": [
        ("get", None, COORDINATORS_ONLY),
        ("post", {"status": "into_design"}, COORDINATORS_ACT),
    ],
    "api:idea-list": [
        ("get", None, for_all(200)),
        ("post", {"title": "Benches", "text": "By the river.", "category": "places"}, MEMBERS_API),
    ],
    "api:idea-detail": [("get", None, for_all(200))],
    "api:idea-support": [
        (
            "post",
            {},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=403),
        ),
        (
            "delete",
            {},
            signed_in(403, member=400, coordinator=400, other_coordinator=400, staff=400),
        ),
    ],
    "api:idea-comments": [("get", None, for_all(200)), ("post", {"text": "Yes!"}, MEMBERS_API)],
    "api:idea-answers": [
        ("get", None, for_all(200)),
        (
            "post",
            {"status": "into_design"},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
}


def targets(world: World) -> Targets:
    initiative = world.initiative

    def post(title: str, **picture: Any) -> Idea:
        return services.idea_post(
            actor=world.member,
            initiative=initiative,
            title=title,
            text="Racks by the shops.",
            category="places",
            **picture,
        )

    idea = post("Bike racks", image=photo(), image_alt="A rack")
    kept = post("Cycle parking")
    comment = services.idea_comment(actor=world.member, idea=idea, text="Near the library?")
    slug = initiative.slug
    on_idea = {"slug": slug, "pk": idea.pk}
    api_idea = {"initiative_slug": slug, "pk": idea.pk}
    routes = ("detail", "picture", "support", "unsupport", "moderate", "merge", "answer")
    api_routes = ("detail", "support", "comments", "answers")
    return {
        "kwargs": {
            **{f"ideas:{name}": (lambda: on_idea) for name in routes},
            **{f"api:idea-{name}": (lambda: api_idea) for name in api_routes},
            "ideas:moderate_comment": lambda: {"slug": slug, "pk": comment.pk},
        },
        "placeholders": {"<kept>": kept.pk},
    }
