"""The demo's ideas, illustrative and made up: members of the Riverside repairs panel post
ideas for the repairs service and support each other's; a coordinator takes one into
design, declines one with a reason, and merges a duplicate."""

from typing import TYPE_CHECKING

from coproduce.ideas import services
from coproduce.ideas.models import Idea

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

SLUG = "riverside-repairs-panel"
# (author, title, text, category, supporters)
IDEAS = (
    (
        "jo",
        "Text us a two-hour arrival window",
        "Tenants wait in all day for contractors. A text the day before with a two-hour "
        "window would save a day's leave.",
        "services",
        ("sam", "rhian"),
    ),
    (
        "sam",
        "A repairs surgery at the community centre",
        "Once a month, someone from the repairs team at the centre to look at photos and "
        "book jobs on the spot.",
        "places",
        ("jo",),
    ),
    (
        "rhian",
        "Replace every boiler on the estate at once",
        "Do them all in one go rather than waiting for each to fail.",
        "services",
        (),
    ),
    (
        "rhian",
        "Tell us when the contractor is coming",
        "We never know which day they will turn up.",
        "information",
        ("sam",),
    ),
)


def load(demo: "Demo") -> None:
    initiative = demo.initiative(SLUG)
    if Idea.objects.filter(initiative=initiative).exists():
        return
    coordinator = initiative.memberships.filter(is_coordinator=True).order_by("id")[0].user
    posted = []
    for author, title, text, category, supporters in IDEAS:
        idea = services.idea_post(
            actor=demo.people[author],
            initiative=initiative,
            title=title,
            text=text,
            category=category,
        )
        for name in supporters:
            services.idea_support(actor=demo.people[name], idea=idea)
        posted.append(idea)
    window, surgery, boilers, duplicate = posted
    services.idea_comment(
        actor=demo.people["sam"], idea=window, text="Evenings would help people who work too."
    )
    services.idea_answer(actor=coordinator, idea=window, status="into_design")
    services.idea_answer(actor=coordinator, idea=surgery, status="under_consideration")
    services.idea_answer(
        actor=coordinator,
        idea=boilers,
        status="not_taken_forward",
        reason="The boilers were replaced three years ago and are under warranty until 2031.",
    )
    services.idea_merge(
        actor=coordinator,
        idea=duplicate,
        into=window,
        reason="The same idea as the arrival window; its supporters now support that one.",
    )
