"""The one door into the record: sources, organisations, paid time, participants."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from rest_framework.test import APIClient

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionKind,
    DecisionRule,
    Position,
    Role,
    Side,
    StageKind,
    Unit,
)
from coproduce.initiatives import selectors as initiative_selectors
from coproduce.initiatives import services as initiative_services
from coproduce.organisations.models import Organisation, OrganisationKind
from coproduce.record import services
from coproduce.record.models import Contribution, Decision, DecisionParticipant
from coproduce.record.selectors import decisions_for

DAY = datetime.date(2026, 3, 2)


def _contribution(world: World, **overrides: object) -> Contribution:
    fields: dict[str, object] = {
        "source": world.stage,
        "recorded_by": world.coordinator,
        "initiative": world.initiative,
        "stage": world.stage,
        "kind": ContributionKind.TIME,
        "quantity": 90,
        "unit": Unit.MINUTES,
        "occurred_on": DAY,
        "contributor": world.member,
    }
    return services.do_record_contribution(**(fields | overrides))  # type: ignore[arg-type]


def test_the_source_and_who_recorded_it_are_stored_on_the_entry(world: World) -> None:
    entry = _contribution(world)
    entry.refresh_from_db()
    source_type = entry.source_type
    assert source_type is not None
    assert (source_type.app_label, source_type.model) == ("initiatives", "stage")
    assert entry.source_id == world.stage.pk
    assert entry.source == world.stage
    assert entry.source_label == f"Stage {world.stage.pk}"
    assert (entry.recorded_by, entry.contributor, entry.side) == (
        world.coordinator,
        world.member,
        Side.CITIZEN,
    )


def test_staff_time_is_paid_and_citizens_time_given_unless_the_caller_says(
    world: World,
) -> None:
    assert _contribution(world).paid is False
    assert _contribution(world, contributor=world.coordinator).paid is True  # staff side
    assert _contribution(world, contributor=world.coordinator, paid=False).paid is False
    money = _contribution(
        world, contributor=world.coordinator, kind=ContributionKind.MONEY, unit=Unit.PENCE
    )
    assert money.paid is False


def test_money_from_a_body_is_booked_to_the_organisation_on_the_side_named(
    world: World,
) -> None:
    funder = Organisation.objects.create(name="Lottery fund", kind=OrganisationKind.FUNDER)
    grant = _contribution(
        world,
        contributor=None,
        organisation=funder,
        side=Side.REGULAR_PRODUCER,
        kind=ContributionKind.MONEY,
        quantity=2_500_000,
        unit=Unit.PENCE,
    )
    assert (grant.organisation, grant.contributor, grant.side, grant.quantity) == (
        funder,
        None,
        Side.REGULAR_PRODUCER,
        2_500_000,
    )
    with pytest.raises(ValidationError) as refused:
        _contribution(world, contributor=None, organisation=funder, side="")
    assert refused.value.message_dict == {
        "side": ["Say which side the organisation contributes on."]
    }
    with pytest.raises(ValidationError) as nobody:
        _contribution(world, contributor=None)
    assert nobody.value.message_dict == {
        "contributor": ["Name who contributed: a member or a body."]
    }
    assert Contribution.objects.count() == 1


def test_a_reversal_keeps_the_organisation_and_the_paid_flag(world: World) -> None:
    funder = Organisation.objects.create(name="Trust", kind=OrganisationKind.FUNDER)
    grant = _contribution(
        world,
        contributor=None,
        organisation=funder,
        side=Side.CITIZEN,
        kind=ContributionKind.MONEY,
        quantity=500,
        unit=Unit.PENCE,
    )
    reversal = services.contribution_reverse(
        actor=world.coordinator, contribution=grant, reason="Booked twice"
    )
    assert (reversal.organisation, reversal.quantity, reversal.paid) == (funder, -500, False)


def _decision(world: World, **overrides: object) -> Decision:
    fields: dict[str, object] = {
        "source": world.stage,
        "recorded_by": world.coordinator,
        "initiative": world.initiative,
        "stage": world.stage,
        "title": "Open on Saturdays",
        "decided_by": DecidingBody.JOINT,
        "rule": DecisionRule.VOTE,
        "decided_on": DAY,
        "initiated_by": world.member,
    }
    return services.do_record_decision(**(fields | overrides))  # type: ignore[arg-type]


def test_participants_are_rows_person_by_person_and_head_counts_derive_from_them(
    world: World,
) -> None:
    councillor = make_user("cllr")
    add_member(world.initiative, councillor, Side.POLITICAL, Role.COUNCILLOR)
    decision = _decision(
        world,
        carried=False,
        participants=[
            services.Participant(world.member, Position.FOR),
            services.Participant(world.coordinator, Position.AGAINST),
            services.Participant(councillor, Position.AGAINST, side=Side.CITIZEN),
        ],
        headcounts={Side.CITIZEN: 12},
    )
    rows = list(
        DecisionParticipant.objects.filter(decision=decision).values_list(
            "person__username", "side", "position", "headcount"
        )
    )
    assert rows == [
        ("member", Side.CITIZEN, Position.FOR, 1),
        ("coord", Side.REGULAR_PRODUCER, Position.AGAINST, 1),
        ("cllr", Side.CITIZEN, Position.AGAINST, 1),  # the side at the time, as given
        (None, Side.CITIZEN, Position.PRESENT, 12),
    ]
    listed = decisions_for(world.initiative).get(pk=decision.pk)
    assert (
        listed.participants_citizen,
        listed.participants_professional,
        listed.participants_political,
        listed.participants_total,
    ) == (14, 1, 0, 15)
    assert (listed.carried, listed.kind, listed.initiated_by_side) == (
        False,
        DecisionKind.DECISION,
        Side.CITIZEN,
    )


def test_a_participant_named_twice_or_not_a_member_is_refused_and_nothing_written(
    world: World,
) -> None:
    twice = [
        services.Participant(world.member, Position.FOR),
        services.Participant(world.member, Position.AGAINST),
    ]
    with pytest.raises(ValidationError) as named_twice:
        _decision(world, participants=twice)
    assert named_twice.value.message_dict == {"participants": ["Mo Member is named twice."]}
    with pytest.raises(ValidationError) as outsider:
        _decision(world, participants=[services.Participant(world.outsider, Position.FOR)])
    assert outsider.value.message_dict == {
        "participants": ["That person is not an active member of this initiative."]
    }
    assert Decision.objects.count() == 0
    assert DecisionParticipant.objects.count() == 0


def test_an_exclusion_is_a_decision_of_its_kind(world: World) -> None:
    decision = _decision(
        world,
        kind=DecisionKind.EXCLUSION,
        rule=DecisionRule.DELEGATED,
        participants=[services.Participant(world.coordinator, Position.PRESENT)],
    )
    decision.refresh_from_db()
    assert (decision.kind, decision.participants_professional) == (DecisionKind.EXCLUSION, 1)


def test_participant_rows_are_append_only(world: World) -> None:
    decision = _decision(world, participants=[services.Participant(world.member, Position.FOR)])
    table = DecisionParticipant._meta.db_table
    change = f"UPDATE {table} SET position = 'against' WHERE decision_id = %s"  # noqa: S608
    with pytest.raises(Exception), transaction.atomic(), connection.cursor() as cursor:  # noqa: B017
        cursor.execute(change, [decision.pk])
    assert DecisionParticipant.objects.get(decision=decision).position == Position.FOR


def test_a_named_person_counts_as_one(world: World) -> None:
    decision = _decision(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionParticipant.objects.create(
            decision=decision, person=world.member, side=Side.CITIZEN, position="for", headcount=3
        )


def test_the_checked_door_keeps_head_counts_as_unnamed_rows(world: World) -> None:
    decision = services.decision_record(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=world.stage,
        title="Agree the rota",
        decided_by=DecidingBody.CITIZENS,
        rule=DecisionRule.CONSENSUS,
        decided_on=DAY,
        initiated_by_side=Side.CITIZEN,
        participants_citizen=7,
        participants_political=1,
    )
    assert list(decision.participants.values_list("person", "side", "position", "headcount")) == [
        (None, Side.CITIZEN, Position.PRESENT, 7),
        (None, Side.POLITICAL, Position.PRESENT, 1),
    ]
    assert decision.source_type is None and decision.source_label == ""


def test_a_stage_is_found_or_added_for_the_record_never_skipped(world: World) -> None:
    assert initiative_selectors.stage_of(world.initiative, StageKind.CO_PERFORMING) is None
    stage = initiative_services.do_stage_for_record(world.initiative, StageKind.CO_PERFORMING)
    assert (stage.initiative, stage.kind, stage.status) == (
        world.initiative,
        StageKind.CO_PERFORMING,
        "planned",
    )
    again = initiative_services.do_stage_for_record(world.initiative, StageKind.CO_PERFORMING)
    assert again.pk == stage.pk
    with pytest.raises(ValidationError) as wrong_kind:
        initiative_selectors.check_stage(world.initiative, stage, [StageKind.CO_ASSESSMENT])
    assert wrong_kind.value.message_dict == {
        "stage": ["Choose a stage of this kind: Co-assessment."]
    }
    with pytest.raises(ValidationError) as elsewhere:
        _contribution(world, stage=world.other_stage)
    assert elsewhere.value.message_dict == {"stage": ["That stage belongs to another initiative."]}


def test_the_api_shows_the_source_and_participants(world: World, api: APIClient) -> None:
    _decision(world, participants=[services.Participant(world.member, Position.FOR)])
    api.force_authenticate(world.member)
    answer = api.get(f"/api/v1/initiatives/{world.initiative.slug}/decisions/")
    entry = answer.json()["results"][0]
    assert entry["source"] == {"app": "initiatives", "model": "stage", "id": world.stage.pk}
    assert entry["participants"] == [
        {"person": "member", "side": "citizen", "position": "for", "headcount": 1}
    ]
    assert (entry["participants_citizen"], entry["carried"], entry["kind"]) == (1, True, "decision")


def test_a_stage_added_by_another_request_meanwhile_is_the_one_returned(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two requests find no stage and both add it: the second's insert fails on the unique
    kind, and it returns the first's stage instead of an error."""
    first = initiative_services.do_stage_for_record(world.initiative, StageKind.CO_DESIGN)
    looks = iter([None])
    real_stage_of = initiative_selectors.stage_of
    monkeypatch.setattr(
        initiative_selectors,
        "stage_of",
        lambda initiative, kind: next(looks, real_stage_of(initiative, kind)),
    )
    with transaction.atomic():
        second = initiative_services.do_stage_for_record(world.initiative, StageKind.CO_DESIGN)
    assert second.pk == first.pk
    assert world.initiative.stages.filter(kind=StageKind.CO_DESIGN).count() == 1
