"""What the diagnostics read beyond the record: an initiative's settings (threshold,
valuation basis, weekly cap) and coordinators' declarations of who plans and delivers a
stage, each a declaration decision in the record that a reversal withdraws."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import World, hammer, make_initiative, make_user, postgresql_only
from coproduce.initiatives import selectors, services
from coproduce.initiatives.models import DIAGNOSTIC_DEFAULTS, DiagnosticSettings, StageDeclaration
from coproduce.record import services as record
from coproduce.record.models import Decision

TODAY = timezone.localdate()
SAVED = {
    "threshold": Decimal("0.15"),
    "low_rate_pence": 1100,
    "low_rate_source": "Council volunteer valuation",
    "low_rate_year": 2024,
    "high_rate_pence": 1480,
    "high_rate_source": "London Living Wage",
    "high_rate_year": 2025,
    "weekly_cap_minutes": 720,
}
SAVED_JSON = {**SAVED, "threshold": 0.15}
SETTINGS_URL = "/api/v1/initiatives/{}/diagnostic-settings/"
DECLARATIONS_URL = "/api/v1/initiatives/{}/declarations/"


def _settings(world: World) -> dict[str, Any]:
    found = selectors.diagnostic_settings(world.initiative)
    return {name: getattr(found, name) for name in DIAGNOSTIC_DEFAULTS}


def _declare(world: World, actor: Any = None, **changes: Any) -> StageDeclaration:
    fields: dict[str, Any] = {
        "stage": world.stage,
        "planning": "joint",
        "delivery": "professionals_alone",
        "evidence": "Tenants and staff write the repair standards together.",
        "declared_on": datetime.date(2026, 3, 2),
    }
    return services.stage_declare(actor=actor or world.coordinator, **(fields | changes))


def _nothing_declared() -> tuple[int, int]:
    return StageDeclaration.objects.count(), Decision.objects.filter(kind="declaration").count()


# Settings


def test_an_initiative_without_settings_reads_with_the_defaults(world: World) -> None:
    assert _settings(world) == {
        "threshold": Decimal("0.10"),
        "low_rate_pence": 1221,
        "low_rate_source": "UK National Living Wage (age 21 and over), from April 2025",
        "low_rate_year": 2025,
        "high_rate_pence": 1345,
        "high_rate_source": "Real Living Wage outside London, Living Wage Foundation",
        "high_rate_year": 2025,
        "weekly_cap_minutes": 960,
    }
    assert selectors.settings_at_default(selectors.diagnostic_settings(world.initiative)) == list(
        DIAGNOSTIC_DEFAULTS
    )
    assert DiagnosticSettings.objects.count() == 0


def test_the_api_answers_the_defaults_to_anyone_who_may_view(api: APIClient, world: World) -> None:
    response = api.get(SETTINGS_URL.format(world.initiative.slug))
    assert response.status_code == 200
    assert response.json() == {
        **DIAGNOSTIC_DEFAULTS,
        "threshold": 0.1,
        "is_default": True,
        "updated_at": None,
        "updated_by": None,
    }


def test_a_coordinator_saves_settings_and_a_second_save_changes_the_one_row(world: World) -> None:
    services.diagnostic_settings_save(actor=world.coordinator, initiative=world.initiative, **SAVED)
    assert _settings(world) == SAVED
    services.diagnostic_settings_save(
        actor=world.coordinator, initiative=world.initiative, threshold="0.2"
    )
    row = DiagnosticSettings.objects.get()
    assert (row.threshold, row.low_rate_pence, row.weekly_cap_minutes, row.updated_by) == (
        Decimal("0.20"),
        1100,
        720,
        world.coordinator,
    )
    assert selectors.settings_at_default(row) == ["high_rate_year"]  # 2025, as the default


def test_fields_left_out_keep_the_default_and_are_said_to(world: World) -> None:
    row = services.diagnostic_settings_save(
        actor=world.coordinator, initiative=world.initiative, weekly_cap_minutes=600
    )
    assert row.weekly_cap_minutes == 600
    assert row.high_rate_pence == 1345
    assert selectors.settings_at_default(row) == [
        name for name in DIAGNOSTIC_DEFAULTS if name != "weekly_cap_minutes"
    ]


@pytest.mark.parametrize("who", ["member", "other_coordinator", "outsider"])
def test_only_managers_save_settings_and_nothing_is_written(world: World, who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.diagnostic_settings_save(
            actor=getattr(world, who), initiative=world.initiative, **SAVED
        )
    assert DiagnosticSettings.objects.count() == 0


def test_staff_save_settings_like_other_coordinator_powers(world: World) -> None:
    services.diagnostic_settings_save(actor=world.staff, initiative=world.initiative, **SAVED)
    assert DiagnosticSettings.objects.get().updated_by == world.staff


LAST_YEAR, NEXT_YEAR = TODAY.year - 1, TODAY.year + 1
BAD_SETTINGS = [
    ({"threshold": Decimal("0.5")}, "threshold", "The threshold must be at least 0 and below 0.5."),
    (
        {"threshold": Decimal("-0.01")},
        "threshold",
        "The threshold must be at least 0 and below 0.5.",
    ),
    (
        {"threshold": Decimal("0.105")},
        "threshold",
        "Give the threshold with at most two decimals, e.g. 0.15.",
    ),
    ({"threshold": "many"}, "threshold", "Give the threshold as a number, e.g. 0.10."),
    (
        {"low_rate_pence": 0},
        "low_rate_pence",
        "Give the low hourly rate in whole pence, from 1 to 100,000 (£1,000).",
    ),
    (
        {"high_rate_pence": 12.5},
        "high_rate_pence",
        "Give the high hourly rate in whole pence, from 1 to 100,000 (£1,000).",
    ),
    (
        {"low_rate_pence": 1500, "high_rate_pence": 1400},
        "high_rate_pence",
        "The high rate cannot be below the low rate.",
    ),
    ({"low_rate_source": "  "}, "low_rate_source", "Say where the low rate comes from."),
    ({"high_rate_source": "x" * 201}, "high_rate_source", "Keep the source to 200 characters."),
    ({"low_rate_year": 1999}, "low_rate_year", "Give a year from 2000 on."),
    ({"high_rate_year": NEXT_YEAR}, "high_rate_year", f"Give a year up to {TODAY.year}."),
    (
        {"weekly_cap_minutes": 59},
        "weekly_cap_minutes",
        "Give the weekly cap from 1 to 168 hours (60 to 10,080 minutes).",
    ),
    (
        {"weekly_cap_minutes": 10081},
        "weekly_cap_minutes",
        "Give the weekly cap from 1 to 168 hours (60 to 10,080 minutes).",
    ),
    ({"colour": "blue"}, "colour", "This is not a diagnostic setting."),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_SETTINGS)
def test_bad_settings_name_the_field_and_nothing_is_written(
    world: World, changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.diagnostic_settings_save(
            actor=world.coordinator, initiative=world.initiative, **(SAVED | changes)
        )
    assert refused.value.message_dict == {field: [message]}
    assert DiagnosticSettings.objects.count() == 0


def test_last_years_rate_is_accepted(world: World) -> None:
    row = services.diagnostic_settings_save(
        actor=world.coordinator, initiative=world.initiative, low_rate_year=LAST_YEAR
    )
    assert row.low_rate_year == LAST_YEAR


def test_the_api_replaces_settings_for_a_coordinator(api: APIClient, world: World) -> None:
    api.force_authenticate(world.coordinator)
    response = api.put(SETTINGS_URL.format(world.initiative.slug), SAVED_JSON, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert {k: body[k] for k in SAVED_JSON} == SAVED_JSON
    assert (body["is_default"], body["updated_by"]) == (False, "coord")
    assert _settings(world) == SAVED
    api.force_authenticate(None)
    assert api.get(SETTINGS_URL.format(world.initiative.slug)).json()["low_rate_pence"] == 1100


def test_a_member_cannot_put_settings_and_nothing_is_written(api: APIClient, world: World) -> None:
    api.force_authenticate(world.member)
    response = api.put(SETTINGS_URL.format(world.initiative.slug), SAVED_JSON, format="json")
    assert response.status_code == 403
    assert DiagnosticSettings.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"threshold": 0.6}, "threshold"),
        ({"threshold": 0.125}, "threshold"),
        ({"low_rate_pence": -5}, "low_rate_pence"),
        ({"high_rate_year": "soon"}, "high_rate_year"),
        ({"weekly_cap_minutes": 20000}, "weekly_cap_minutes"),
        ({"low_rate_source": ""}, "low_rate_source"),
    ],
)
def test_bad_settings_through_the_api_are_a_400_naming_the_field(
    api: APIClient, world: World, changes: dict[str, Any], field: str
) -> None:
    api.force_authenticate(world.coordinator)
    response = api.put(
        SETTINGS_URL.format(world.initiative.slug), SAVED_JSON | changes, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert DiagnosticSettings.objects.count() == 0


def test_the_settings_page_shows_the_defaults_in_pounds_and_hours(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    response = client.get(f"/initiatives/{world.initiative.slug}/diagnostics/settings/")
    assert response.status_code == 200
    form = response.context["form"]
    assert (
        form["threshold"].value(),
        form["low_rate_pounds"].value(),
        form["high_rate_pounds"].value(),
        form["weekly_cap_hours"].value(),
    ) == (Decimal("0.10"), Decimal("12.21"), Decimal("13.45"), Decimal("16.00"))
    page = response.content.decode()
    assert "reads with the platform's defaults" in page
    assert 'value="12.21"' in page
    assert page.count("(The default.)") == 8


def test_the_settings_page_saves_pounds_as_pence_and_hours_as_minutes(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    url = f"/initiatives/{world.initiative.slug}/diagnostics/settings/"
    form = {
        "threshold": "0.15",
        "low_rate_pounds": "11.00",
        "low_rate_source": "Council volunteer valuation",
        "low_rate_year": "2024",
        "high_rate_pounds": "14.80",
        "high_rate_source": "London Living Wage",
        "high_rate_year": "2025",
        "weekly_cap_hours": "12",
    }
    response = client.post(url, form, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "The diagnostic settings are saved." in response.content.decode()
    assert _settings(world) == SAVED
    page = client.get(url).content.decode()
    assert "Last saved by Cora Coordinator on " in page
    assert page.count("(The default.)") == 1  # the high rate's year, 2025


def test_a_bad_rate_on_the_page_is_an_error_on_the_pounds_field(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    form = {
        "threshold": "0.10",
        "low_rate_pounds": "14.00",
        "low_rate_source": "A",
        "low_rate_year": "2024",
        "high_rate_pounds": "12.00",
        "high_rate_source": "B",
        "high_rate_year": "2024",
        "weekly_cap_hours": "200",
    }
    response = client.post(f"/initiatives/{world.initiative.slug}/diagnostics/settings/", form)
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "high_rate_pounds": ["The high rate cannot be below the low rate."],
        "weekly_cap_hours": ["Give the weekly cap from 1 to 168 hours (60 to 10,080 minutes)."],
    }
    assert 'href="#id_high_rate_pounds"' in response.content.decode()
    assert DiagnosticSettings.objects.count() == 0


def test_a_member_cannot_open_or_post_the_settings_page(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    url = f"/initiatives/{world.initiative.slug}/diagnostics/settings/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"threshold": "0.2"}).status_code == 403
    assert DiagnosticSettings.objects.count() == 0


@postgresql_only("two saves at once are tested on PostgreSQL, the production database")
@pytest.mark.django_db(transaction=True)
def test_saves_at_once_leave_one_row() -> None:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)

    def save(i: int) -> int:
        row = services.diagnostic_settings_save(
            actor=coordinator, initiative=initiative, weekly_cap_minutes=60 * (i + 1)
        )
        return row.weekly_cap_minutes

    results = hammer(8, save)
    assert [r for r in results if not isinstance(r, int)] == []
    row = DiagnosticSettings.objects.get()
    assert row.weekly_cap_minutes in results


# Declarations


def test_a_declaration_is_a_declaration_decision_of_the_coordinator(world: World) -> None:
    declaration = _declare(world)
    entry = Decision.objects.get()
    assert (entry.kind, entry.rule, entry.decided_by, entry.carried) == (
        "declaration",
        "delegated",
        "professionals",
        True,
    )
    assert entry.title == (
        "Declared for Co-design: planning by professionals and citizens jointly; "
        "delivery by professionals alone"
    )
    assert entry.outcome == "Tenants and staff write the repair standards together."
    assert (entry.stage, entry.decided_on) == (world.stage, datetime.date(2026, 3, 2))
    assert (entry.initiated_by, entry.initiated_by_side, entry.recorded_by) == (
        world.coordinator,
        "regular_producer",
        world.coordinator,
    )
    source = entry.source_type
    assert source is not None
    assert (source.app_label, source.model, entry.source_id) == (
        "initiatives",
        "stagedeclaration",
        declaration.pk,
    )
    assert list(entry.participants.values_list("person__username", "side", "position")) == [
        ("coord", "regular_producer", "present")
    ]
    assert (declaration.planning, declaration.delivery, declaration.assessment) == (
        "joint",
        "professionals_alone",
        "",
    )


def test_a_citizen_coordinators_declaration_is_the_citizens(world: World) -> None:
    membership = world.initiative.memberships.get(user=world.member)
    services.membership_set_coordinator(
        actor=world.coordinator, membership=membership, is_coordinator=True
    )
    _declare(world, actor=world.member, planning="", delivery="", assessment="citizens_alone")
    entry = Decision.objects.get(kind="declaration")
    assert (entry.title, entry.initiated_by_side, entry.decided_by) == (
        "Declared for Co-design: assessment by citizens alone",
        "citizen",
        "citizens",
    )
    assert list(entry.participants.values_list("person__username", "side")) == [
        ("member", "citizen")
    ]


@pytest.mark.parametrize("who", ["member", "staff", "other_coordinator"])
def test_only_coordinators_declare_and_nothing_is_written(world: World, who: str) -> None:
    with pytest.raises(PermissionDenied):
        _declare(world, actor=getattr(world, who))
    assert _nothing_declared() == (0, 0)


BAD_DECLARATIONS = [
    (
        {"planning": "", "delivery": ""},
        "planning",
        "Declare at least one of planning, delivery or assessment.",
    ),
    (
        {"delivery": "everyone"},
        "delivery",
        "Choose professionals alone, jointly, citizens alone, or not declared.",
    ),
    (
        {"evidence": "   "},
        "evidence",
        "Say what shows it: a meeting, a document, who does the work.",
    ),
    ({"evidence": "x" * 1001}, "evidence", "Keep the evidence to 1,000 characters."),
    (
        {"declared_on": TODAY + datetime.timedelta(1)},
        "declared_on",
        "The day cannot be in the future.",
    ),
    (
        {"declared_on": datetime.date(1999, 12, 31)},
        "declared_on",
        "Give a date from 1 January 2000 on.",
    ),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_DECLARATIONS)
def test_bad_declarations_name_the_field_and_nothing_is_written(
    world: World, changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _declare(world, **changes)
    assert refused.value.message_dict == {field: [message]}
    assert _nothing_declared() == (0, 0)


def test_reversing_its_decision_withdraws_a_declaration(world: World) -> None:
    first = _declare(world)
    second = _declare(world, planning="citizens_alone", declared_on=datetime.date(2026, 4, 1))
    assert [(d.pk, d.standing) for d in selectors.stage_declarations(world.initiative)] == [
        (second.pk, True),
        (first.pk, True),
    ]
    entry = Decision.objects.get(source_id=second.pk, kind="declaration")
    record.decision_reverse(actor=world.coordinator, decision=entry, reason="Declared in error")
    listed = selectors.stage_declarations(world.initiative)
    assert [(d.pk, d.decision_id, d.standing) for d in listed] == [
        (second.pk, entry.pk, False),
        (first.pk, Decision.objects.get(source_id=first.pk).pk, True),
    ]
    assert selectors.declared_by_stage(world.initiative) == {world.stage.pk: first}


def test_the_api_lists_declarations_for_viewers(api: APIClient, world: World) -> None:
    declaration = _declare(world)
    entry = Decision.objects.get()
    record.decision_reverse(actor=world.coordinator, decision=entry, reason="Wrong stage")
    response = api.get(DECLARATIONS_URL.format(world.initiative.slug))
    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "id": declaration.pk,
            "stage": world.stage.pk,
            "stage_kind": "co_design",
            "planning": "joint",
            "delivery": "professionals_alone",
            "assessment": "",
            "evidence": "Tenants and staff write the repair standards together.",
            "declared_by": "coord",
            "declared_on": "2026-03-02",
            "decision": entry.pk,
            "standing": False,
        }
    ]


def _post_declaration(api: APIClient, world: World, who: str, **changes: Any) -> Any:
    """POST a declaration for the world's stage (co-design) as ``who``."""
    api.force_authenticate(getattr(world, who))
    payload = {
        "stage": world.stage.pk,
        "delivery": "joint",
        "evidence": "Tenants inspect every repair.",
        "declared_on": "2026-05-04",
    } | changes
    return api.post(DECLARATIONS_URL.format(world.initiative.slug), payload, format="json")


def test_a_coordinator_declares_through_the_api(api: APIClient, world: World) -> None:
    response = _post_declaration(api, world, "coordinator")
    assert response.status_code == 201, response.json()
    entry = Decision.objects.get()
    body = response.json()
    assert body == {
        "id": StageDeclaration.objects.get().pk,
        "stage": world.stage.pk,
        "stage_kind": "co_design",
        "planning": "",
        "delivery": "joint",
        "assessment": "",
        "evidence": "Tenants inspect every repair.",
        "declared_by": "coord",
        "declared_on": "2026-05-04",
        "decision": entry.pk,
        "standing": True,
    }
    assert entry.title == "Declared for Co-design: delivery by professionals and citizens jointly"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"planning": "", "delivery": ""}, "planning"),
        ({"evidence": ""}, "evidence"),
        ({"declared_on": "2999-01-01"}, "declared_on"),
        ({"delivery": "someone"}, "delivery"),
        ({"stage": "<other>"}, "stage"),
    ],
)
def test_bad_declarations_through_the_api_are_a_400_naming_the_field(
    api: APIClient, world: World, changes: dict[str, Any], field: str
) -> None:
    if changes.get("stage") == "<other>":
        changes = {"stage": world.other_stage.pk}
    response = _post_declaration(api, world, "coordinator", **changes)
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert _nothing_declared() == (0, 0)


@pytest.mark.parametrize("who", ["member", "staff", "outsider"])
def test_others_cannot_declare_through_the_api(api: APIClient, world: World, who: str) -> None:
    response = _post_declaration(api, world, who, planning="citizens_alone")
    assert response.status_code == 403
    assert _nothing_declared() == (0, 0)


def test_the_declare_page_records_and_lists_declarations(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    url = f"/initiatives/{world.initiative.slug}/stages/{world.stage.pk}/declare/"
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["declared_on"].value() == TODAY
    form = {
        "planning": "joint",
        "delivery": "",
        "assessment": "professionals_alone",
        "evidence": "Design workshops every month",
        "declared_on": "2026-02-01",
    }
    response = client.post(url, form, follow=True)
    assert response.redirect_chain == [(url, 302)]
    text = response.content.decode()
    assert "The declaration is recorded as a decision." in text
    assert "Design workshops every month" in text
    assert "Standing" in text
    entry = Decision.objects.get()
    assert f"/record/decisions/{entry.pk}/reverse/" in text
    record.decision_reverse(actor=world.coordinator, decision=entry, reason="Not so")
    assert "Withdrawn" in client.get(url).content.decode()


def test_the_initiative_page_shows_the_standing_declaration(world: World) -> None:
    _declare(world)
    client = Client()
    client.force_login(world.coordinator)
    text = client.get(f"/initiatives/{world.initiative.slug}/").content.decode()
    assert "Planning: professionals and citizens jointly. Delivery: professionals alone." in text
    assert f"/stages/{world.stage.pk}/declare/" in text


def test_a_form_with_nothing_declared_says_so_on_the_first_group(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    url = f"/initiatives/{world.initiative.slug}/stages/{world.stage.pk}/declare/"
    form = {"evidence": "Nothing", "declared_on": "2026-02-01"}
    response = client.post(url, form)
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "planning": ["Declare at least one of planning, delivery or assessment."]
    }
    assert _nothing_declared() == (0, 0)


@pytest.mark.parametrize("who", ["member", "staff"])
def test_the_declare_page_is_refused_to_others_and_nothing_is_written(
    world: World, who: str
) -> None:
    client = Client()
    client.force_login(getattr(world, who))
    url = f"/initiatives/{world.initiative.slug}/stages/{world.stage.pk}/declare/"
    assert client.get(url).status_code == 403
    form = {"planning": "joint", "evidence": "E", "declared_on": "2026-02-01"}
    assert client.post(url, form).status_code == 403
    assert _nothing_declared() == (0, 0)
