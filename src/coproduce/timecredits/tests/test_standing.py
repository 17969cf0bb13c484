"""A gift asks both members' standings in one read, and the rest of the request (the gate,
the recipient's check, opening accounts) is answered from it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import World, add_member, make_user
from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.core.memo import request_scope
from coproduce.initiatives import services as initiatives
from coproduce.timecredits import services
from coproduce.timecredits.models import Transfer


def membership_reads(queries: CaptureQueriesContext) -> int:
    return sum("initiatives_membership" in q["sql"] for q in queries.captured_queries)


def test_a_gift_reads_both_members_standings_in_one_statement(world: World) -> None:
    friend = make_user("friend")
    add_member(world.initiative, friend)
    services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=60
    )
    with request_scope(), CaptureQueriesContext(connection) as queries:
        transfer, made = services.credits_gift(
            actor=world.member, initiative=world.initiative, to=friend, minutes=25
        )
    assert membership_reads(queries) == 1
    assert (made, transfer.minutes, transfer.debit.user, transfer.credit.user) == (
        True,
        25,
        world.member,
        friend,
    )


def test_a_gift_to_someone_who_left_in_the_same_request_is_refused(world: World) -> None:
    friend = make_user("friend")
    add_member(world.initiative, friend)
    services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=60
    )
    with request_scope():
        services.credits_gift(actor=world.member, initiative=world.initiative, to=friend, minutes=5)
        initiatives.membership_leave(actor=friend, initiative=world.initiative)
        with pytest.raises(ValidationError) as refused:
            services.credits_gift(
                actor=world.member, initiative=world.initiative, to=friend, minutes=5
            )
    assert refused.value.message_dict == {"to": [NO_SUCH_MEMBER]}
    assert list(Transfer.objects.order_by("pk").values_list("kind", "minutes")) == [
        ("earn", 60),
        ("gift", 5),
    ]
