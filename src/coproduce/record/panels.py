"""The record's panel on the initiative page: its buttons and its latest entries."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.initiatives.models import Initiative
from coproduce.record.selectors import contributions_for, decisions_for, record_totals


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    user = request.user
    return {
        "can_contribute": gate.allows(user, "record.add_contribution", initiative),
        "can_decide": gate.allows(user, "record.add_decision", initiative),
        # who may verify and correct entries from the initiative page: its managers
        "can_manage": gate.allows(user, "initiatives.change_initiative", initiative),
        "totals": record_totals(initiative),
        "contributions": contributions_for(initiative)[:10],
        "decisions": decisions_for(initiative)[:10],
    }
