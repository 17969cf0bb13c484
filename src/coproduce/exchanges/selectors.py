"""Reads about exchanges of services."""

from typing import Any

from django.db.models import Q, QuerySet

from coproduce.exchanges.models import Exchange, Listing
from coproduce.initiatives.models import Initiative


def open_listings(initiative: Initiative) -> QuerySet[Listing]:
    return Listing.objects.filter(initiative=initiative, is_open=True).select_related("person")


def listings_of(initiative: Initiative, person: Any) -> QuerySet[Listing]:
    return Listing.objects.filter(initiative=initiative, person=person)


def exchanges_seen_by(initiative: Initiative, person: Any, *, everyone: bool) -> QuerySet[Exchange]:
    """Every exchange (for coordinators), or those a person gives or receives."""
    exchanges = Exchange.objects.filter(listing__initiative=initiative)
    if not everyone:
        exchanges = exchanges.filter(Q(provider=person) | Q(receiver=person))
    return exchanges.select_related("listing", "provider", "receiver", "proposed_by")
