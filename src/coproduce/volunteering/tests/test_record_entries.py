"""Approved hours enter the record through its door, traced back to the hours log; whether
the volunteer is still a member is asked of their standing, once a request."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import add_member, make_user
from coproduce.core.capabilities import Writes
from coproduce.core.memo import request_scope
from coproduce.core.vocabulary import Role, Side, StageKind
from coproduce.initiatives import services as initiatives
from coproduce.record.models import Contribution
from coproduce.timecredits.models import Account
from coproduce.volunteering import services
from coproduce.volunteering.apps import VolunteeringConfig
from coproduce.volunteering.models import HoursLog
from coproduce.volunteering.tests.conftest import Rota, start_shift


def test_approved_hours_are_a_contribution_whose_source_is_the_hours_log(rota: Rota) -> None:
    coordinator, person = rota.world.coordinator, rota.volunteers[0]
    sign_up = services.shift_sign_up(actor=person, shift=rota.shift)
    start_shift(rota.shift)
    log = services.attendance_record(actor=coordinator, sign_up=sign_up, attended=True)
    assert log is not None
    approved = services.hours_decide(actor=coordinator, log=log, approve=True)
    entry = Contribution.objects.get()
    assert approved.contribution == entry
    assert Contribution.objects.values_list(
        "source_type__app_label", "source_type__model", "source_id"
    ).get() == (
        "volunteering",
        "hourslog",
        log.pk,
    )
    assert entry.source == log
    assert (entry.contributor, entry.recorded_by, entry.stage, entry.side) == (
        person,
        coordinator,
        rota.opportunity.stage,
        "citizen",
    )
    assert (entry.kind, entry.quantity, entry.unit, entry.paid) == ("time", 180, "minutes", False)
    worked_on = timezone.localtime(rota.shift.starts_at).date()
    assert (entry.occurred_on, entry.description) == (
        worked_on,
        f"Community shop counter on {worked_on:%d %b %Y}",
    )


def test_the_capability_declares_the_source_it_stores() -> None:
    assert VolunteeringConfig.capability.writes == (
        Writes(
            source="volunteering.HoursLog",
            entry="contribution",
            stages=(StageKind.CO_PERFORMING, StageKind.CO_MANAGEMENT),
            kinds=("time",),
            summary="Hours approved by a coordinator or confirmed by the person served: "
            "the volunteer's time, in the opportunity's stage.",
        ),
    )
    assert apps.get_model("volunteering.HoursLog") is HoursLog


def test_a_professionals_volunteered_hours_are_given_time_not_paid(rota: Rota) -> None:
    """The door counts a professional's minutes as paid staff time unless told; hours
    given as a volunteer, which earn credit, are not."""
    officer = make_user("officer")
    add_member(
        rota.world.initiative, officer, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL
    )
    log = services.hours_log(
        actor=officer,
        opportunity=rota.opportunity,
        minutes=90,
        worked_on=timezone.localdate(),
    )
    services.hours_decide(actor=rota.world.coordinator, log=log, approve=True)
    entry = Contribution.objects.get()
    assert (entry.contributor, entry.side, entry.quantity, entry.paid) == (
        officer,
        "regular_producer",
        90,
        False,
    )
    assert Contribution.objects.values_list(
        "source_type__app_label", "source_type__model", "source_id"
    ).get() == ("volunteering", "hourslog", log.pk)


def test_hours_of_someone_who_left_are_refused_in_the_same_request(rota: Rota) -> None:
    """The standing read for the request is forgotten when the volunteer leaves, so the
    approval that follows in the same request sees them gone and writes nothing."""
    person = rota.volunteers[0]
    log = services.hours_log(
        actor=person, opportunity=rota.opportunity, minutes=45, worked_on=timezone.localdate()
    )
    with request_scope():
        services.hours_log(  # reads and remembers the volunteer's standing: active
            actor=person, opportunity=rota.opportunity, minutes=5, worked_on=timezone.localdate()
        )
        initiatives.membership_leave(actor=person, initiative=rota.world.initiative)
        with pytest.raises(ValidationError) as refused:
            services.hours_decide(actor=rota.world.coordinator, log=log, approve=True)
    assert refused.value.message_dict == {
        "hours": ["Volunteer 0 is no longer a member of this initiative."]
    }
    assert HoursLog.objects.get(pk=log.pk).status == "pending"
    assert (Contribution.objects.count(), Account.objects.count()) == (0, 0)


def test_approving_hours_reads_each_persons_standing_once_a_request(rota: Rota) -> None:
    """The gate (the approver), the member check, the credit account and the record's door
    (the volunteer) all ask; two reads of memberships answer them all."""
    log = services.hours_log(
        actor=rota.volunteers[0],
        opportunity=rota.opportunity,
        minutes=60,
        worked_on=timezone.localdate(),
    )
    with request_scope(), CaptureQueriesContext(connection) as queries:
        services.hours_decide(actor=rota.world.coordinator, log=log, approve=True)
    reads = [q["sql"] for q in queries.captured_queries if "initiatives_membership" in q["sql"]]
    assert len(reads) == 2
    assert Contribution.objects.get().quantity == 60


def test_a_served_member_is_named_by_standing_and_a_former_member_is_refused(
    rota: Rota,
) -> None:
    helper, helped = rota.volunteers[0], rota.volunteers[1]
    initiatives.membership_leave(actor=helped, initiative=rota.world.initiative)
    with pytest.raises(ValidationError) as refused:
        services.hours_log(
            actor=helper,
            opportunity=rota.opportunity,
            minutes=30,
            worked_on=timezone.localdate(),
            served=helped,
        )
    assert refused.value.message_dict == {
        "served": ["No member of this initiative has that username."]
    }
    assert HoursLog.objects.count() == 0


def test_an_opportunity_takes_only_a_delivery_stage_of_its_own_initiative(rota: Rota) -> None:
    world = rota.world
    fields = {"title": "Gardening", "role": "Dig", "description": "Dig the beds."}
    with pytest.raises(ValidationError) as elsewhere:
        services.opportunity_create(
            actor=world.coordinator, initiative=world.initiative, stage=world.other_stage, **fields
        )
    assert elsewhere.value.message_dict == {"stage": ["That stage belongs to another initiative."]}
    with pytest.raises(ValidationError) as wrong_kind:
        services.opportunity_create(
            actor=world.coordinator, initiative=world.initiative, stage=world.stage, **fields
        )
    assert wrong_kind.value.message_dict == {
        "stage": ["Choose a stage of this kind: Co-performing or Co-management."]
    }
    management = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind=StageKind.CO_MANAGEMENT
    )
    made = services.opportunity_create(
        actor=world.coordinator, initiative=world.initiative, stage=management, **fields
    )
    assert (made.stage.kind, made.title) == ("co_management", "Gardening")
