"""A person's time-credit balance in each initiative (My Coproduce, core.personal)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.personal import LIMIT, Item, Section
from coproduce.core.templatetags.coproduce import duration
from coproduce.timecredits.models import Account, AccountKind


def balance_items(person: Any) -> list[Item]:
    rows = (
        Account.objects.filter(user=person, kind=AccountKind.PERSON)
        .order_by("initiative__title")
        .values("balance", "initiative__slug", "initiative__title")
    )
    return [
        Item(
            Section.BALANCE,
            row["initiative__title"],
            reverse("timecredits:page", kwargs={"slug": row["initiative__slug"]}),
            _("Balance: %(time)s") % {"time": duration(row["balance"]) if row["balance"] else "0"},
            row["initiative__title"],
        )
        for row in rows[:LIMIT]
    ]
