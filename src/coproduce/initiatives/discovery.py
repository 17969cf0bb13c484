"""What is live now, as each capability reports it for the home page (ADR 0045): the
shared shape of an item, the scope every capability reads it in, and this app's own part,
the initiatives asking for people."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.initiatives.models import (
    ENDED_STATUSES,
    Initiative,
    JoinPolicy,
    Membership,
    MembershipStatus,
)


class Section(models.TextChoices):
    """The home page's sections, in the order it shows them."""

    VOTES = "votes", gettext_lazy("Open votes")
    COMING_UP = "coming_up", gettext_lazy("Coming up")
    ASKING = "asking", gettext_lazy("Asking for people")
    RESULTS = "results", gettext_lazy("Recent results")


# Sections whose newest item comes first; the others show the soonest first.
NEWEST_FIRST = frozenset({Section.ASKING, Section.RESULTS})


@dataclass(frozen=True)
class LiveItem:
    """One thing a person can take part in now, or a result they may want to see."""

    section: str
    title: str
    url: str
    initiative: Initiative
    # when it closes, starts or was decided; ``timed`` says whether the hour matters
    when: datetime.datetime | None
    timed: bool
    when_label: str
    note: str = ""
    # in one of the person's own initiatives: shown first
    mine: bool = False
    # whether to name the initiative beside the title (not when the item is the initiative)
    names_initiative: bool = True


def on_day(day: datetime.date | None) -> datetime.datetime | None:
    """A date as the start of that day, so that dated and timed items sort together."""
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class Scope:
    """What every capability reads the live items in: the initiatives the person may see
    (narrowed to a locality, if asked), who they are, the time, and how many items a
    capability may give per section."""

    initiatives: QuerySet[Initiative]
    viewer_id: int | None
    now: datetime.datetime
    limit: int = 6

    def visible(self, path: str = "initiative") -> Q:
        """Rows of initiatives in scope, reached from the row by ``path``."""
        return Q(**{f"{path}__in": self.initiatives.values("pk")})

    def mine(self, path: str = "initiative") -> Any:
        """An expression: whether the row's initiative is one the person is a member of."""
        if self.viewer_id is None:
            return Value(False, output_field=models.BooleanField())
        return Exists(
            Membership.objects.filter(
                initiative=OuterRef(path), user_id=self.viewer_id, status=MembershipStatus.ACTIVE
            )
        )


def live_initiatives() -> QuerySet[Initiative]:
    """Initiatives happening on the platform: not the case library's historical ones."""
    return Initiative.objects.filter(case_study__isnull=True)


def asking_for_people(scope: Scope) -> list[LiveItem]:
    """Live initiatives anyone may ask to join, the person is not yet in, newest first."""
    found = (
        live_initiatives()
        .filter(pk__in=scope.initiatives.values("pk"))
        .exclude(join_policy=JoinPolicy.INVITATION)
        .order_by("-created_at", "-pk")
    )
    if scope.viewer_id is not None:
        found = found.exclude(
            pk__in=Membership.objects.filter(user_id=scope.viewer_id)
            .exclude(status__in=ENDED_STATUSES)
            .values("initiative_id")
        )
    return [
        LiveItem(
            section=Section.ASKING,
            title=initiative.title,
            url=initiative.get_absolute_url(),
            initiative=initiative,
            when=initiative.created_at,
            timed=False,
            when_label=_("Started on"),
            note=(
                _("Anyone signed in can join at once.")
                if initiative.join_policy == JoinPolicy.OPEN
                else _("A coordinator welcomes each request to join.")
            ),
            names_initiative=False,
        )
        for initiative in found[: scope.limit]
    ]
