"""Recording through the pages: everyday units in, integers stored, errors on the right field;
the record listed as a filter asks."""

import datetime
from typing import Any

import pytest
from django.test import Client

from conftest import World
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives
from coproduce.record import services
from coproduce.record.models import Contribution, Decision


def contribute(client: Client, world: World, **changes: Any) -> Any:
    data = {
        "kind": "time",
        "amount": "2.5",
        "entry_unit": "hours",
        "occurred_on": "2026-02-01",
        "stage": world.stage.pk,
        "description": "Walk-round",
    }
    data.update(changes)
    return client.post(f"/initiatives/{world.initiative.slug}/record/contribute/", data)


@pytest.mark.parametrize(
    ("amount", "unit", "kind", "stored"),
    [
        ("2.5", "hours", "time", (150, "minutes")),
        ("45", "minutes", "time", (45, "minutes")),
        ("£12.50", "pounds", "money", (1250, "pence")),
        ("3", "count", "idea", (3, "count")),
    ],
)
def test_amounts_are_stored_as_integers(
    client: Client, world: World, amount, unit, kind, stored
) -> None:
    client.force_login(world.member)
    response = contribute(client, world, amount=amount, entry_unit=unit, kind=kind)
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.quantity, contribution.unit) == stored


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": "two"}, "Enter the amount as a number, e.g. 2.5."),
        ({"amount": "0.001"}, "That amount does not come to a whole number of minutes."),
        ({"amount": "-1"}, "The quantity must be between 1 and 525,600 minutes."),
        ({"entry_unit": "pounds"}, "A time contribution is measured in: minutes."),
        ({"stage": "99999"}, "Select a valid choice."),
        ({"occurred_on": "2999-01-01"}, "The date cannot be in the future."),
    ],
)
def test_bad_input_shows_a_message_and_saves_nothing(
    client: Client, world: World, changes, message
) -> None:
    client.force_login(world.member)
    response = contribute(client, world, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert Contribution.objects.count() == 0


def test_unit_errors_land_on_the_field_the_person_filled(client: Client, world: World) -> None:
    client.force_login(world.member)
    response = contribute(client, world, entry_unit="pounds")
    assert response.context["form"].errors["entry_unit"] == [
        "A time contribution is measured in: minutes."
    ]


def test_coordinator_records_for_a_member_on_the_page(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    assert contribute(client, world, contributor=world.member.pk).status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.contributor, contribution.recorded_by, contribution.side) == (
        world.member,
        world.coordinator,
        "citizen",
    )


def test_member_page_has_no_on_behalf_field(client: Client, world: World) -> None:
    client.force_login(world.member)
    response = contribute(client, world, contributor=world.coordinator.pk)
    assert response.status_code == 302
    assert Contribution.objects.get().contributor == world.member


def test_decision_page_records_the_named_initiator(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    response = client.post(
        f"/initiatives/{world.initiative.slug}/record/decide/",
        {
            "title": "Fix damp first",
            "stage": world.stage.pk,
            "initiated_by": world.member.pk,
            "initiated_by_side": "regular_producer",
            "decided_by": "joint",
            "rule": "vote",
            "participants_citizen": "11",
            "participants_professional": "2",
            "participants_political": "1",
            "decided_on": "2026-02-01",
            "evidence_url": "https://example.org/minutes",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.initiated_by, decision.initiated_by_side, decision.participants_total) == (
        world.member,
        "citizen",
        14,
    )
    page = client.get(f"/initiatives/{world.initiative.slug}/").content.decode()
    assert "Fix damp first" in page
    assert "11 / 2 / 1" in page


def test_the_decision_form_offers_a_member_their_own_side_alone(
    client: Client, world: World
) -> None:
    """A member may say their own side started a decision (or took it, or that it was taken
    jointly), never another's: the form offers those alone, and a side sent anyway is an
    error on the field with nothing written."""
    address = f"/initiatives/{world.initiative.slug}/record/decide/"

    def offered(field: str = "initiated_by_side") -> list[str]:
        form = client.get(address).context["form"]
        return [value for value, _ in form.fields[field].choices]

    client.force_login(world.member)
    assert offered() == ["citizen"]
    assert offered("decided_by") == ["citizens", "joint"]
    refused = client.post(
        address,
        {
            "title": "Council cuts repairs",
            "stage": world.stage.pk,
            "initiated_by_side": "political",
            "decided_by": "politicians",
            "rule": "political_decision",
            "participants_citizen": "0",
            "participants_professional": "0",
            "participants_political": "3",
            "decided_on": "2026-02-01",
        },
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors["initiated_by_side"] == [
        "Select a valid choice. political is not one of the available choices."
    ]
    assert Decision.objects.count() == 0
    client.force_login(world.coordinator)
    assert offered() == ["citizen", "regular_producer", "political"]
    assert offered("decided_by") == ["citizens", "professionals", "politicians", "joint"]


def test_reversal_page_shows_the_correction(client: Client, world: World) -> None:
    client.force_login(world.member)
    contribute(client, world)
    entry = Contribution.objects.get()
    client.force_login(world.coordinator)
    path = f"/initiatives/{world.initiative.slug}/record/contributions/{entry.pk}/reverse/"
    assert client.post(path, {"reason": ""}).status_code == 400
    assert client.post(path, {"reason": "It was 1 hour"}).status_code == 302
    record = client.get(f"/initiatives/{world.initiative.slug}/record/").content.decode()
    assert "Correction: It was 1 hour" in record
    assert "-2 h 30 min" in record


def test_the_record_lists_the_entries_a_filter_asks_for(client: Client, world: World) -> None:
    performing = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_PERFORMING
    )

    def give(who: Any, stage: Any, quantity: int, on: str, **extra: Any) -> Contribution:
        return services.contribution_record(
            actor=who,
            initiative=world.initiative,
            stage=stage,
            kind=extra.pop("kind", "time"),
            quantity=quantity,
            unit=extra.pop("unit", "minutes"),
            occurred_on=datetime.date.fromisoformat(on),
        )

    give(world.member, world.stage, 60, "2026-02-01")
    give(world.coordinator, world.stage, 90, "2026-02-02")
    give(world.member, performing, 30, "2026-03-01")
    give(world.member, world.stage, 2, "2026-02-03", kind="idea", unit="count")
    mistake = give(world.member, world.stage, 45, "2026-02-04")
    services.contribution_reverse(actor=world.coordinator, contribution=mistake, reason="Twice")
    for decided_by in ("joint", "professionals"):
        services.decision_record(
            actor=world.coordinator,
            initiative=world.initiative,
            stage=world.stage,
            title=f"By {decided_by}",
            decided_by=decided_by,
            rule="consensus",
            decided_on=datetime.date(2026, 2, 10),
            initiated_by=world.coordinator,
        )
    page = f"/initiatives/{world.initiative.slug}/record/"

    def listed(**params: Any) -> tuple[list[int], list[str]]:
        response = client.get(page, params)
        assert response.status_code == 200
        contributions = sorted(c.quantity for c in response.context["contributions"])
        return contributions, sorted(d.title for d in response.context["decisions"])

    assert listed()[0] == [-45, 2, 30, 45, 60, 90]
    assert listed(stage="co_design", unit="minutes")[0] == [-45, 45, 60, 90]
    assert listed(stage="co_design", unit="minutes", standing="1")[0] == [60, 90]
    assert listed(stage=["co_design", "co_performing"], standing="1", unit="minutes")[0] == [
        30,
        60,
        90,
    ]
    assert listed(side="regular_producer")[0] == [90]
    assert listed(kind="idea")[0] == [2]
    # a reversal is dated as the entry it reverses
    assert listed(**{"from": "2026-02-02", "to": "2026-02-28"})[0] == [-45, 2, 45, 90]
    assert listed(decided_by="joint")[1] == ["By joint"]
    assert listed(decision_kind="exclusion")[1] == []
    assert listed(decision_kind="decision", **{"to": "2026-02-09"})[1] == []
    response = client.get(page, {"side": "regular_producer"})
    assert "1 contribution and 2 decisions" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"side": "martian"}, "side"),
        ({"stage": "co_nothing"}, "stage"),
        ({"unit": "litres"}, "unit"),
        ({"decision_kind": "whim"}, "decision_kind"),
        ({"from": "2026-02-31"}, "from"),
        ({"from": "2026-03-01", "to": "2026-02-01"}, "to"),
    ],
)
def test_a_bad_filter_is_shown_on_its_field(
    client: Client, world: World, params: dict[str, str], field: str
) -> None:
    response = client.get(f"/initiatives/{world.initiative.slug}/record/", params)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert "There is a problem" in response.content.decode()
