"""Reads about initiatives and memberships."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from coproduce.core.queries import one_or_none
from coproduce.initiatives.models import Initiative, Membership, MembershipStatus, Visibility
from coproduce.organisations.models import Organisation


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
