"""A volunteer's coming shifts and hours waiting for approval, and the hours waiting for a
coordinator's or a served person's decision (My Coproduce, core.personal)."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coproduce.core.personal import LIMIT, Item, Section, Task, tasks_per_initiative
from coproduce.core.templatetags.coproduce import duration
from coproduce.initiatives.personal import coordinated_by
from coproduce.volunteering.models import HoursLog, HoursStatus, SignUp, SignUpStatus

INITIATIVE = "opportunity__initiative"


def _overview(row: dict[str, Any]) -> str:
    return reverse("volunteering:overview", kwargs={"slug": row[f"{INITIATIVE}__slug"]})


def shift_items(person: Any) -> list[Item]:
    """The person's shifts still to come, with a place or on the waiting list."""
    rows = (
        SignUp.objects.filter(
            person=person,
            status__in=(SignUpStatus.CONFIRMED, SignUpStatus.WAITING),
            shift__ends_at__gte=timezone.now(),
        )
        .order_by("shift__starts_at", "pk")
        .values(
            "status",
            "shift__starts_at",
            "shift__opportunity_id",
            "shift__opportunity__title",
            "shift__opportunity__initiative__slug",
            "shift__opportunity__initiative__title",
        )
    )
    found = []
    for row in rows[:LIMIT]:
        when = date_format(timezone.localtime(row["shift__starts_at"]), "DATETIME_FORMAT")
        if row["status"] == SignUpStatus.WAITING:
            detail = _("%(when)s; on the waiting list") % {"when": when}
        else:
            detail = _("%(when)s; you have a place") % {"when": when}
        url = reverse(
            "volunteering:opportunity",
            kwargs={
                "slug": row["shift__opportunity__initiative__slug"],
                "pk": row["shift__opportunity_id"],
            },
        )
        initiative = row["shift__opportunity__initiative__title"]
        found.append(
            Item(Section.SHIFTS, row["shift__opportunity__title"], url, detail, initiative)
        )
    return found


def hours_items(person: Any) -> list[Item]:
    """Time the person gave, logged and waiting for approval."""
    rows = (
        HoursLog.objects.filter(person=person, status=HoursStatus.PENDING)
        .order_by("-logged_at", "-pk")
        .values("minutes", "opportunity__title", f"{INITIATIVE}__slug", f"{INITIATIVE}__title")
    )
    return [
        Item(
            Section.REQUESTS,
            row["opportunity__title"],
            _overview(row),
            _("%(time)s of volunteering logged: waiting for approval")
            % {"time": duration(row["minutes"])},
            row[f"{INITIATIVE}__title"],
        )
        for row in rows[:LIMIT]
    ]


def hours_tasks(person: Any) -> list[Task]:
    """Volunteers' hours waiting for the coordinator (never the person's own)."""
    waiting = HoursLog.objects.filter(
        status=HoursStatus.PENDING, opportunity__initiative__in=coordinated_by(person)
    ).exclude(person=person)
    return tasks_per_initiative(
        waiting, _("Volunteering hours to approve"), "volunteering:overview", initiative=INITIATIVE
    )


def served_tasks(person: Any) -> list[Task]:
    """Time volunteers say they gave to the person, waiting for them to confirm it, in the
    initiatives they do not coordinate (there the coordinator's task counts it)."""
    waiting = HoursLog.objects.filter(status=HoursStatus.PENDING, served=person).exclude(
        opportunity__initiative__in=coordinated_by(person)
    )
    return tasks_per_initiative(
        waiting,
        _("Volunteering hours given to you to confirm"),
        "volunteering:overview",
        initiative=INITIATIVE,
    )
