"""Every permission decision about exchanges of services."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_active_member, is_coordinator


@rules.predicate
def posted_it(user: Any, listing: Any) -> bool:
    return listing is not None and user.is_authenticated and listing.person_id == user.pk


@rules.predicate
def answers_it(user: Any, exchange: Any) -> bool:
    """The listing's author answers a proposal to take it up."""
    return (
        exchange is not None
        and user.is_authenticated
        and exchange.listing.person_id == user.pk
        and exchange.proposed_by_id != user.pk
    )


@rules.predicate
def received_it(user: Any, exchange: Any) -> bool:
    return exchange is not None and user.is_authenticated and exchange.receiver_id == user.pk


@rules.predicate
def takes_part(user: Any, exchange: Any) -> bool:
    return (
        exchange is not None
        and user.is_authenticated
        and user.pk in (exchange.provider_id, exchange.receiver_id)
    )


can_manage = is_coordinator | rules.is_staff

rules.add_perm("exchanges.view", can_view_initiative)
rules.add_perm("exchanges.manage", can_manage)
rules.add_perm("exchanges.take_part", is_active_member)
rules.add_perm("exchanges.close_listing", posted_it | can_manage)
rules.add_perm("exchanges.view_exchange", takes_part | can_manage)
rules.add_perm("exchanges.answer", answers_it & is_active_member)
rules.add_perm("exchanges.confirm", received_it & is_active_member)
rules.add_perm("exchanges.cancel", takes_part)
