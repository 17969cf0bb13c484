"""This capability's sections: a panel on the initiative page (the indicators and whether
each is on track, with a link to define one for those who may), and a section of the
public accountability page (each indicator's latest value against its target)."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.initiatives.models import Initiative
from coproduce.outcomes import selectors


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    can_manage = gate.allows(request.user, "outcomes.manage", initiative)
    found = selectors.summaries(initiative)
    if not found and not can_manage:
        return None
    return {"summaries": found, "can_manage": can_manage}


def accountability(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    """Published to anyone who may view the initiative: indicators, latest values, targets
    and progress; never who measured what."""
    found = selectors.summaries(initiative)
    if not found:
        return None
    return {"summaries": found, "rule": selectors.RULE}
