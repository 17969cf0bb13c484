"""Reads about organisations."""

from django.db.models import Count, QuerySet

from coproduce.organisations.models import Organisation


def organisations() -> QuerySet[Organisation]:
    """All organisations, with how many initiatives each leads."""
    return Organisation.objects.annotate(leading=Count("leads")).order_by("name")
