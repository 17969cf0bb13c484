"""The demo's volunteering: Taff's youth club, with hours approved (and so credited)."""

import datetime
from typing import TYPE_CHECKING

from coproduce.core.vocabulary import StageKind
from coproduce.initiatives.demo import demo_stage
from coproduce.volunteering import services

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo


def load(demo: "Demo") -> None:
    taff = demo.initiative("taff-housing-time-credits")
    if taff.opportunities.exists():
        return
    curator = demo.people["curator"]
    youth_club = services.opportunity_create(
        actor=curator,
        initiative=taff,
        stage=demo_stage(taff, StageKind.CO_PERFORMING),
        organisation=demo.organisations["taff_housing"],
        title="Youth club helper",
        role="Run games and the tuck shop",
        description="Help run the Tuesday youth club in the community room.",
        skills="youth work, cooking",
        location="Community room, Taff Street",
        accessibility="Step-free entrance; hearing loop",
    )
    log = services.hours_log(
        actor=demo.people["rhian"],
        opportunity=youth_club,
        minutes=3 * 60,
        worked_on=datetime.date.today() - datetime.timedelta(days=7),
        note="Ran the games night",
    )
    services.hours_decide(actor=curator, log=log, approve=True)
