"""The demo's volunteering: Taff's youth club, with hours approved (and so credited), and
shifts to sign up for in the open initiative in the coming weeks (illustrative)."""

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from coproduce.core.vocabulary import StageKind
from coproduce.initiatives.demo import demo_stage
from coproduce.volunteering import services

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo


def load(demo: "Demo") -> None:
    _youth_club(demo)
    _walkabouts(demo)


def _walkabouts(demo: "Demo") -> None:
    """Estate walkabouts with the repairs team, one a week for three weeks."""
    panel = demo.initiative("riverside-repairs-panel")
    if panel.opportunities.exists():
        return
    amara = demo.people["amara"]
    walkabout = services.opportunity_create(
        actor=amara,
        initiative=panel,
        stage=demo_stage(panel, StageKind.CO_PERFORMING),
        organisation=demo.organisations["riverside_council"],
        title="Estate walkabout",
        role="Walk the estate with the repairs team and note what needs fixing",
        description="An hour and a half around the blocks, landings and play area with a "
        "repairs officer; you point out what tenants see, they log it.",
        skills="knowing the estate",
        location="Meet at the Riverside House entrance",
        accessibility="Part of the route has steps; a step-free route is offered",
    )
    today = timezone.localdate()
    shifts = [
        services.shift_add(
            actor=amara,
            opportunity=walkabout,
            starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
            ends_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(11, 30))),
            capacity=6,
        )
        for day in (today + datetime.timedelta(days=n) for n in (3, 10, 17))
    ]
    services.shift_sign_up(actor=demo.people["sam"], shift=shifts[0])


def _youth_club(demo: "Demo") -> None:
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
