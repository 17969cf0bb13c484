"""Fifty pledges at once on PostgreSQL cannot push a match over its cap."""

from typing import Any

from conftest import add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.core.vocabulary import Side
from coproduce.financing import services
from coproduce.financing.models import Match, MatchRule, Pledge
from coproduce.financing.tests.conftest import in_days
from coproduce.organisations.models import Organisation

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


def test_fifty_pledges_at_once_stop_at_the_cap(transactional_db: Any) -> None:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    people = [make_user(f"p{i}") for i in range(50)]
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
        cap=10_000,
        counts="people",
    )
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
