"""Time credits through the REST API: idempotency keys on every write, exact balances."""

from typing import Any

import pytest
from rest_framework import serializers
from rest_framework.test import APIClient

from conftest import World, add_member, make_user
from coproduce.accounts.models import User
from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.core.api import FieldsBuiltOnce
from coproduce.timecredits import services
from coproduce.timecredits.api import AccountSerializer, GiftSerializer, TransferSerializer
from coproduce.timecredits.models import Account, Transfer


def test_earn_gift_and_statement_through_the_api(api: APIClient, world: World) -> None:
    friend = make_user("friend")
    add_member(world.initiative, friend)
    base = f"/api/v1/initiatives/{world.initiative.slug}/credits/"
    api.force_authenticate(world.coordinator)
    no_key = api.post(base + "earn/", {"person": "member", "minutes_given": 90}, format="json")
    assert no_key.status_code == 400
    assert "Idempotency-Key" in no_key.json()
    assert Transfer.objects.count() == 0
    earned = api.post(
        base + "earn/",
        {"person": "member", "minutes_given": 90, "description": "Tuesday lunch club"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="club-tue-1",
    )
    assert earned.status_code == 201
    assert (earned.json()["minutes"], earned.json()["credit"], earned.json()["debit"]) == (
        90,
        "Mo Member",
        "Riverside repairs",
    )
    retried = api.post(
        base + "earn/",
        {"person": "member", "minutes_given": 90, "description": "Tuesday lunch club"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="club-tue-1",
    )
    assert (retried.status_code, retried["Idempotent-Replayed"]) == (200, "true")
    assert retried.json()["id"] == earned.json()["id"]
    clash = api.post(
        base + "earn/",
        {"person": "member", "minutes_given": 30},
        format="json",
        HTTP_IDEMPOTENCY_KEY="club-tue-1",
    )
    assert clash.status_code == 409
    assert clash.json() == {
        "detail": "That idempotency key was used for a different transfer; use a new key for "
        "a new transfer."
    }

    api.force_authenticate(world.member)
    assert api.get(base).json()["balance"] == 90
    gift = api.post(
        base + "gift/",
        {"to": "friend", "minutes": 40, "message": "Thanks for the lift"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="gift-1",
    )
    assert gift.status_code == 201
    too_much = api.post(
        base + "gift/", {"to": "friend", "minutes": 51}, format="json", HTTP_IDEMPOTENCY_KEY="g-2"
    )
    assert too_much.status_code == 400
    assert too_much.json() == {
        "minutes": ["Not enough credit: Mo Member has 50 minutes and may go down to 0."]
    }
    negative = api.post(
        base + "gift/", {"to": "friend", "minutes": -5}, format="json", HTTP_IDEMPOTENCY_KEY="g-3"
    )
    assert negative.status_code == 400
    statement = api.get(base + "statement/").json()
    assert [(t["kind"], t["minutes"], t["description"]) for t in statement] == [
        ("gift", 40, "Thanks for the lift"),
        ("earn", 90, "Tuesday lunch club"),
    ]
    assert dict(Account.objects.filter(kind="person").values_list("user__username", "balance")) == {
        "member": 50,
        "friend": 40,
    }
    assert (
        api.get(f"/api/v1/initiatives/{world.initiative.slug}/credits/transfers/").status_code
        == 403
    )


def test_coordinators_correct_a_transfer_once(api: APIClient, world: World) -> None:
    base = f"/api/v1/initiatives/{world.initiative.slug}/credits/"
    api.force_authenticate(world.coordinator)
    earned = api.post(
        base + "earn/",
        {"person": "member", "minutes_given": 60},
        format="json",
        HTTP_IDEMPOTENCY_KEY="e1",
    ).json()
    reverse = base + f"transfers/{earned['id']}/reverse/"
    first = api.post(reverse, {"reason": "Logged twice"}, format="json", HTTP_IDEMPOTENCY_KEY="r1")
    assert (first.status_code, first.json()["reverses"], first.json()["kind"]) == (
        201,
        earned["id"],
        "correction",
    )
    second = api.post(reverse, {"reason": "Again"}, format="json", HTTP_IDEMPOTENCY_KEY="r2")
    assert second.status_code == 400
    assert second.json() == {"transfer": ["That transfer was corrected already."]}
    ledger = api.get(base + "transfers/").json()
    assert [(t["kind"], t["minutes"]) for t in ledger["results"]] == [
        ("correction", 60),
        ("earn", 60),
    ]
    assert Account.objects.get(user=world.member).balance == 0


def test_options_on_the_policy_describes_it_without_failing(api: APIClient, world: World) -> None:
    api.force_authenticate(world.coordinator)
    answer = api.options(f"/api/v1/initiatives/{world.initiative.slug}/credits/policy/")
    assert answer.status_code == 200
    assert answer.json()["name"] == "Policy"


def test_a_username_with_a_nul_character_is_refused_plainly(api: APIClient, world: World) -> None:
    api.force_authenticate(world.coordinator)
    answer = api.post(
        f"/api/v1/initiatives/{world.initiative.slug}/credits/earn/",
        {"person": "mem\x00ber", "minutes_given": 30},
        format="json",
        HTTP_IDEMPOTENCY_KEY="nul-1",
    )
    assert (answer.status_code, answer.json()) == (
        400,
        {"person": [NO_SUCH_MEMBER]},
    )
    assert Transfer.objects.count() == 0


def test_a_retried_gift_gets_the_first_answer_even_when_no_credit_is_left(
    api: APIClient, world: World
) -> None:
    friend = make_user("friend")
    add_member(world.initiative, friend)
    base = f"/api/v1/initiatives/{world.initiative.slug}/credits/"
    api.force_authenticate(world.coordinator)
    api.post(
        base + "earn/",
        {"person": "member", "minutes_given": 30},
        format="json",
        HTTP_IDEMPOTENCY_KEY="e1",
    )
    api.force_authenticate(world.member)
    first = api.post(
        base + "gift/", {"to": "friend", "minutes": 30}, format="json", HTTP_IDEMPOTENCY_KEY="g1"
    )
    assert first.status_code == 201
    # the member has 0 minutes now: the retry is the same gift, not a new one too large
    retried = api.post(
        base + "gift/", {"to": "friend", "minutes": 30}, format="json", HTTP_IDEMPOTENCY_KEY="g1"
    )
    assert (retried.status_code, retried["Idempotent-Replayed"]) == (200, "true")
    assert retried.json()["id"] == first.json()["id"]
    other = api.post(
        base + "gift/", {"to": "friend", "minutes": 5}, format="json", HTTP_IDEMPOTENCY_KEY="g1"
    )
    assert other.status_code == 409
    new = api.post(
        base + "gift/", {"to": "friend", "minutes": 5}, format="json", HTTP_IDEMPOTENCY_KEY="g2"
    )
    assert (new.status_code, new.json()) == (
        400,
        {"minutes": ["Not enough credit: Mo Member has 0 minutes and may go down to 0."]},
    )
    assert Transfer.objects.filter(kind="gift").count() == 1
    assert dict(Account.objects.filter(kind="person").values_list("user__username", "balance")) == {
        "member": 0,
        "friend": 30,
    }


def test_a_recipient_named_by_anything_but_a_username_is_refused_plainly(
    api: APIClient, world: World
) -> None:
    make_user("42")
    add_member(world.initiative, User.objects.get(username="42"))
    api.force_authenticate(world.coordinator)
    earn = f"/api/v1/initiatives/{world.initiative.slug}/credits/earn/"
    answers = [
        api.post(earn, {"person": to, "minutes_given": 30}, format="json", HTTP_IDEMPOTENCY_KEY=k)
        for to, k in [("nobody", "k1"), (["member"], "k2"), (True, "k3"), (42, "k4")]
    ]
    assert [(a.status_code, a.json()) for a in answers[:3]] == [
        (400, {"person": [NO_SUCH_MEMBER]}),
        (400, {"person": ["Invalid value."]}),
        (400, {"person": ["Invalid value."]}),
    ]
    assert (answers[3].status_code, answers[3].json()["credit"]) == (201, "42")
    assert list(Transfer.objects.values_list("credit__user__username", "minutes")) == [("42", 30)]


def test_account_answers_build_fields_once_and_give_each_answer_its_own_copy() -> None:
    """``FieldsBuiltOnce``: the same JSON as DRF builds, from fields that are not shared."""
    first = AccountSerializer(Account(pk=7, kind="person", user=User(username="ann"), balance=5))
    second = AccountSerializer(Account(pk=8, kind="person", user=User(username="bo"), balance=-2))
    assert (first.data, second.data) == (
        {"id": 7, "kind": "person", "owner": "ann", "balance": 5, "floor": None, "ceiling": None},
        {"id": 8, "kind": "person", "owner": "bo", "balance": -2, "floor": None, "ceiling": None},
    )
    assert first.fields["owner"] is not second.fields["owner"]
    assert (first.fields["owner"].parent, second.fields["owner"].parent) == (first, second)
    # each class its own: the transfer's fields, after the account's were built
    assert list(TransferSerializer().fields) == TransferSerializer.Meta.fields


def test_gift_input_checked_with_fields_built_once_keeps_each_answer_apart(world: World) -> None:
    """A refused gift's errors do not follow the next one read with the same class."""
    context = {"initiative": world.initiative}
    refused = GiftSerializer(data={"to": "nobody", "minutes": 0}, context=context)
    accepted = GiftSerializer(data={"to": "member", "minutes": 5}, context=context)
    assert refused.is_valid() is False
    assert refused.errors == {
        "to": [NO_SUCH_MEMBER],
        "minutes": ["Ensure this value is greater than or equal to 1."],
    }
    assert accepted.is_valid(), accepted.errors
    assert accepted.validated_data == {"to": world.member, "minutes": 5, "message": ""}
    assert accepted.fields["to"].parent is accepted


@pytest.mark.parametrize(
    "field",
    [
        GiftSerializer(many=True),
        serializers.SerializerMethodField(),
        serializers.HyperlinkedIdentityField(view_name="api:credit-list"),
    ],
)
def test_fields_built_once_refuses_a_field_that_asks_its_own_serializer(field: Any) -> None:
    Odd = type("Odd", (FieldsBuiltOnce, serializers.Serializer), {"odd": field})
    with pytest.raises(TypeError, match=r"Odd.odd needs its own serializer"):
        _ = Odd().fields


def test_transfers_written_by_fields_built_once_read_as_drf_writes_them(world: World) -> None:
    """The answer to every gift, written with one set of fields per class, is what DRF
    writes with its own fields for each serializer: for a gift, an earning and a correction
    (which names the transfer it corrects)."""

    class AsDrfWritesIt(serializers.ModelSerializer):
        debit = serializers.CharField(source="debit.owner_name", read_only=True)
        credit = serializers.CharField(source="credit.owner_name", read_only=True)

        class Meta:
            model = Transfer
            fields = TransferSerializer.Meta.fields

    friend = make_user("friend", display_name="Fran Friend")
    add_member(world.initiative, friend)
    earned, _ = services.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=90
    )
    gift, _ = services.credits_gift(
        actor=world.member, initiative=world.initiative, to=friend, minutes=25, message="Thanks"
    )
    correction, _ = services.transfer_reverse(
        actor=world.coordinator, transfer=gift, reason="Sent twice"
    )
    transfers = list(Transfer.objects.order_by("pk"))
    assert [t.pk for t in transfers] == [earned.pk, gift.pk, correction.pk]
    ours = [TransferSerializer(t).data for t in transfers]
    assert ours == [AsDrfWritesIt(t).data for t in transfers]
    assert [(t["kind"], t["debit"], t["credit"], t["reverses"]) for t in ours] == [
        ("earn", "Riverside repairs", "Mo Member", None),
        ("gift", "Mo Member", "Fran Friend", None),
        ("correction", "Fran Friend", "Mo Member", gift.pk),
    ]
    assert TransferSerializer(transfers, many=True).data == ours
