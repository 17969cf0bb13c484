"""Reads about initiatives and memberships."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from coproduce.core.queries import RowReader, one_or_none, select_clause
from coproduce.core.vocabulary import StageStatus
from coproduce.initiatives.models import (
    Initiative,
    Membership,
    MembershipStatus,
    SideChange,
    SideChangeStatus,
    Stage,
    Visibility,
)
from coproduce.organisations.models import Organisation

_INITIATIVE = RowReader(Initiative)
_PERSON = RowReader(get_user_model())
INITIATIVE_BY_SLUG = select_clause((_INITIATIVE, "i")) + (
    " FROM initiatives_initiative i WHERE i.slug = %s"
)
INITIATIVE_BY_SLUG_WITH_STATUS = select_clause((_INITIATIVE, "i")) + (
    ", m.status FROM initiatives_initiative i LEFT JOIN initiatives_membership m"
    " ON m.initiative_id = i.id AND m.user_id = %s WHERE i.slug = %s"
)
PERSON_WITH_STATUS = select_clause((_PERSON, "u")) + (
    ", m.status FROM accounts_user u LEFT JOIN initiatives_membership m"
    " ON m.user_id = u.id AND m.initiative_id = %s WHERE u.username = %s"
)


def initiative_by_slug(slug: str, viewer: Any = None) -> Initiative | None:
    """The initiative at ``slug``, or None. Every page and API request inside an initiative
    starts here, so it is one statement written in SQL rather than built by the ORM on each
    request (ADR 0017). With a signed-in ``viewer``, the same statement reads their
    membership status, kept for ``statuses_read_once`` (see ``_statuses_read``)."""
    signed_in = viewer is not None and viewer.is_authenticated
    with connection.cursor() as cursor:
        if signed_in:
            cursor.execute(INITIATIVE_BY_SLUG_WITH_STATUS, [viewer.pk, slug])
        else:
            cursor.execute(INITIATIVE_BY_SLUG, [slug])
        row = cursor.fetchone()
    if row is None:
        return None
    initiative = _INITIATIVE.read(row)
    if signed_in:
        _statuses_read(initiative)[viewer.pk] = row[-1]
    return initiative


def person_by_username(username: str, initiative: Initiative) -> Any | None:
    """The person with this username, or None, read with their membership status in the
    initiative, kept for ``statuses_read_once`` as ``initiative_by_slug`` keeps the viewer's:
    a gift names its recipient, whose membership the gift then checks."""
    with connection.cursor() as cursor:
        cursor.execute(PERSON_WITH_STATUS, [initiative.pk, username])
        row = cursor.fetchone()
    if row is None:
        return None
    person = _PERSON.read(row)
    _statuses_read(initiative)[person.pk] = row[-1]
    return person


def _statuses_read(initiative: Initiative) -> dict[int, str | None]:
    """Membership statuses (by person's id) read along with this request's initiative or
    people, on the initiative instance, which a request reads afresh. The next
    ``statuses_read_once`` on the instance takes them and they are gone; a membership
    service forgets them (``statuses_changed``)."""
    known: dict[int, str | None] = vars(initiative).setdefault("statuses_read", {})
    return known


def statuses_changed(initiative: Initiative) -> None:
    """A membership of the initiative has changed: forget the statuses read with it."""
    vars(initiative).pop("statuses_read", None)


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
    (the permission gate) and the recipient, each once. Statuses read in this request with
    the initiative or the person (``_statuses_read``) are taken as read, and only the others
    asked. The block is one service call's checks, which change no membership, so nothing
    in it can go stale."""
    ids = [user.pk for user in users if user.is_authenticated]
    if len(ids) > 2:
        raise ValueError("statuses_read_once reads one or two people's statuses.")
    read_before = vars(initiative).pop("statuses_read", {})
    known = {(initiative.pk, pk): read_before.get(pk) for pk in ids}
    ask = [pk for pk in ids if pk not in read_before]
    if ask:
        with connection.cursor() as cursor:
            cursor.execute(TWO_STATUSES, [initiative.pk, ask[0], ask[-1]])
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


def current_stage(initiative: Initiative) -> Stage | None:
    """The stage the initiative is in now, where decisions about its members are recorded:
    the active stage that started last, else the stage that starts first; None without
    stages."""
    stages = initiative.stages.all()
    active = stages.filter(status=StageStatus.ACTIVE).order_by(
        F("starts_on").desc(nulls_last=True), "id"
    )
    return active.first() or stages.order_by(F("starts_on").asc(nulls_last=True), "id").first()


def pending_side_change(membership: Membership) -> SideChange | None:
    return one_or_none(membership.side_changes.filter(status=SideChangeStatus.PENDING))


def side_changes_pending(initiative: Initiative) -> QuerySet[SideChange]:
    """Requests to change side waiting for a coordinator, oldest first."""
    return (
        SideChange.objects.filter(
            membership__initiative=initiative, status=SideChangeStatus.PENDING
        )
        .select_related("membership__user")
        .order_by("requested_at", "id")
    )


def side_changes_of(user: Any, initiative: Initiative) -> QuerySet[SideChange]:
    """A person's own requests to change side in an initiative, latest first."""
    if not user.is_authenticated:
        return SideChange.objects.none()
    return SideChange.objects.filter(
        membership__initiative=initiative, membership__user=user
    ).select_related("membership__user", "decided_by")
