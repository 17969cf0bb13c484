"""Reads for volunteering."""

import datetime
import math
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.initiatives.models import Initiative
from coproduce.volunteering.models import (
    TAKING_A_PLACE,
    BackgroundCheck,
    HoursLog,
    HoursStatus,
    Opportunity,
    Safeguarding,
    Shift,
    SignUp,
    SignUpStatus,
    VolunteeringPolicy,
)


def has_background_check(initiative: Initiative, person: Any, needed: str) -> bool:
    """Whether the person has a check of the level needed (an enhanced check serves where
    a basic one is needed), recorded in this initiative and not expired; every capability
    that needs a check asks this one question."""
    if needed == Safeguarding.NONE:
        return True
    levels = ["enhanced"] if needed == Safeguarding.ENHANCED else ["basic", "enhanced"]
    return BackgroundCheck.objects.filter(
        initiative=initiative, person=person, level__in=levels, expires_on__gt=timezone.localdate()
    ).exists()


def shifts_with_places(queryset: QuerySet[Shift]) -> QuerySet[Shift]:
    return queryset.annotate(
        taken=Count("sign_ups", filter=Q(sign_ups__status__in=TAKING_A_PLACE)),
        waiting=Count("sign_ups", filter=Q(sign_ups__status="waiting")),
    ).order_by("starts_at", "pk")


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
    ).select_related("person", "opportunity", "served")


def hours_to_confirm(initiative: Initiative, person: Any) -> QuerySet[HoursLog]:
    """Pending time that volunteers say they gave to this person."""
    return hours_waiting(initiative).filter(served=person)


def hours_seen_by(initiative: Initiative, person: Any, *, everyone: bool) -> QuerySet[HoursLog]:
    """Everyone's hours (for coordinators), or a person's own and those given to them."""
    hours = HoursLog.objects.filter(opportunity__initiative=initiative)
    if not everyone:
        hours = hours.filter(Q(person=person) | Q(served=person))
    return hours.select_related("opportunity", "person", "served")


def policy_of(initiative: Initiative) -> VolunteeringPolicy:
    """The initiative's policy, or the default (a 16-hour week, no valuation) unsaved."""
    return VolunteeringPolicy.objects.filter(initiative=initiative).first() or VolunteeringPolicy(
        initiative=initiative
    )


def week_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday and the next Monday of the week holding ``day``."""
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=7)


def _week_loads(initiative: Initiative, day: datetime.date, person: Any = None) -> dict[int, int]:
    """Minutes per person in the week of ``day``: hours logged (not turned down) plus places
    on shifts not yet logged — in two grouped queries, whatever the number of people."""
    monday, next_monday = week_of(day)
    only = {"person": person} if person is not None else {}
    logged = (
        HoursLog.objects.filter(
            opportunity__initiative=initiative,
            worked_on__gte=monday,
            worked_on__lt=next_monday,
            **only,
        )
        .exclude(status=HoursStatus.REJECTED)
        .values("person")
        .annotate(total=Sum("minutes"))
    )
    loads: dict[int, int] = {row["person"]: int(row["total"]) for row in logged}
    booked = SignUp.objects.filter(
        shift__opportunity__initiative=initiative,
        status=SignUpStatus.CONFIRMED,
        shift__starts_at__date__gte=monday,
        shift__starts_at__date__lt=next_monday,
        **only,
    ).values_list("person", "shift__starts_at", "shift__ends_at")
    for pk, starts, ends in booked:
        loads[pk] = loads.get(pk, 0) + int((ends - starts).total_seconds() // 60)
    return loads


def week_minutes(initiative: Initiative, person: Any, day: datetime.date) -> int:
    """Time a person gives in the week of ``day``."""
    return _week_loads(initiative, day, person).get(person.pk, 0)


def over_the_cap(initiative: Initiative, day: datetime.date) -> list[tuple[Any, int]]:
    """People whose time this week is above the initiative's weekly cap, most first."""
    cap = policy_of(initiative).weekly_cap_minutes
    over = {pk: m for pk, m in _week_loads(initiative, day).items() if m > cap}
    users = get_user_model().objects.in_bulk(list(over))
    return sorted(((users[pk], m) for pk, m in over.items()), key=lambda p: (-p[1], str(p[0])))


@dataclass(frozen=True)
class Report:
    start: datetime.date
    end: datetime.date
    by_person: list[dict[str, Any]]
    by_opportunity: list[dict[str, Any]]
    by_organisation: list[dict[str, Any]]
    by_month: list[dict[str, Any]]
    total_minutes: int
    people: int
    top_tenth_share: float  # share of all time given by the busiest tenth of people
    value_low_pence: int
    value_high_pence: int


def report(initiative: Initiative, start: datetime.date, end: datetime.date) -> Report:
    """Approved time between ``start`` and ``end`` (inclusive), per person, opportunity and
    month, with credits earned and the value of the time as a range."""
    approved = HoursLog.objects.filter(
        opportunity__initiative=initiative,
        status=HoursStatus.APPROVED,
        worked_on__gte=start,
        worked_on__lte=end,
    )
    by_person = list(
        approved.values("person", "person__username", "person__display_name")
        .annotate(minutes=Sum("minutes"), credits=Sum("transfer__minutes"), entries=Count("pk"))
        .order_by("-minutes", "person__username")
    )
    by_opportunity = list(
        approved.values("opportunity", "opportunity__title")
        .annotate(
            minutes=Sum("minutes"),
            credits=Sum("transfer__minutes"),
            people=Count("person", distinct=True),
        )
        .order_by("-minutes", "opportunity__title")
    )
    by_organisation = list(
        approved.values("opportunity__organisation", "opportunity__organisation__name")
        .annotate(
            minutes=Sum("minutes"),
            credits=Sum("transfer__minutes"),
            people=Count("person", distinct=True),
        )
        .order_by("-minutes", "opportunity__organisation__name")
    )
    by_month = list(
        approved.annotate(month=TruncMonth("worked_on"))
        .values("month")
        .annotate(
            minutes=Sum("minutes"),
            credits=Sum("transfer__minutes"),
            people=Count("person", distinct=True),
        )
        .order_by("month")
    )
    total = sum(int(row["minutes"]) for row in by_person)
    busiest = by_person[: max(1, math.ceil(len(by_person) / 10))] if by_person else []
    share = sum(int(row["minutes"]) for row in busiest) / total if total else 0.0
    policy = policy_of(initiative)
    return Report(
        start=start,
        end=end,
        by_person=by_person,
        by_opportunity=by_opportunity,
        by_organisation=by_organisation,
        by_month=by_month,
        total_minutes=total,
        people=len(by_person),
        top_tenth_share=share,
        value_low_pence=total * policy.value_low_pence // 60,
        value_high_pence=total * policy.value_high_pence // 60,
    )


PARTS_OF_DAY = {"mornings": range(0, 12), "afternoons": range(12, 17), "evenings": range(17, 24)}
DAYS = ["mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"]


def _fits(shift: Shift, free: set[str]) -> bool:
    """Whether the shift starts at a time the person says they are free."""
    start = timezone.localtime(shift.starts_at)
    day = DAYS[start.weekday()]
    days = {day, day.rstrip("s"), "weekends" if start.weekday() >= 5 else "weekdays"}
    parts = {name for name, hours in PARTS_OF_DAY.items() if start.hour in hours}
    said_days = free & ({*DAYS, *(d.rstrip("s") for d in DAYS), "weekends", "weekdays"})
    said_parts = free & set(PARTS_OF_DAY)
    return bool((not said_days or said_days & days) and (not said_parts or said_parts & parts))


def suggested_for(initiative: Initiative, person: Any) -> list[tuple[Opportunity, list[str]]]:
    """Open opportunities that fit the skills and free times on the person's profile, with
    the reasons; nothing when the profile says neither."""
    if not person.is_authenticated:
        return []
    skills = {s.strip().lower() for s in person.skills.split(",") if s.strip()}
    free = {s.strip().lower() for s in person.availability.split(",") if s.strip()}
    if not skills and not free:
        return []
    suggestions = []
    for opportunity in opportunities_of(initiative).filter(is_open=True):
        reasons = []
        shared = skills & {s.strip().lower() for s in opportunity.skills.split(",") if s.strip()}
        if shared:
            reasons.append(_("uses your %(skills)s") % {"skills": ", ".join(sorted(shared))})
        fitting = [shift for shift in opportunity.shifts.all() if free and _fits(shift, free)]
        if fitting:
            reasons.append(
                ngettext(
                    "%(n)d upcoming shift when you are free",
                    "%(n)d upcoming shifts when you are free",
                    len(fitting),
                )
                % {"n": len(fitting)}
            )
        if reasons:
            suggestions.append((opportunity, reasons))
    return suggestions
