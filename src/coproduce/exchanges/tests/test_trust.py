"""An exchange is confirmed as done on a plausible day."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from conftest import World, add_member, make_user
from coproduce.core.dates import TOO_EARLY
from coproduce.exchanges import services
from coproduce.exchanges.models import Exchange
from coproduce.timecredits import services as credits
from coproduce.timecredits.models import Transfer


@pytest.fixture
def agreed(world: World) -> Exchange:
    driver, patient = make_user("driver"), make_user("patient")
    for person in (driver, patient):
        add_member(world.initiative, person)
    credits.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=patient, minutes_given=120
    )
    lift = services.listing_add(
        actor=driver, initiative=world.initiative, kind="offer", title="Lifts", minutes=60
    )
    exchange = services.exchange_propose(actor=patient, listing=lift, minutes=60)
    return services.exchange_answer(actor=driver, exchange=exchange, agree=True)


def test_an_exchange_done_in_year_one_is_refused(
    api: APIClient, world: World, agreed: Exchange
) -> None:
    api.force_authenticate(agreed.receiver)
    answer = api.post(
        f"/api/v1/initiatives/{world.initiative.slug}/exchanges/{agreed.pk}/confirm/",
        {"done_on": "0001-01-01"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="year-one",
    )
    assert (answer.status_code, answer.json()) == (400, {"done_on": [TOO_EARLY]})
    assert Exchange.objects.get().status == "agreed"
    assert Transfer.objects.count() == 1  # the earning only
    with pytest.raises(ValidationError) as refused:
        services.exchange_confirm(
            actor=agreed.receiver, exchange=agreed, done_on=datetime.date(1999, 1, 1)
        )
    assert refused.value.message_dict == {"done_on": [TOO_EARLY]}
