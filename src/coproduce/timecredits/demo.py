"""The demo's time credits: a leisure centre in Taff's scheme, offering a swim for credits."""

from typing import TYPE_CHECKING

from coproduce.timecredits import services

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

# (initiative, partner organisation, representatives, [(offer, price in minutes)])
PARTNERS = [
    ("taff-housing-time-credits", "leisure_centre", ["tom"], [("One swim", 60)]),
]


def load(demo: "Demo") -> None:
    for slug, organisation, representatives, offers in PARTNERS:
        initiative = demo.initiative(slug)
        if initiative.partners.exists():
            continue
        partner = services.partner_add(
            actor=demo.people["curator"],
            initiative=initiative,
            organisation=demo.organisations[organisation],
            representatives=[demo.people[name] for name in representatives],
        )
        for title, price in offers:
            services.offer_add(
                actor=demo.people["curator"], partner=partner, title=title, price=price
            )
