"""Reads for volunteering."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from coproduce.initiatives.models import Initiative
from coproduce.volunteering.models import (
    TAKING_A_PLACE,
    HoursLog,
    HoursStatus,
    Opportunity,
    Shift,
    SignUp,
)


def shifts_with_places(queryset: QuerySet[Shift]) -> QuerySet[Shift]:
    return queryset.annotate(
        taken=Count("sign_ups", filter=Q(sign_ups__status__in=TAKING_A_PLACE)),
        waiting=Count("sign_ups", filter=Q(sign_ups__status="waiting")),
    )


def opportunities_of(initiative: Initiative) -> QuerySet[Opportunity]:
    upcoming = shifts_with_places(Shift.objects.filter(ends_at__gte=timezone.now()))
    return Opportunity.objects.filter(initiative=initiative).prefetch_related(
        Prefetch("shifts", queryset=upcoming)
    )


def shifts_of(opportunity: Opportunity) -> QuerySet[Shift]:
    return shifts_with_places(opportunity.shifts.all()).prefetch_related(
        Prefetch("sign_ups", queryset=SignUp.objects.select_related("person"))
    )


def sign_ups_of(initiative: Initiative, person: Any) -> QuerySet[SignUp]:
    if not person.is_authenticated:
        return SignUp.objects.none()
    return (
        SignUp.objects.filter(shift__opportunity__initiative=initiative, person=person)
        .exclude(status="withdrawn")
        .select_related("shift__opportunity")
        .order_by("shift__starts_at")
    )


def hours_waiting(initiative: Initiative) -> QuerySet[HoursLog]:
    return HoursLog.objects.filter(
        opportunity__initiative=initiative, status=HoursStatus.PENDING
    ).select_related("person", "opportunity", "logged_by")


def hours_of(initiative: Initiative, person: Any) -> QuerySet[HoursLog]:
    return HoursLog.objects.filter(
        opportunity__initiative=initiative, person=person
    ).select_related("opportunity")
