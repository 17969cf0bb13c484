"""The demo's ratings, illustrative and made up: members of the Riverside repairs panel rate
the service (enough of them for the mean to show; two stay anonymous) and a coordinator
answers a comment, pointing at a decision of the panel's record where one stands; in Taff's
time-credit scheme a single rating shows a count without a mean."""

from typing import TYPE_CHECKING

from coproduce.ratings import selectors, services
from coproduce.ratings.models import Rating, ThingKind
from coproduce.ratings.things import Thing

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

# (initiative, username, stars, comment, anonymous)
RATINGS = (
    ("riverside-repairs-panel", "jo", 4, "Repairs are booked faster since the panel began.", False),
    ("riverside-repairs-panel", "sam", 3, "", False),
    (
        "riverside-repairs-panel",
        "rhian",
        2,
        "Nobody told us when the contractor would come; we waited in all day.",
        True,
    ),
    ("riverside-repairs-panel", "amara", 5, "The panel listens.", False),
    ("riverside-repairs-panel", "priya", 4, "", False),
    ("riverside-repairs-panel", "tom", 3, "Evening meetings would let more tenants come.", True),
    (
        "taff-housing-time-credits",
        "rhian",
        5,
        "The youth club is the best night of the week.",
        False,
    ),
)
ANSWERED = (
    "riverside-repairs-panel",
    "rhian",
    "Contractors now text a two-hour arrival window the day before each visit.",
)


def load(demo: "Demo") -> None:
    if Rating.objects.filter(initiative__slug=RATINGS[0][0]).exists():
        return
    given = {}
    for slug, username, stars, comment, anonymous in RATINGS:
        initiative = demo.initiative(slug)
        given[(slug, username)] = services.rating_give(
            actor=demo.people[username],
            thing=Thing(ThingKind.SERVICE, initiative, initiative),
            stars=stars,
            comment=comment,
            anonymous=anonymous,
        )
    slug, username, text = ANSWERED
    initiative = demo.initiative(slug)
    coordinator = initiative.memberships.filter(is_coordinator=True).order_by("id")[0].user
    services.feedback_answer(
        actor=coordinator,
        rating=given[(slug, username)],
        text=text,
        decision=selectors.decisions_to_point_at(initiative).first(),
    )
