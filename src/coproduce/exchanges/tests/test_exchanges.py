"""Exchanges of services between members, paid in time credits."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import World
from coproduce.core.vocabulary import StageKind
from coproduce.exchanges import services
from coproduce.exchanges.models import Exchange, Listing
from coproduce.initiatives import services as initiatives
from coproduce.record.models import Contribution
from coproduce.timecredits.models import Account
from coproduce.timecredits.selectors import ledger_check


def balances() -> dict[str, int]:
    return dict(Account.objects.filter(kind="person").values_list("user__username", "balance"))


def test_an_offer_taken_up_agreed_done_and_paid(world: World, neighbours: tuple) -> None:
    driver, patient = neighbours
    stage = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_PERFORMING
    )
    lift = services.listing_add(
        actor=driver,
        initiative=world.initiative,
        kind="offer",
        title="Lifts to the surgery",
        minutes=60,
    )
    with pytest.raises(ValidationError, match="your own listing"):
        services.exchange_propose(actor=driver, listing=lift, minutes=60)
    exchange = services.exchange_propose(actor=patient, listing=lift, minutes=50, note="Tuesday?")
    assert (exchange.provider, exchange.receiver, exchange.status) == (driver, patient, "proposed")
    with pytest.raises(ValidationError, match="already taken this up"):
        services.exchange_propose(actor=patient, listing=lift, minutes=50)
    with pytest.raises(PermissionDenied):  # the one who proposed does not answer themself
        services.exchange_answer(actor=patient, exchange=exchange, agree=True)
    with pytest.raises(PermissionDenied):  # only the receiver confirms and pays
        services.exchange_confirm(actor=driver, exchange=exchange, done_on=timezone.localdate())
    services.exchange_answer(actor=driver, exchange=exchange, agree=True)
    done, made = services.exchange_confirm(
        actor=patient, exchange=exchange, done_on=timezone.localdate(), minutes=55, key="k1"
    )
    assert (made, done.status, done.minutes) == (True, "done", 55)
    assert balances() == {"patient": 65, "driver": 55}
    assert done.transfer is not None and done.transfer.kind == "exchange"
    entry = done.contribution
    assert entry is not None
    assert (entry.contributor, entry.stage, entry.quantity, entry.side) == (
        driver,
        stage,
        55,
        "citizen",
    )
    assert Contribution.objects.values_list(
        "source_type__app_label", "source_type__model", "source_id"
    ).get() == ("exchanges", "exchange", done.pk)
    assert entry.paid is False
    assert world.initiative.stages.filter(kind=StageKind.CO_PERFORMING).count() == 1
    again, made = services.exchange_confirm(
        actor=patient, exchange=exchange, done_on=timezone.localdate(), minutes=55, key="k1"
    )
    assert (made, again.pk, balances()) == (False, done.pk, {"patient": 65, "driver": 55})
    with pytest.raises(ValidationError, match="Only an agreed exchange"):
        services.exchange_confirm(
            actor=patient, exchange=exchange, done_on=timezone.localdate(), key="k2"
        )
    assert ledger_check().sound


def test_a_need_answered_without_enough_credit_pays_nothing(
    world: World, neighbours: tuple
) -> None:
    driver, patient = neighbours
    need = services.listing_add(
        actor=driver, initiative=world.initiative, kind="request", title="Help with a form"
    )
    exchange = services.exchange_propose(actor=patient, listing=need, minutes=90)
    assert (exchange.provider, exchange.receiver) == (patient, driver)  # the driver needs help
    services.exchange_answer(actor=driver, exchange=exchange, agree=True)
    with pytest.raises(ValidationError, match="Not enough credit"):
        services.exchange_confirm(actor=driver, exchange=exchange, done_on=timezone.localdate())
    assert Exchange.objects.get().status == "agreed"
    assert balances() == {"patient": 120}  # not even an account opened for the driver
    assert not Contribution.objects.filter(kind="time").exists()
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.exchange_confirm(
            actor=driver,
            exchange=exchange,
            done_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_outsiders_and_closed_listings_are_refused(world: World, neighbours: tuple) -> None:
    driver, patient = neighbours
    with pytest.raises(PermissionDenied):
        services.listing_add(
            actor=world.outsider, initiative=world.initiative, kind="offer", title="x"
        )
    with pytest.raises(ValidationError, match="between 1 minute and 24 hours"):
        services.listing_add(
            actor=driver, initiative=world.initiative, kind="offer", title="Gardening", minutes=0
        )
    garden = services.listing_add(
        actor=driver, initiative=world.initiative, kind="offer", title="Gardening"
    )
    with pytest.raises(PermissionDenied):
        services.listing_close(actor=patient, listing=garden)
    with pytest.raises(PermissionDenied):
        services.exchange_propose(actor=world.outsider, listing=garden, minutes=30)
    services.listing_close(actor=driver, listing=garden)
    with pytest.raises(ValidationError, match="closed"):
        services.exchange_propose(actor=patient, listing=garden, minutes=30)
    assert not Exchange.objects.exists()
    exchange_less = Listing.objects.get()
    assert exchange_less.is_open is False


def test_the_exchange_page_from_listing_to_payment(client, world: World, neighbours: tuple) -> None:
    driver, patient = neighbours
    base = f"/initiatives/{world.initiative.slug}/exchanges/"
    client.force_login(driver)
    bad = client.post(base, {"kind": "offer", "title": "", "minutes": "2000"})
    assert bad.status_code == 400 and not Listing.objects.exists()
    client.post(base, {"kind": "offer", "title": "Lifts to the surgery", "minutes": "60"})
    lift = Listing.objects.get()
    client.force_login(patient)
    page = client.get(base).content.decode()
    assert "Lifts to the surgery" in page and "Ask for this" in page
    client.post(base + f"listings/{lift.pk}/take-up/", {"minutes": "60", "note": "Thursday"})
    exchange = Exchange.objects.get()
    assert client.post(base + f"{exchange.pk}/answer/", {"agree": "yes"}).status_code == 403
    client.force_login(driver)
    client.post(base + f"{exchange.pk}/answer/", {"agree": "yes"})
    client.force_login(patient)
    today = timezone.localdate().isoformat()
    paid = client.post(
        base + f"{exchange.pk}/confirm/",
        {"key": "page-1", "done_on": today, "minutes": "60"},
        follow=True,
    )
    assert "driver is paid 60 minutes of credit" in paid.content.decode()
    client.post(
        base + f"{exchange.pk}/confirm/", {"key": "page-1", "done_on": today, "minutes": "60"}
    )
    assert balances() == {"patient": 60, "driver": 60}
    client.force_login(world.outsider)
    assert client.get(base).status_code == 403


def test_exchanges_through_the_api(api: APIClient, world: World, neighbours: tuple) -> None:
    driver, patient = neighbours
    base = f"/api/v1/initiatives/{world.initiative.slug}/"
    api.force_authenticate(driver)
    posted = api.post(
        base + "listings/", {"kind": "offer", "title": "Shopping", "minutes": 45}, format="json"
    )
    assert (posted.status_code, posted.json()["person"]) == (201, "driver")
    api.force_authenticate(patient)
    taken = api.post(
        base + f"listings/{posted.json()['id']}/take-up/", {"minutes": 45}, format="json"
    )
    assert (taken.status_code, taken.json()["status"]) == (201, "proposed")
    pk = taken.json()["id"]
    api.force_authenticate(driver)
    assert (
        api.post(base + f"exchanges/{pk}/answer/", {"agree": True}, format="json").json()["status"]
        == "agreed"
    )
    api.force_authenticate(patient)
    body = {"done_on": timezone.localdate().isoformat()}
    missing = api.post(base + f"exchanges/{pk}/confirm/", body, format="json")
    assert (missing.status_code, list(missing.json())) == (400, ["Idempotency-Key"])
    first = api.post(
        base + f"exchanges/{pk}/confirm/", body, format="json", HTTP_IDEMPOTENCY_KEY="x1"
    )
    retry = api.post(
        base + f"exchanges/{pk}/confirm/", body, format="json", HTTP_IDEMPOTENCY_KEY="x1"
    )
    assert (first.status_code, retry.status_code, retry["Idempotent-Replayed"]) == (
        201,
        200,
        "true",
    )
    assert balances() == {"patient": 75, "driver": 45}
    api.force_authenticate(world.member)
    assert api.get(base + "exchanges/").json()["results"] == []
    assert api.post(base + f"exchanges/{pk}/cancel/").status_code == 404
