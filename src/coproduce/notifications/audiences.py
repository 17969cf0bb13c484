"""Recipients too many to list inside a request, named so a background task can find them:
each function takes a key (an id) and returns the ids of the people (``services.fan_out``
writes to them in an order it draws)."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from coproduce.budgeting.models import Ballot
from coproduce.initiatives.models import Membership, MembershipStatus


def pb_voters(process_id: int) -> QuerySet:
    """Everyone who cast a ballot in the process: that they voted, never how."""
    voted = Ballot.objects.filter(budget__process_id=process_id, voter__isnull=False)
    return (
        get_user_model()
        .objects.filter(pk__in=voted.values("voter_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def initiative_members(initiative_id: int) -> QuerySet:
    """The initiative's active members."""
    return (
        Membership.objects.filter(initiative_id=initiative_id, status=MembershipStatus.ACTIVE)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


AUDIENCES: dict[str, Callable[[int], QuerySet]] = {
    "pb_voters": pb_voters,
    "initiative_members": initiative_members,
}
