"""The budgets a person voted in (My Coproduce, core.personal): that they voted, never how.
The ballot's choices, number and time are not read (ADR 0021)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.budgeting.models import Ballot
from coproduce.core.personal import LIMIT, Item, Section


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
