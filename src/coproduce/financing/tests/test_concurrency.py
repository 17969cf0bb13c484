"""Fifty pledges at once on PostgreSQL cannot push a match over its cap."""

from typing import Any

from conftest import add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.core.vocabulary import Side
from coproduce.financing import services
from coproduce.financing.models import Match, MatchRule, Pledge
from coproduce.financing.tests.conftest import in_days
from coproduce.organisations.models import Organisation

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


def _campaign_with_a_rule(people_count: int, cap: int) -> tuple[Any, Any, list[Any]]:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    people = [make_user(f"p{i}") for i in range(people_count)]
    for person in people:
        add_member(initiative, person)
    campaign = services.campaign_create(
        actor=coordinator,
        initiative=initiative,
        title="Shop",
        purpose="Fit out",
        target=1_000_000,
        deadline=in_days(10),
    )
    council = Organisation.objects.create(name="Council", kind="public_agency")
    services.match_rule_create(
        actor=coordinator,
        campaign=campaign,
        funder=council,
        funder_side=Side.REGULAR_PRODUCER,
        numerator=1,
        denominator=1,
        cap=cap,
        counts="people",
    )
    return coordinator, campaign, people


def test_fifty_pledges_at_once_stop_at_the_cap(transactional_db: Any) -> None:
    _, campaign, people = _campaign_with_a_rule(50, 10_000)
    results = hammer(
        50,
        lambda i: services.pledge_make(
            actor=people[i], campaign=campaign, kind="money", quantity=333
        ),
    )
    assert all(isinstance(r, Pledge) for r in results), results
    rule = MatchRule.objects.get()
    assert (rule.eligible, rule.matched) == (50 * 333, 10_000)
    assert sum(Match.objects.values_list("amount", flat=True)) == 10_000


def test_withdrawals_at_once_neither_deadlock_nor_lose_a_penny(transactional_db: Any) -> None:
    """Each withdrawal frees its match for the pledges left short while holding the rule;
    waiting there for a pledge another withdrawal holds deadlocked the two."""
    _, campaign, people = _campaign_with_a_rule(20, 1_000)
    pledges = [
        services.pledge_make(actor=person, campaign=campaign, kind="money", quantity=300)
        for person in people
    ]
    results = hammer(10, lambda i: services.pledge_withdraw(actor=people[i], pledge=pledges[i]))
    assert all(isinstance(r, Pledge) for r in results), results
    rule = MatchRule.objects.get()
    standing = Match.objects.filter(released=False)
    assert (rule.eligible, rule.matched) == (10 * 300, 1_000)
    assert sum(standing.values_list("amount", flat=True)) == rule.matched
