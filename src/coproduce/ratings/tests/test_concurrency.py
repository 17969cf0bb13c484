"""Concurrent ratings on PostgreSQL: one person's requests at once leave one rating, one
of the values they sent; many people's leave one each."""

from typing import Any

from conftest import add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.ratings import services
from coproduce.ratings.models import Rating, ThingKind
from coproduce.ratings.things import Thing

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


def test_one_person_rating_twenty_times_at_once_has_one_rating(transactional_db: Any) -> None:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    member = make_user("member")
    add_member(initiative, member)
    service = Thing(ThingKind.SERVICE, initiative, initiative)
    results = hammer(
        20, lambda i: services.rating_give(actor=member, thing=service, stars=1 + i % 5)
    )
    assert all(isinstance(r, Rating) for r in results), results
    assert Rating.objects.count() == 1
    assert Rating.objects.get().stars in {1, 2, 3, 4, 5}


def test_twenty_people_at_once_have_one_rating_each(transactional_db: Any) -> None:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    people = [make_user(f"p{i}") for i in range(20)]
    for person in people:
        add_member(initiative, person)
    service = Thing(ThingKind.SERVICE, initiative, initiative)
    results = hammer(20, lambda i: services.rating_give(actor=people[i], thing=service, stars=4))
    assert all(isinstance(r, Rating) for r in results), results
    assert Rating.objects.filter(stars=4).count() == 20
