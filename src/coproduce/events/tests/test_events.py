"""Events: creating them, registering with a waiting list, attendance into the record,
and the outputs (notes, dot-voting)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coproduce.events import selectors, services
from coproduce.events.models import Attendance, DotVote, Event, Registration
from coproduce.events.tests.conftest import Workshop, add_professional, hold
from coproduce.record import services as record
from coproduce.record.models import Contribution

pytestmark = pytest.mark.django_db


def _fields(workshop: Workshop, **changes: object) -> dict:
    starts = timezone.now() + datetime.timedelta(days=3)
    fields = {
        "format": "open_space",
        "title": "Open Space",
        "description": "What matters to you?",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=3),
        "place": "Library",
        "capacity": 20,
    }
    return fields | changes


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": 1001}, "capacity"),
        ({"online_link": "javascript:alert(1)"}, "online_link"),
        ({"online_link": "ftp://example.org/x"}, "online_link"),
        ({"place": "", "online_link": ""}, "place"),
        ({"support": ["teleport"]}, "support"),
        ({"format": "rave"}, "format"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_bad_events_are_refused_naming_the_field(workshop: Workshop, changes, field) -> None:
    world = workshop.world
    with pytest.raises(ValidationError) as error:
        services.event_create(
            actor=world.coordinator,
            initiative=world.initiative,
            stage=workshop.event.stage,
            **_fields(workshop, **changes),
        )
    assert field in error.value.message_dict
    assert Event.objects.count() == 1


def test_event_times_must_be_in_order_and_plausible(workshop: Workshop) -> None:
    world, starts = workshop.world, timezone.now() + datetime.timedelta(days=3)
    cases = [
        ({"ends_at": starts - datetime.timedelta(minutes=1)}, "ends_at"),
        ({"ends_at": starts + datetime.timedelta(hours=25)}, "ends_at"),
        ({"starts_at": starts.replace(year=1999)}, "starts_at"),
        ({"starts_at": starts + datetime.timedelta(days=365 * 11)}, "starts_at"),
    ]
    for changes, field in cases:
        fields = _fields(workshop, **{"starts_at": starts, **changes})
        with pytest.raises(ValidationError) as error:
            services.event_create(
                actor=world.coordinator,
                initiative=world.initiative,
                stage=workshop.event.stage,
                **fields,
            )
        assert field in error.value.message_dict, changes


def test_only_coordinators_plan_events(workshop: Workshop) -> None:
    world = workshop.world
    for person in (world.member, world.staff, world.other_coordinator):
        with pytest.raises(PermissionDenied):
            services.event_create(
                actor=person,
                initiative=world.initiative,
                stage=workshop.event.stage,
                **_fields(workshop),
            )
    assert Event.objects.count() == 1


def test_a_stage_of_another_initiative_is_refused(workshop: Workshop) -> None:
    world = workshop.world
    with pytest.raises(ValidationError) as error:
        services.event_create(
            actor=world.coordinator,
            initiative=world.initiative,
            stage=world.other_stage,
            **_fields(workshop),
        )
    assert "stage" in error.value.message_dict


def test_full_event_puts_people_on_a_waiting_list_promoted_in_order(workshop: Workshop) -> None:
    event, (a, b, c) = workshop.event, workshop.residents
    member = workshop.world.member
    statuses = [services.event_register(actor=p, event=event).status for p in (a, b, c, member)]
    assert statuses == ["registered", "registered", "waiting", "waiting"]
    waiting_c = Registration.objects.get(person=c)
    assert selectors.waiting_position(waiting_c) == 1
    assert selectors.waiting_position(Registration.objects.get(person=member)) == 2
    moved = services.registration_cancel(actor=a, registration=Registration.objects.get(person=a))
    assert moved is not None and moved.person == c
    assert dict(Registration.objects.values_list("person__username", "status")) == {
        "r0": "cancelled",
        "r1": "registered",
        "r2": "registered",
        "member": "waiting",
    }
    assert selectors.waiting_position(Registration.objects.get(person=member)) == 1


def test_leaving_the_waiting_list_promotes_no_one(workshop: Workshop) -> None:
    event, (a, b, c) = workshop.event, workshop.residents
    for person in (a, b, c):
        services.event_register(actor=person, event=event)
    assert (
        services.registration_cancel(actor=c, registration=Registration.objects.get(person=c))
        is None
    )
    assert Registration.objects.filter(status="registered").count() == 2


def test_registering_twice_is_refused_and_again_after_cancelling_is_allowed(
    workshop: Workshop,
) -> None:
    event, person = workshop.event, workshop.residents[0]
    services.event_register(actor=person, event=event)
    with pytest.raises(ValidationError):
        services.event_register(actor=person, event=event)
    mine = Registration.objects.get()
    services.registration_cancel(actor=person, registration=mine)
    assert services.event_register(actor=person, event=event).status == "registered"
    assert Registration.objects.count() == 1


def test_only_members_register_and_not_once_started(workshop: Workshop) -> None:
    world = workshop.world
    with pytest.raises(PermissionDenied):
        services.event_register(actor=world.outsider, event=workshop.event)
    hold(workshop.event)
    with pytest.raises(ValidationError):
        services.event_register(actor=world.member, event=workshop.event)
    assert Registration.objects.count() == 0


def test_someone_else_cannot_cancel_a_registration(workshop: Workshop) -> None:
    a, b = workshop.residents[:2]
    mine = services.event_register(actor=a, event=workshop.event)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=b, registration=mine)
    mine.refresh_from_db()
    assert mine.status == "registered"


def test_access_needs_are_checked_and_kept(workshop: Workshop) -> None:
    person = workshop.residents[0]
    with pytest.raises(ValidationError) as error:
        services.event_register(actor=person, event=workshop.event, access_needs=["jetpack"])
    assert "access_needs" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.event_register(actor=person, event=workshop.event, access_notes="x" * 1001)
    assert "access_notes" in error.value.message_dict
    done = services.event_register(
        actor=person,
        event=workshop.event,
        access_needs=["bsl", "bsl", "childcare"],
        access_notes=" Two children ",
    )
    assert (done.access_needs, done.access_notes) == (["bsl", "childcare"], "Two children")


def test_more_places_move_the_waiting_list_up_and_fewer_than_taken_are_refused(
    workshop: Workshop,
) -> None:
    event, world = workshop.event, workshop.world
    for person in workshop.residents:
        services.event_register(actor=person, event=event)
    with pytest.raises(ValidationError) as error:
        services.event_update(actor=world.coordinator, event=event, capacity=1)
    assert error.value.message_dict == {
        "capacity": ["2 people have places already; give at least 2."]
    }
    services.event_update(actor=world.coordinator, event=event, capacity=5)
    assert Registration.objects.filter(status="registered").count() == 3


def test_attendance_writes_each_attendees_time_on_their_side(workshop: Workshop) -> None:
    world, event = workshop.world, workshop.event
    resident = workshop.residents[0]
    professional = add_professional(world)
    services.event_register(actor=resident, event=event)
    hold(event)
    taken = services.attendance_take(
        actor=world.coordinator, event=event, present={resident: None, professional: 45}
    )
    assert [(a.person, a.minutes, a.walk_in) for a in taken] == [
        (resident, 120, False),
        (professional, 45, True),
    ]
    rows = Contribution.objects.order_by("pk").values_list(
        "contributor__username", "side", "paid", "kind", "quantity", "unit", "stage__kind"
    )
    assert list(rows) == [
        ("r0", "citizen", False, "time", 120, "minutes", "co_planning"),
        ("pro", "regular_producer", True, "time", 45, "minutes", "co_planning"),
    ]
    contribution = Contribution.objects.get(contributor=resident)
    assert contribution.source_type is not None
    assert (contribution.source_type.model, contribution.source_id) == (
        "attendance",
        taken[0].pk,
    )


def test_correcting_attendance_reverses_the_entry_and_never_edits_it(workshop: Workshop) -> None:
    world, event, resident = workshop.world, workshop.event, workshop.residents[0]
    services.event_register(actor=resident, event=event)
    hold(event)
    first = services.attendance_take(
        actor=world.coordinator, event=event, present={resident: None}
    )[0]
    services.attendance_take(actor=world.coordinator, event=event, present={resident: None})
    assert Contribution.objects.count() == 1  # the same again changes nothing
    services.attendance_take(actor=world.coordinator, event=event, present={resident: 60})
    services.attendance_take(actor=world.coordinator, event=event, present={}, absent=[resident])
    quantities = list(Contribution.objects.order_by("pk").values_list("quantity", "reverses_id"))
    original = first.contribution_id
    second = Contribution.objects.get(quantity=60).pk
    assert quantities == [(120, None), (-120, original), (60, None), (-60, second)]
    assert Attendance.objects.filter(withdrawn_at__isnull=True).count() == 0
    assert sum(Contribution.objects.values_list("quantity", flat=True)) == 0


def test_attendance_is_refused_before_the_start_and_for_bad_minutes(workshop: Workshop) -> None:
    world, event, resident = workshop.world, workshop.event, workshop.residents[0]
    with pytest.raises(ValidationError):
        services.attendance_take(actor=world.coordinator, event=event, present={resident: None})
    hold(event)
    for minutes in (0, -5, 121):
        with pytest.raises(ValidationError) as error:
            services.attendance_take(
                actor=world.coordinator, event=event, present={resident: minutes}
            )
        assert "minutes" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.attendance_take(
            actor=world.coordinator, event=event, present={world.outsider: None}
        )
    assert Contribution.objects.count() == 0


def test_named_facilitators_take_attendance_and_other_members_cannot(workshop: Workshop) -> None:
    world, event = workshop.world, workshop.event
    facilitator, other = workshop.residents[:2]
    services.event_update(actor=world.coordinator, event=event, facilitators=[facilitator])
    hold(event)
    with pytest.raises(PermissionDenied):
        services.attendance_take(actor=other, event=event, present={other: None})
    with pytest.raises(PermissionDenied):
        services.attendance_take(actor=world.staff, event=event, present={other: None})
    services.attendance_take(actor=facilitator, event=event, present={other: None})
    assert Contribution.objects.get().recorded_by == facilitator


def test_a_facilitator_must_be_a_member(workshop: Workshop) -> None:
    world = workshop.world
    with pytest.raises(ValidationError) as error:
        services.event_update(
            actor=world.coordinator, event=workshop.event, facilitators=[world.outsider]
        )
    assert "facilitators" in error.value.message_dict


def _voting(workshop: Workshop) -> list:
    world, event = workshop.world, workshop.event
    hold(event)
    services.attendance_take(
        actor=world.coordinator, event=event, present={p: None for p in workshop.residents}
    )
    return services.dot_voting_set_up(
        actor=world.coordinator,
        event=event,
        dots_per_person=3,
        options=["Benches", "Lighting", " ", "Trees"],
    )


def test_dot_voting_counts_per_attendee_and_shows_totals(workshop: Workshop) -> None:
    world, event = workshop.world, workshop.event
    benches, lighting, trees = _voting(workshop)
    a, b, c = workshop.residents
    enter = services.dots_enter
    enter(actor=world.coordinator, event=event, person=a, counts={benches.pk: 2, lighting.pk: 1})
    enter(actor=world.coordinator, event=event, person=b, counts={lighting.pk: 3})
    enter(actor=world.coordinator, event=event, person=c, counts={trees.pk: 1, benches.pk: 0})
    enter(actor=world.coordinator, event=event, person=c, counts={trees.pk: 2})  # corrected
    event.refresh_from_db()
    results = selectors.dot_results(event)
    assert results is not None
    assert results.options == [("Lighting", 4), ("Benches", 2), ("Trees", 2)]
    assert (results.voters, results.dots_per_person) == (3, 3)
    assert [bar.length for bar in results.chart] == ["100.00", "50.00", "50.00"]


def test_dots_over_the_allowance_or_from_non_attendees_are_refused(workshop: Workshop) -> None:
    world, event = workshop.world, workshop.event
    benches, lighting, _ = _voting(workshop)
    a = workshop.residents[0]
    bad = [
        (a, {benches.pk: 2, lighting.pk: 2}),
        (a, {benches.pk: -1}),
        (a, {benches.pk: 4}),
        (a, {999999: 1}),
        (world.member, {benches.pk: 1}),
    ]
    for person, counts in bad:
        with pytest.raises(ValidationError):
            services.dots_enter(actor=world.coordinator, event=event, person=person, counts=counts)
    assert DotVote.objects.count() == 0
    services.dots_enter(actor=world.coordinator, event=event, person=a, counts={benches.pk: 1})
    with pytest.raises(ValidationError) as error:
        services.dot_voting_set_up(
            actor=world.coordinator, event=event, dots_per_person=2, options=["A", "B"]
        )
    assert "options" in error.value.message_dict


@pytest.mark.parametrize(
    ("dots", "options", "field"),
    [
        (0, ["A", "B"], "dots_per_person"),
        (21, ["A", "B"], "dots_per_person"),
        (3, ["A"], "options"),
        (3, ["A", "A"], "options"),
    ],
)
def test_dot_voting_set_up_is_checked(workshop: Workshop, dots, options, field) -> None:
    with pytest.raises(ValidationError) as error:
        services.dot_voting_set_up(
            actor=workshop.world.coordinator,
            event=workshop.event,
            dots_per_person=dots,
            options=options,
        )
    assert field in error.value.message_dict


def test_notes_are_kept_as_plain_text(workshop: Workshop) -> None:
    event = services.notes_set(
        actor=workshop.world.coordinator, event=workshop.event, notes="  Agreed:\n<b>benches</b>  "
    )
    assert event.notes == "Agreed:\n<b>benches</b>"
    with pytest.raises(PermissionDenied):
        services.notes_set(actor=workshop.world.member, event=workshop.event, notes="mine")
    event.refresh_from_db()
    assert event.notes == "Agreed:\n<b>benches</b>"


def test_a_facilitator_corrects_what_they_recorded_but_not_a_coordinators_entry(
    workshop: Workshop,
) -> None:
    world, event = workshop.world, workshop.event
    facilitator, resident = workshop.residents[:2]
    services.event_update(actor=world.coordinator, event=event, facilitators=[facilitator])
    hold(event)
    services.attendance_take(actor=facilitator, event=event, present={resident: None})
    services.attendance_take(actor=facilitator, event=event, present={resident: 30})
    assert list(Contribution.objects.order_by("pk").values_list("quantity", flat=True)) == [
        120,
        -120,
        30,
    ]
    services.attendance_take(actor=world.coordinator, event=event, present={facilitator: None})
    with pytest.raises(PermissionDenied):
        services.attendance_take(actor=facilitator, event=event, present={}, absent=[facilitator])
    assert Contribution.objects.count() == 4
    assert Attendance.objects.filter(withdrawn_at__isnull=True).count() == 2


def test_attendance_whose_entry_was_reversed_in_the_record_is_still_corrected(
    workshop: Workshop,
) -> None:
    """A coordinator who reversed someone's time in the record first must still be able to
    mark them absent or give them other minutes: the entry is not reversed twice."""
    world, event, resident = workshop.world, workshop.event, workshop.residents[0]
    hold(event)
    first = services.attendance_take(
        actor=world.coordinator, event=event, present={resident: None}
    )[0]
    assert first.contribution is not None
    record.contribution_reverse(
        actor=world.coordinator, contribution=first.contribution, reason="Left at once"
    )
    services.attendance_take(actor=world.coordinator, event=event, present={resident: 45})
    services.attendance_take(actor=world.coordinator, event=event, present={}, absent=[resident])
    rows = list(Contribution.objects.order_by("pk").values_list("quantity", "reverses_id"))
    second = Contribution.objects.get(quantity=45).pk
    assert rows == [
        (120, None),
        (-120, first.contribution_id),
        (45, None),
        (-45, second),
    ]
    assert Attendance.objects.filter(withdrawn_at__isnull=True).count() == 0
