"""Concurrent supports on PostgreSQL: one member's fifty at once count once; the others are
told the support is already theirs."""

from typing import Any

from django.core.exceptions import ValidationError

from conftest import add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.ideas import services
from coproduce.ideas.models import Support

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


def test_one_member_supporting_fifty_times_at_once_counts_once(transactional_db: Any) -> None:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    author, supporter = make_user("author"), make_user("supporter")
    add_member(initiative, author)
    add_member(initiative, supporter)
    idea = services.idea_post(
        actor=author, initiative=initiative, title="Benches", text="Seats.", category="places"
    )
    results = hammer(50, lambda i: services.idea_support(actor=supporter, idea=idea))
    supports = [r for r in results if isinstance(r, Support)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert (len(supports), len(refusals)) == (1, 49), results
    assert Support.objects.filter(idea=idea).count() == 1
