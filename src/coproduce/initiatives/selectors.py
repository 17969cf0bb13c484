"""Reads about initiatives and memberships."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Q, QuerySet

from coproduce.core.queries import RowReader, one_or_none, select_clause
from coproduce.initiatives.models import Initiative, Membership, MembershipStatus, Visibility
from coproduce.organisations.models import Organisation

_INITIATIVE = RowReader(Initiative)
INITIATIVE_BY_SLUG = select_clause((_INITIATIVE, "i")) + (
    " FROM initiatives_initiative i WHERE i.slug = %s"
)


def initiative_by_slug(slug: str) -> Initiative | None:
    """The initiative at ``slug``, or None. Every page and API request inside an initiative
    starts here, so it is one statement written in SQL rather than built by the ORM on each
    request (ADR 0017)."""
    with connection.cursor() as cursor:
        cursor.execute(INITIATIVE_BY_SLUG, [slug])
        row = cursor.fetchone()
    return None if row is None else _INITIATIVE.read(row)


def initiatives_visible_to(user: Any) -> QuerySet[Initiative]:
    """The initiatives a person may read: the same answer as the view permission."""
    initiatives = Initiative.objects.select_related("lead_organisation")
    if user.is_authenticated and user.is_staff:
        return initiatives.all()
    if not user.is_authenticated:
        return initiatives.filter(visibility=Visibility.PUBLIC)
    mine = Membership.objects.filter(
        user=user, status__in=[MembershipStatus.ACTIVE, MembershipStatus.INVITED]
    ).values("initiative_id")
    return initiatives.filter(Q(visibility=Visibility.PUBLIC) | Q(pk__in=mine))


# (initiative id, user id) -> status, while a service works inside ``statuses_read_once``
_known_statuses: ContextVar[dict[tuple[int, int], str | None] | None] = ContextVar(
    "known_statuses", default=None
)


TWO_STATUSES = (
    "SELECT user_id, status FROM initiatives_membership WHERE initiative_id = %s "
    "AND user_id IN (%s, %s)"
)


@contextmanager
def statuses_read_once(initiative: Initiative, users: list[Any]) -> Iterator[None]:
    """Read these (one or two) people's membership statuses in one statement, and answer
    ``membership_status`` for them from it inside the block: a gift asks about the giver
    (the permission gate) and the recipient, each once. The block is one service call's
    checks, which change no membership, so nothing in it can go stale."""
    ids = [user.pk for user in users if user.is_authenticated]
    if len(ids) > 2:
        raise ValueError("statuses_read_once reads one or two people's statuses.")
    known: dict[tuple[int, int], str | None] = {(initiative.pk, pk): None for pk in ids}
    if ids:
        with connection.cursor() as cursor:
            cursor.execute(TWO_STATUSES, [initiative.pk, ids[0], ids[-1]])
            known.update({(initiative.pk, pk): status for pk, status in cursor.fetchall()})
    token = _known_statuses.set(known)
    try:
        yield
    finally:
        _known_statuses.reset(token)


def membership_status(user: Any, initiative: Initiative) -> str | None:
    """The person's membership status in the initiative, or None: the question nearly every
    permission check asks, so one statement written in SQL (ADR 0017), or none inside
    ``statuses_read_once``."""
    if not user.is_authenticated:
        return None
    known = _known_statuses.get()
    if known is not None and (initiative.pk, user.pk) in known:
        return known[(initiative.pk, user.pk)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status FROM initiatives_membership WHERE initiative_id = %s AND user_id = %s",
            [initiative.pk, user.pk],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


def membership_for(user: Any, initiative: Initiative) -> Membership | None:
    if not user.is_authenticated:
        return None
    return one_or_none(initiative.memberships.filter(user=user))


def active_membership_for(user: Any, initiative: Initiative) -> Membership | None:
    membership = membership_for(user, initiative)
    return membership if membership and membership.status == MembershipStatus.ACTIVE else None


def memberships_of(user: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .exclude(status__in=[MembershipStatus.LEFT, MembershipStatus.DECLINED])
        .select_related("initiative")
        .order_by("initiative__title")
    )


def members_of(
    initiative: Initiative, *, status: str = MembershipStatus.ACTIVE
) -> QuerySet[Membership]:
    return (
        initiative.memberships.filter(status=status)
        .select_related("user")
        .order_by("side", "-is_coordinator", "user__display_name", "user__username")
    )


def active_people(initiative: Initiative, *, side: str | None = None) -> QuerySet[Any]:
    """The people (users) who are active members, optionally of one side only."""
    same_membership: dict[str, Any] = {"memberships__side": side} if side else {}
    return get_user_model().objects.filter(
        memberships__initiative=initiative,
        memberships__status=MembershipStatus.ACTIVE,
        **same_membership,
    )


def organisations_of(initiative: Initiative) -> QuerySet[Organisation]:
    """The lead organisation and the partners of an initiative."""
    return (
        Organisation.objects.filter(Q(leads=initiative) | Q(partners_in=initiative))
        .distinct()
        .order_by("name")
    )


def member_counts_by_side(initiative: Initiative) -> dict[str, int]:
    rows = (
        initiative.memberships.filter(status=MembershipStatus.ACTIVE)
        .values("side")
        .annotate(n=Count("id"))
    )
    return {row["side"]: row["n"] for row in rows}
