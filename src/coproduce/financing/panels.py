"""This capability's sections: a panel on the initiative page (each campaign's progress) and
a section of the public accountability page (targets against money raised, grants with
their conditions and reports, share capital in totals, money spent; never a holder)."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.financing import selectors
from coproduce.initiatives.models import Initiative


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    campaigns = [(c, selectors.progress(c)) for c in selectors.campaigns_of(initiative)]
    if not campaigns and not gate.allows(request.user, "financing.manage", initiative):
        return None
    return {"campaigns": campaigns}


def accountability(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    campaigns = [(c, selectors.progress(c)) for c in selectors.campaigns_of(initiative)]
    offers = [(o, selectors.offer_totals(o)) for o in selectors.offers_of(initiative)]
    grants = selectors.grant_rows(initiative)
    spending = list(selectors.spending_of(initiative))
    if not (campaigns or offers or grants or spending):
        return None
    return {
        "campaigns": campaigns,
        "offers": offers,
        "grants": grants,
        "spending": spending,
        "summary": selectors.money_summary(initiative),
    }
