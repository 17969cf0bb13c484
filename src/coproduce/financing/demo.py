"""The demo's co-financing: Tackley's campaign for its village hall and shop, as
illustrative data. Seed 002 (lines 733-734) gives the cost, £415,000, 20% raised in the
village and 80% from 14 outside organisations; the record already holds that money as
received in 2004 (record/demo.py), so the campaign's two pledges, one for each share, stay
open and are not written to the record again. The deadline is invented."""

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from coproduce.core.vocabulary import Side
from coproduce.financing import services
from coproduce.financing.models import Campaign

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

SLUG = "tackley-village-shop"
TITLE = "Village hall, shop and post office (illustrative demo campaign)"
COST = 41_500_000  # £415,000 (seed 002)


def load(demo: "Demo") -> None:
    initiative = demo.initiative(SLUG)
    if Campaign.objects.filter(initiative=initiative, title=TITLE).exists():
        return
    coordinator = initiative.memberships.filter(is_coordinator=True).order_by("pk")[0].user
    campaign = services.campaign_create(
        actor=coordinator,
        initiative=initiative,
        title=TITLE,
        purpose="Extend the village hall with a shop, post office and café. The figures are "
        "the seed's (20% from the village, 80% from 14 organisations); the pledges and the "
        "deadline are illustrative.",
        target=COST,
        deadline=timezone.localdate() + datetime.timedelta(days=90),
    )
    for key, share, side in (
        ("tackley_village", 20, Side.CITIZEN),
        ("tackley_funders", 80, Side.REGULAR_PRODUCER),
    ):
        services.pledge_make(
            actor=coordinator,
            campaign=campaign,
            kind="money",
            quantity=COST * share // 100,
            organisation=demo.organisations[key],
            side=side,
        )
