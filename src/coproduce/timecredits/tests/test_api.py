"""Time credits through the REST API: idempotency keys on every write, exact balances."""

from rest_framework.test import APIClient

from conftest import World, add_member, make_user
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
        {"person": ["Object with username=member does not exist."]},
    )
    assert Transfer.objects.count() == 0
