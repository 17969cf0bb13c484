"""The demo's exchanges: a lift offered between members of Taff's scheme."""

from typing import TYPE_CHECKING

from coproduce.exchanges import services

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

# (initiative, who, offer or request, title, description, minutes)
LISTINGS = [
    (
        "taff-housing-time-credits",
        "rhian",
        "offer",
        "Lifts to the surgery",
        "I drive and can take someone to appointments on weekday mornings.",
        60,
    ),
]


def load(demo: "Demo") -> None:
    for slug, who, kind, title, description, minutes in LISTINGS:
        initiative = demo.initiative(slug)
        if initiative.listings.filter(title=title).exists():
            continue
        services.listing_add(
            actor=demo.people[who],
            initiative=initiative,
            kind=kind,
            title=title,
            description=description,
            minutes=minutes,
        )
