"""The budgets a person voted in (My Coproduce, core.personal): that they voted, never how
(the ballot's choices, number and time are not read, ADR 0021); and the proposals waiting
for a reviewer."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.budgeting.models import Ballot, Phase, Proposal, ProposalStatus
from coproduce.core.personal import LIMIT, Item, Section, Task
from coproduce.initiatives.models import Membership, MembershipStatus


def ballot_items(person: Any) -> list[Item]:
    rows = (
        Ballot.objects.filter(voter=person)
        .order_by("budget__process__title", "budget__name")
        .values(
            "budget__process_id",
            "budget__name",
            "budget__process__title",
            "budget__process__initiative__title",
        )
    )
    return [
        Item(
            Section.BALLOTS,
            row["budget__process__title"],
            reverse("budgeting:process", kwargs={"pk": row["budget__process_id"]}),
            _("You voted in %(budget)s") % {"budget": row["budget__name"]},
            row["budget__process__initiative__title"],
        )
        for row in rows[:LIMIT]
    ]


def review_tasks(person: Any) -> list[Task]:
    """Proposals waiting for a feasibility review in the processes under review, for the
    initiatives' coordinators and named reviewers (budgeting.rules), counted per process."""
    reviewing = Membership.objects.filter(user=person, status=MembershipStatus.ACTIVE).filter(
        Q(is_coordinator=True) | Q(is_reviewer=True)
    )
    rows = (
        Proposal.objects.filter(
            status=ProposalStatus.SUBMITTED,
            budget__process__phase=Phase.REVIEW,
            budget__process__initiative__in=reviewing.values("initiative"),
        )
        .values(
            "budget__process_id", "budget__process__title", "budget__process__initiative__title"
        )
        .annotate(n=Count("pk"))
        .order_by("budget__process__initiative__title", "budget__process__title")
    )
    return [
        Task(
            _("Proposals to review for feasibility"),
            row["budget__process__initiative__title"],
            row["n"],
            reverse("budgeting:process", kwargs={"pk": row["budget__process_id"]}),
            row["budget__process__title"],
        )
        for row in rows[:LIMIT]
    ]
