"""Pages and API: bad input answers 400 with nothing saved; the register of holders is seen
by coordinators only (no page, API answer or CSV shows a holder to anyone else); the public
accountability page shows totals; the demo's Tackley campaign."""

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from conftest import World
from coproduce.financing import selectors, services
from coproduce.financing.models import Campaign, MatchRule, Pledge, ShareOffer
from coproduce.financing.tests.conftest import in_days, match_rule, open_campaign
from coproduce.organisations.models import Organisation


@pytest.fixture
def offer(world: World) -> ShareOffer:
    shop = services.share_offer_create(
        actor=world.coordinator,
        initiative=world.initiative,
        title="Shop shares",
        share_price=2_500,
        min_shares=2,
        max_shares=20,
        opens_on=in_days(-1),
        closes_on=in_days(30),
        target=500_000,
    )
    services.shares_buy(actor=world.member, offer=shop, shares=4)
    return shop


def test_holders_are_shown_to_coordinators_only(world: World, offer: ShareOffer) -> None:
    slug = world.initiative.slug
    pages = [
        f"/initiatives/{slug}/financing/",
        f"/initiatives/{slug}/financing/shares/{offer.pk}/",
        f"/initiatives/{slug}/accountability/",
    ]
    api = [
        f"/api/v1/initiatives/{slug}/share-offers/",
        f"/api/v1/initiatives/{slug}/share-offers/{offer.pk}/",
    ]
    for viewer in (None, world.outsider, world.other_coordinator, world.staff):
        client = Client()
        if viewer:
            client.force_login(viewer)
        for url in pages + api:
            response = client.get(url)
            assert response.status_code == 200, url
            assert b"Mo Member" not in response.content, (url, viewer)
        holders = client.get(f"/api/v1/initiatives/{slug}/share-offers/{offer.pk}/holders/")
        assert holders.status_code == 403
        csv = client.get(f"/initiatives/{slug}/financing/shares/{offer.pk}/register.csv")
        assert csv.status_code in {302, 403}
    totals = Client().get(api[1]).json()
    assert (totals["capital"], totals["holders"]) == (10_000, 1)
    client = Client()
    client.force_login(world.coordinator)
    assert b"Mo Member" in client.get(pages[1]).content
    csv = client.get(f"/initiatives/{slug}/financing/shares/{offer.pk}/register.csv")
    assert csv.content.decode().splitlines()[1] == "Mo Member,member,4,10000"
    holders = client.get(f"/api/v1/initiatives/{slug}/share-offers/{offer.pk}/holders/").json()
    assert holders == [{"holder": "member", "shares": 4, "amount": 10_000}]


@pytest.mark.parametrize("quantity", [-5, 0, 10**15, "NaN", 1.5, "lots"])
def test_api_refuses_bad_pledges(
    world: World, api: APIClient, campaign: Campaign, quantity: Any
) -> None:
    api.force_authenticate(world.member)
    url = f"/api/v1/initiatives/{world.initiative.slug}/campaigns/{campaign.pk}/pledges/"
    response = api.post(url, {"kind": "money", "quantity": quantity}, format="json")
    assert response.status_code == 400
    assert "quantity" in str(response.json())
    assert Pledge.objects.count() == 0


def test_api_refuses_bad_rules_and_campaigns(world: World, api: APIClient) -> None:

    api.force_authenticate(world.coordinator)
    base = f"/api/v1/initiatives/{world.initiative.slug}"
    past = {"title": "Roof", "purpose": "Fix", "target": 100, "deadline": in_days(-1).isoformat()}
    assert api.post(f"{base}/campaigns/", past, format="json").status_code == 400
    assert Campaign.objects.count() == 0
    campaign = open_campaign(world)
    funder = Organisation.objects.create(name="Council", kind="public_agency")
    rule = {
        "funder": funder.pk,
        "funder_side": "regular_producer",
        "numerator": 0,
        "denominator": 1,
        "cap": -1,
        "counts": "people",
    }
    url = f"{base}/campaigns/{campaign.pk}/match-rules/"
    assert api.post(url, rule, format="json").status_code == 400
    assert api.post(url, rule | {"numerator": 1}, format="json").status_code == 400
    assert MatchRule.objects.count() == 0


def test_the_pledge_form_explains_bad_amounts(world: World, campaign: Campaign) -> None:
    client = Client()
    client.force_login(world.member)
    url = campaign.get_absolute_url()
    for amount in ("-5", "0", "NaN", "99999999999"):
        response = client.post(url, {"kind": "money", "amount": amount})
        assert response.status_code == 400, amount
        assert b"There is a problem" in response.content
    response = client.post(url, {"kind": "money", "amount": "12.50"})
    assert response.status_code == 302
    assert Pledge.objects.get().quantity == 1_250


def test_a_holding_outside_the_offer_is_a_form_error(world: World, offer: ShareOffer) -> None:
    client = Client()
    client.force_login(world.member)
    response = client.post(offer.get_absolute_url(), {"shares": "17", "action": "buy"})
    assert response.status_code == 400
    assert b"from 2 to 20 shares; this would make 21" in response.content


def test_demo_tackley_campaign(db: Any) -> None:
    from coproduce.portal.demo import load_demo

    load_demo()
    campaign = Campaign.objects.get(initiative__slug="tackley-village-shop")
    assert campaign.target == 41_500_000
    amounts = sorted(Pledge.objects.filter(campaign=campaign).values_list("quantity", flat=True))
    assert amounts == [8_300_000, 33_200_000]
    page = Client().get(campaign.get_absolute_url())
    assert b"illustrative" in page.content
    assert b"\xc2\xa3415,000 of \xc2\xa3415,000 (100%)" in page.content


def test_api_refuses_bad_offers_grants_and_shares(
    world: World, api: APIClient, offer: ShareOffer, council: Organisation
) -> None:
    api.force_authenticate(world.coordinator)
    base = f"/api/v1/initiatives/{world.initiative.slug}"
    bad_offer = {
        "title": "Shares",
        "share_price": 100,
        "min_shares": 5,
        "max_shares": 4,
        "opens_on": "2026-01-01",
        "closes_on": "2026-02-01",
        "target": 10_000,
    }
    assert api.post(f"{base}/share-offers/", bad_offer, format="json").status_code == 400
    grant = {
        "organisation": council.pk,
        "side": "regular_producer",
        "amount": 10_000,
        "reporting_dates": ["0001-01-01"],
    }
    response = api.post(f"{base}/grants/", grant, format="json")
    assert response.status_code == 400
    assert "reporting_dates" in str(response.json())
    assert ShareOffer.objects.count() == 1
    api.force_authenticate(world.member)
    for shares in (17, 0, -2, 10**12):  # the member holds 4; a holding is 2 to 20
        response = api.post(f"{base}/share-offers/{offer.pk}/applications/", {"shares": shares})
        assert response.status_code == 400, shares
    assert selectors.holding_of(offer, world.member) == 4


def test_a_visitor_is_shown_no_ones_pledges(
    world: World, campaign: Campaign, council: Organisation
) -> None:
    """An organisation's pledge has no person behind it: a visitor who is not signed in must
    not be taken for its pledger and shown it as their own."""
    services.pledge_make(
        actor=world.coordinator,
        campaign=campaign,
        kind="money",
        quantity=5_000_000,
        organisation=council,
        side="regular_producer",
    )
    url = f"/initiatives/{world.initiative.slug}/financing/campaigns/{campaign.pk}/"
    page = Client().get(url).content.decode()
    assert council.name not in page and "Withdraw" not in page
    coordinator = Client()
    coordinator.force_login(world.coordinator)
    assert council.name in coordinator.get(url).content.decode()


def test_every_financing_page_in_welsh(
    world: World, campaign: Campaign, offer: ShareOffer, council: Organisation
) -> None:
    match_rule(world, campaign, council)
    services.pledge_make(
        actor=world.member, campaign=campaign, kind="money", quantity=2_000, unit="pence"
    )
    services.pledge_make(
        actor=world.member, campaign=campaign, kind="time", quantity=150, unit="minutes"
    )
    services.grant_create(
        actor=world.coordinator,
        initiative=world.initiative,
        organisation=council,
        side="regular_producer",
        amount=50_000,
        reporting_dates=[in_days(60)],
    )
    client = Client()
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "cy"
    base = f"/initiatives/{world.initiative.slug}/financing/"
    pages = {
        base: "Cyfranddaliadau cymunedol",
        f"{base}campaigns/{campaign.pk}/": "Addawyd hefyd: 2 awr 30 mun o amser.",
        f"{base}campaigns/{campaign.pk}/match/": "Ychwanegu arian cyfatebol at",
        f"{base}campaigns/{campaign.pk}/organisation/": "Rhoi addewid sefydliad i",
        f"{base}campaigns/new/": "<h1>Agor ymgyrch</h1>",
        f"{base}shares/{offer.pk}/": "Rydych yn dal 0 o gyfrannau.",
        f"{base}shares/new/": "<h1>Cynnig cyfranddaliadau cymunedol</h1>",
        f"{base}grants/new/": "<h1>Cofnodi grant</h1>",
        f"{base}spending/new/": "<h1>Cofnodi arian a wariwyd</h1>",
        f"/initiatives/{world.initiative.slug}/accountability/": "Cyd-ariannu: arian a godwyd",
    }
    for url, welsh in pages.items():
        response = client.get(url)
        text = response.content.decode()
        assert (url, response.status_code, welsh in text) == (url, 200, True)
        for english in ("Co-financing", ">Campaigns<", ">Save<", "Sign out", " of time"):
            assert english not in text, (url, english)
    response = client.post(f"{base}campaigns/new/", {"title": "X", "purpose": "Y"})
    assert response.status_code == 400
