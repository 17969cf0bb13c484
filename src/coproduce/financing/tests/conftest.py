"""A campaign, a funder and a matching rule, built through the services."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from conftest import World
from coproduce.core.vocabulary import Side
from coproduce.financing import services
from coproduce.financing.models import Campaign, MatchCounts, MatchRule
from coproduce.organisations.models import Organisation, OrganisationKind


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def open_campaign(world: World, **changes: Any) -> Campaign:
    fields: dict[str, Any] = {
        "title": "Save the village shop",
        "purpose": "Buy and fit out the shop",
        "target": 1_000_000,
        "deadline": in_days(30),
    }
    fields.update(changes)
    return services.campaign_create(actor=world.coordinator, initiative=world.initiative, **fields)


@pytest.fixture
def council(db: Any) -> Organisation:
    return Organisation.objects.create(name="District Council", kind=OrganisationKind.PUBLIC_AGENCY)


@pytest.fixture
def campaign(world: World) -> Campaign:
    return open_campaign(world)


def match_rule(world: World, campaign: Campaign, funder: Organisation, **changes: Any) -> MatchRule:
    fields: dict[str, Any] = {
        "funder_side": Side.REGULAR_PRODUCER,
        "numerator": 1,
        "denominator": 1,
        "cap": 2_000_000,
        "counts": MatchCounts.PEOPLE,
    }
    fields.update(changes)
    return services.match_rule_create(
        actor=world.coordinator, campaign=campaign, funder=funder, **fields
    )
