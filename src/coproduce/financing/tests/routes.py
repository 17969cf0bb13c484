"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

import datetime

from conftest import World
from coproduce.core.vocabulary import Side
from coproduce.financing import services
from coproduce.organisations.models import Organisation
from tests.grid import PAGE_MANAGE, Expectation, Targets, for_all, signed_in

TODAY = datetime.date.today()
SOON = (TODAY + datetime.timedelta(days=20)).isoformat()
COORDINATORS = signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=403)
API_COORDINATORS = signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=403)
API_MEMBERS = signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403)
CAMPAIGN = {
    "title": "New roof",
    "purpose": "Fix the hall roof",
    "target": 500_000,
    "deadline": SOON,
}
RULE = {
    "funder": "<funder>",
    "funder_side": "regular_producer",
    "numerator": 1,
    "denominator": 1,
    "cap": 100_000,
    "counts": "people",
}
OFFER = {
    "title": "Hall shares",
    "share_price": 1_000,
    "min_shares": 1,
    "max_shares": 10,
    "opens_on": TODAY.isoformat(),
    "closes_on": SOON,
    "target": 100_000,
}
GRANT = {
    "organisation": "<funder>",
    "side": "regular_producer",
    "amount": 250_000,
    "conditions": "Report twice",
    "reporting_dates": [SOON],
}
PLEDGE_PAGE = signed_in(403, member=400, coordinator=400, other_coordinator=403, staff=403)

EXPECTED: dict[str, list[Expectation]] = {
    "financing:overview": [("get", None, for_all(200))],
    "financing:campaign_new": [("get", None, PAGE_MANAGE | {"staff": 403})],
    "financing:campaign": [("get", None, for_all(200)), ("post", {}, PLEDGE_PAGE)],
    "financing:match_new": [("get", None, PAGE_MANAGE | {"staff": 403})],
    "financing:org_pledge": [("get", None, PAGE_MANAGE | {"staff": 403})],
    "financing:lapse": [("post", {}, COORDINATORS)],
    "financing:honour": [("post", {}, COORDINATORS)],
    "financing:withdraw": [
        ("post", {}, signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403))
    ],
    "financing:offer_new": [("get", None, PAGE_MANAGE | {"staff": 403})],
    "financing:offer": [("get", None, for_all(200)), ("post", {}, PLEDGE_PAGE)],
    "financing:register_csv": [("get", None, PAGE_MANAGE | {"staff": 403})],
    "financing:grant_new": [("get", None, PAGE_MANAGE | {"staff": 403})],
    "financing:grant_receive": [("post", {}, COORDINATORS)],
    "financing:report_submit": [("post", {}, COORDINATORS)],
    "financing:spending_new": [("get", None, PAGE_MANAGE | {"staff": 403})],
    "api:campaign-list": [("get", None, for_all(200)), ("post", CAMPAIGN, API_COORDINATORS)],
    "api:campaign-detail": [("get", None, for_all(200))],
    "api:campaign-pledges": [
        ("get", None, for_all(200)),
        ("post", {"kind": "money", "quantity": 500}, API_MEMBERS),
    ],
    "api:campaign-match-rules": [("get", None, for_all(200)), ("post", RULE, API_COORDINATORS)],
    "api:pledge-list": [("get", None, for_all(200))],
    "api:pledge-detail": [
        ("get", None, signed_in(404, member=200, coordinator=200, other_coordinator=404, staff=404))
    ],
    "api:pledge-honour": [
        ("post", {}, signed_in(404, member=403, coordinator=200, other_coordinator=404, staff=404))
    ],
    "api:pledge-withdraw": [
        ("post", {}, signed_in(404, member=200, coordinator=200, other_coordinator=404, staff=404))
    ],
    "api:share-offer-list": [("get", None, for_all(200)), ("post", OFFER, API_COORDINATORS)],
    "api:share-offer-detail": [("get", None, for_all(200))],
    "api:share-offer-applications": [("post", {"shares": 3}, API_MEMBERS)],
    "api:share-offer-withdrawals": [
        (
            "post",
            {"shares": 2},
            signed_in(403, member=201, coordinator=400, other_coordinator=403, staff=403),
        )
    ],
    "api:share-offer-holders": [
        ("get", None, signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=403))
    ],
    "api:grant-list": [("get", None, for_all(200)), ("post", GRANT, API_COORDINATORS)],
    "api:grant-detail": [("get", None, for_all(200))],
    "api:grant-received": [
        (
            "post",
            {"received_on": TODAY.isoformat()},
            signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=403),
        )
    ],
}


def targets(world: World) -> Targets:
    funder = Organisation.objects.create(name="Grid Lottery Fund", kind="funder")
    campaign = services.campaign_create(
        actor=world.coordinator,
        initiative=world.initiative,
        title="Hall",
        purpose="Extend the hall",
        target=1_000_000,
        deadline=TODAY + datetime.timedelta(days=10),
    )
    pledge = services.pledge_make(actor=world.member, campaign=campaign, kind="money", quantity=900)
    offer = services.share_offer_create(
        actor=world.coordinator,
        initiative=world.initiative,
        title="Shop shares",
        share_price=2_500,
        min_shares=2,
        max_shares=20,
        opens_on=TODAY - datetime.timedelta(days=1),
        closes_on=TODAY + datetime.timedelta(days=30),
        target=500_000,
    )
    services.shares_buy(actor=world.member, offer=offer, shares=4)
    grant = services.grant_create(
        actor=world.coordinator,
        initiative=world.initiative,
        organisation=funder,
        side=Side.REGULAR_PRODUCER,
        amount=100_000,
        reporting_dates=[TODAY + datetime.timedelta(days=30)],
    )
    slug = world.initiative.slug
    page = {"slug": slug}
    api = {"initiative_slug": slug}
    return {
        "kwargs": {
            "financing:campaign": lambda: page | {"pk": campaign.pk},
            "financing:match_new": lambda: page | {"pk": campaign.pk},
            "financing:org_pledge": lambda: page | {"pk": campaign.pk},
            "financing:lapse": lambda: page | {"pk": campaign.pk},
            "financing:honour": lambda: page | {"pk": pledge.pk},
            "financing:withdraw": lambda: page | {"pk": pledge.pk},
            "financing:offer": lambda: page | {"pk": offer.pk},
            "financing:register_csv": lambda: page | {"pk": offer.pk},
            "financing:grant_receive": lambda: page | {"pk": grant.pk},
            "financing:report_submit": lambda: page | {"pk": grant.reports.get().pk},
            "api:campaign-detail": lambda: api | {"pk": campaign.pk},
            "api:campaign-pledges": lambda: api | {"pk": campaign.pk},
            "api:campaign-match-rules": lambda: api | {"pk": campaign.pk},
            "api:pledge-detail": lambda: api | {"pk": pledge.pk},
            "api:pledge-honour": lambda: api | {"pk": pledge.pk},
            "api:pledge-withdraw": lambda: api | {"pk": pledge.pk},
            "api:share-offer-detail": lambda: api | {"pk": offer.pk},
            "api:share-offer-applications": lambda: api | {"pk": offer.pk},
            "api:share-offer-withdrawals": lambda: api | {"pk": offer.pk},
            "api:share-offer-holders": lambda: api | {"pk": offer.pk},
            "api:grant-detail": lambda: api | {"pk": grant.pk},
            "api:grant-received": lambda: api | {"pk": grant.pk},
        },
        "placeholders": {"<funder>": funder.pk},
    }
