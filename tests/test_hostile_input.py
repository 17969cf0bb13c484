"""Hostile input to the API and the pages is a 400 (or a 404) that says what to fix, never a
500: JSON nested thousands deep, a NUL in an ``Idempotency-Key``, an unpaired surrogate where
a person is named, ids past any row, names longer than any."""

from typing import Any

import pytest
from django.db.models import Model
from django.test import Client
from rest_framework import serializers

from conftest import World
from coproduce.accounts.people import username_field
from coproduce.accounts.selectors import user_by_username
from coproduce.comanagement.models import BoardDecision, Seat
from coproduce.core.parsers import MAX_DEPTH, nested_deeper_than
from coproduce.core.people import NO_ONE
from coproduce.initiatives.api import member_field
from coproduce.initiatives.models import Initiative
from coproduce.peersupport.models import Concern, PeerSupporter
from coproduce.record.models import Decision
from coproduce.timecredits.models import Transfer
from coproduce.volunteering.models import HoursLog

DEPTH_MESSAGE = (
    f"The JSON body nests arrays or objects more than {MAX_DEPTH} levels deep; send a flatter body."
)
SURROGATE_MESSAGE = (
    "A string in the JSON body holds an unpaired surrogate (such as \\ud800), "
    "which is not text; send valid Unicode."
)
LONE = "\\ud800"  # as it is written in the JSON text: a backslash escape, not a character


def _post(client: Client, path: str, body: str, **headers: str) -> Any:
    return client.post(path, body, content_type="application/json", **headers)


def test_json_nested_five_thousand_deep_to_the_token_endpoint_is_a_400(client: Client, db) -> None:
    response = _post(client, "/api/v1/auth/token/", "[" * 5000)
    assert (response.status_code, response.json()) == (400, {"detail": DEPTH_MESSAGE})


def test_a_gift_nested_1100_deep_is_a_400_and_moves_nothing(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    body = '{"to": "coord", "minutes": 1, "message": ' + "[" * 1100 + "]" * 1100 + "}"
    response = _post(
        client,
        f"/api/v1/initiatives/{world.initiative.slug}/credits/gift/",
        body,
        HTTP_IDEMPOTENCY_KEY="deep-1",
    )
    assert (response.status_code, response.json()) == (400, {"detail": DEPTH_MESSAGE})
    assert Transfer.objects.count() == 0


def test_nesting_is_counted_outside_strings_and_up_to_the_limit() -> None:
    assert not nested_deeper_than("[" * MAX_DEPTH + "]" * MAX_DEPTH, MAX_DEPTH)
    assert nested_deeper_than("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), MAX_DEPTH)
    brackets_in_text = '{"a": "' + "[{" * 100 + '\\"[[["}'
    assert not nested_deeper_than(brackets_in_text, MAX_DEPTH)
    many_side_by_side = "[" + ",".join(["[1]"] * 100) + "]"
    assert not nested_deeper_than(many_side_by_side, MAX_DEPTH)


def test_json_as_deep_as_the_limit_is_still_read(world: World) -> None:
    """The limit refuses only what is deeper: a body at the limit reaches the serializer."""
    client = Client()
    client.force_login(world.member)
    nested = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    response = _post(
        client,
        f"/api/v1/initiatives/{world.initiative.slug}/credits/gift/",
        '{"to": "coord", "minutes": 1, "message": ' + nested + "}",
        HTTP_IDEMPOTENCY_KEY="at-the-limit",
    )
    assert (response.status_code, response.json()) == (400, {"message": ["Not a valid string."]})


@pytest.mark.parametrize("key", ["a\x00b", "tab\there", "é" * 3, "k" * 101])
def test_an_idempotency_key_with_characters_it_cannot_hold_is_a_400(world: World, key) -> None:
    client = Client()
    client.force_login(world.member)
    response = _post(
        client,
        f"/api/v1/initiatives/{world.initiative.slug}/credits/gift/",
        '{"to": "coord", "minutes": 1}',
        HTTP_IDEMPOTENCY_KEY=key,
    )
    assert response.status_code == 400
    assert response.json() == {
        "Idempotency-Key": "Send an Idempotency-Key header (1 to 100 printable ASCII "
        "characters, such as a UUID), new for each transfer and the same when retrying it."
    }
    assert Transfer.objects.count() == 0


# Each API field that names a person, with a body that is otherwise plausible: the parser
# refuses the lone surrogate before any of it is read, and nothing is written.
PERSON_FIELDS: list[tuple[str, str, str, type[Model]]] = [
    ("gift to", "credits/gift/", f'{{"to": "{LONE}", "minutes": 1}}', Transfer),
    ("earn person", "credits/earn/", f'{{"person": "{LONE}", "minutes_given": 5}}', Transfer),
    ("seats person", "boards/1/seats/", f'{{"person": "{LONE}"}}', Seat),
    (
        "concerns professional",
        "concerns/",
        f'{{"match": 1, "professional": "{LONE}", "text": "Worried"}}',
        Concern,
    ),
    ("peer supporters person", "peer-supporters/", f'{{"person": "{LONE}"}}', PeerSupporter),
    (
        "meetings initiated_by",
        "meetings/1/decide/",
        f'{{"title": "T", "rule": "consensus", "initiated_by": "{LONE}"}}',
        BoardDecision,
    ),
    (
        "meetings attendees",
        "meetings/1/attendance/",
        f'{{"attendees": ["{LONE}"], "minutes": ""}}',
        Seat,
    ),
    ("hours served", "hours/", f'{{"opportunity": 1, "served": "{LONE}"}}', HoursLog),
]


@pytest.mark.parametrize(
    ("field", "path", "body", "model"), PERSON_FIELDS, ids=[p[0] for p in PERSON_FIELDS]
)
def test_an_unpaired_surrogate_naming_a_person_is_a_400(
    world: World, field: str, path: str, body: str, model: type[Model]
) -> None:
    client = Client()
    client.force_login(world.coordinator)
    before = model._default_manager.count()
    response = _post(
        client,
        f"/api/v1/initiatives/{world.initiative.slug}/{path}",
        body,
        HTTP_IDEMPOTENCY_KEY="surrogate-1",
    )
    assert (response.status_code, response.json()) == (400, {"detail": SURROGATE_MESSAGE})
    assert model._default_manager.count() == before


def test_a_surrogate_anywhere_in_the_body_is_refused_and_a_pair_is_text(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    path = f"/api/v1/initiatives/{world.initiative.slug}/credits/gift/"
    key_only = _post(
        client, path, f'{{"to": "coord", "minutes": 1, "{LONE}": 1}}', HTTP_IDEMPOTENCY_KEY="k"
    )
    assert (key_only.status_code, key_only.json()) == (400, {"detail": SURROGATE_MESSAGE})
    paired = _post(
        client,
        path,
        '{"to": "nobody", "minutes": 1, "message": "\\ud83d\\ude00"}',
        HTTP_IDEMPOTENCY_KEY="paired",
    )
    assert (paired.status_code, paired.json()) == (
        400,
        {"to": ["No member of this initiative has that username."]},
    )


@pytest.mark.parametrize("name", ["\ud800", "ab\udfffc", "a\x00b"])
def test_a_username_no_database_can_hold_is_no_one(world: World, name: str) -> None:
    """Behind the parser, the selector and the fields every person is named through answer
    as for an unknown name (on PostgreSQL the query itself was an encoding error)."""
    assert user_by_username(name) is None
    for field in (username_field(), member_field()):
        field.bind("person", serializers.Serializer(context={"initiative": world.initiative}))
        with pytest.raises(serializers.ValidationError) as refused:
            field.to_internal_value(name)
        shown = name.replace("\ud800", "").replace("\udfff", "").replace("\x00", "")
        assert refused.value.detail == [f"Object with username={shown} does not exist."]


def test_a_charset_python_cannot_decode_with_is_a_400(client: Client, db) -> None:
    response = client.generic(
        "POST", "/api/v1/auth/token/", b"{}", content_type="application/json; charset=rot13"
    )
    assert (response.status_code, response.json()) == (
        400,
        {"detail": 'Unsupported charset "rot13" in the Content-Type header.'},
    )


BEYOND_ANY_ID = str(2**63)  # one past the largest id a database column holds


def test_an_id_beyond_any_row_in_a_page_address_is_a_404(world: World) -> None:
    """An id past the largest integer reached a foreign-key lookup as a 500."""
    client = Client()
    client.force_login(world.member)
    base = f"/initiatives/{world.initiative.slug}/personal-outcomes/people/"
    for address in (f"{base}{BEYOND_ANY_ID}/", f"{base}{BEYOND_ANY_ID}/readings/new/"):
        assert client.get(address).status_code == 404
    assert client.post(f"{base}{BEYOND_ANY_ID}/readings/new/", {}).status_code == 404
    assert client.get(f"{base}{world.member.pk}/").status_code == 200


def test_an_id_beyond_any_row_among_several_chosen_is_a_form_error(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    before = Initiative.objects.count()
    response = client.post(
        "/initiatives/new/",
        {
            "title": "Library garden",
            "summary": "Planting the library's garden",
            "service_area": "housing",
            "side": "citizen",
            "role": "resident",
            "visibility": "public",
            "join_policy": "open",
            "partner_organisations": BEYOND_ANY_ID,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["partner_organisations"] == [
        f"Select a valid choice. {BEYOND_ANY_ID} is not one of the available choices."
    ]
    assert Initiative.objects.count() == before


def test_a_name_longer_than_any_is_no_one_and_no_crash(world: World) -> None:
    """Sixty thousand characters typed as a person's name made SQLite refuse the LIKE
    pattern (a 500); no name is that long."""
    client = Client()
    client.force_login(world.member)
    response = client.post(
        f"/initiatives/{world.initiative.slug}/record/decide/",
        {
            "title": "Fix damp first",
            "stage": world.stage.pk,
            "initiated_by": "x" * 60_000,
            "initiated_by_side": "citizen",
            "decided_by": "joint",
            "rule": "consensus",
            "participants_citizen": "0",
            "participants_professional": "0",
            "participants_political": "0",
            "decided_on": "2026-02-01",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["initiated_by"] == [str(NO_ONE)]
    assert Decision.objects.count() == 0
