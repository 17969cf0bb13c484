"""Journey maps' writes: stages in order, notes on the author's own side written to the
record as ideas, removal as a reversal, and bad input refused with nothing saved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import World
from coproduce.core.vocabulary import ContributionKind, Side, StageKind, Unit
from coproduce.journeymaps import services
from coproduce.journeymaps.models import JourneyNote, JourneyStage
from coproduce.journeymaps.tests.conftest import Journey, feel, note, residents, staff_members
from coproduce.record import services as record
from coproduce.record.models import Contribution
from coproduce.record.selectors import record_totals
from coproduce.record.tests.unlisted import assert_listed_to_contributor_alone


def names(journey: Journey) -> list[str]:
    return list(JourneyStage.objects.filter(journey_map=journey.map).values_list("name", flat=True))


def test_coordinators_add_rename_and_reorder_stages(world: World, journey: Journey) -> None:
    first, second, third = journey.stages
    services.journey_stage_move(actor=world.coordinator, stage=third, position=1)
    assert names(journey) == ["The repair is done", "Reporting the repair", "Waiting for the visit"]
    services.journey_stage_rename(actor=world.coordinator, stage=second, name="Waiting in")
    services.journey_stage_move(actor=world.staff, stage=first, position=3)
    assert names(journey) == ["The repair is done", "Waiting in", "Reporting the repair"]
    positions = JourneyStage.objects.filter(journey_map=journey.map).values_list(
        "position", flat=True
    )
    assert list(positions) == [1, 2, 3]


def test_a_member_cannot_manage_stages_and_nothing_changes(world: World, journey: Journey) -> None:
    with pytest.raises(PermissionDenied):
        services.journey_stage_add(actor=world.member, journey_map=journey.map, name="Extra")
    with pytest.raises(PermissionDenied):
        services.journey_stage_move(actor=world.member, stage=journey.stages[2], position=1)
    with pytest.raises(PermissionDenied):
        services.journey_stage_rename(actor=world.member, stage=journey.stages[0], name="X")
    assert names(journey) == ["Reporting the repair", "Waiting for the visit", "The repair is done"]


BAD_NAMES = [
    ("", "Give the stage a name."),
    ("x" * 121, "Write at most 120 characters (this has 121)."),
    ("waiting for the VISIT", "This map has a stage of that name already."),
    ("a\x00b", "Write plain text (no null characters)."),
]


def test_a_bad_stage_name_is_refused(world: World, journey: Journey) -> None:
    for name, message in BAD_NAMES:
        with pytest.raises(ValidationError) as error:
            services.journey_stage_add(actor=world.coordinator, journey_map=journey.map, name=name)
        assert error.value.message_dict == {"name": [message]}
        with pytest.raises(ValidationError) as error:
            services.journey_stage_rename(
                actor=world.coordinator, stage=journey.stages[0], name=name
            )
        assert error.value.message_dict == {"name": [message]}
    assert names(journey) == ["Reporting the repair", "Waiting for the visit", "The repair is done"]


def test_a_move_outside_the_journey_is_refused(world: World, journey: Journey) -> None:
    for position in (0, 4, -1, True, "2", 2.0):
        with pytest.raises(ValidationError) as error:
            services.journey_stage_move(
                actor=world.coordinator, stage=journey.stages[0], position=position
            )
        assert list(error.value.message_dict) == ["position"]
    assert names(journey) == ["Reporting the repair", "Waiting for the visit", "The repair is done"]


def test_a_note_takes_its_side_from_the_membership_and_is_an_idea_in_the_record(
    world: World, journey: Journey
) -> None:
    [officer] = staff_members(world, 1)
    resident = note(journey, world.member)
    staff = feel(journey, [officer], [1])[0]
    assert (resident.side, resident.status) == (Side.CITIZEN, "open")
    assert (staff.side, staff.feeling, staff.status) == (Side.REGULAR_PRODUCER, 1, "")
    entries = Contribution.objects.filter(source_id__in=[resident.pk, staff.pk]).order_by("pk")
    assert [
        (e.contributor_id, e.side, e.kind, e.quantity, e.unit, e.stage.kind, e.source)
        for e in entries
    ] == [
        (
            world.member.pk,
            Side.CITIZEN,
            ContributionKind.IDEA,
            1,
            Unit.COUNT,
            StageKind.CO_DESIGN,
            resident,
        ),
        (
            officer.pk,
            Side.REGULAR_PRODUCER,
            ContributionKind.IDEA,
            1,
            Unit.COUNT,
            StageKind.CO_DESIGN,
            staff,
        ),
    ]


def test_outsiders_cannot_add_notes(world: World, journey: Journey) -> None:
    for person in (world.outsider, world.other_coordinator, world.staff):
        with pytest.raises(PermissionDenied):
            note(journey, person)
    assert JourneyNote.objects.count() == 0
    assert Contribution.objects.filter(kind=ContributionKind.IDEA).count() == 0


BAD_NOTES = [
    ("feels", "Fine", 3, "feeling", services.NOT_A_FEELING),
    ("feels", "Fine", -3, "feeling", services.NOT_A_FEELING),
    ("feels", "Fine", None, "feeling", services.NOT_A_FEELING),
    ("feels", "Fine", "1", "feeling", services.NOT_A_FEELING),
    ("feels", "Fine", 1.5, "feeling", services.NOT_A_FEELING),
    ("pain_point", "Slow", 1, "feeling", services.NO_FEELING_HERE),
    ("pain_point", "   ", None, "text", "Write the note."),
    (
        "pain_point",
        "x" * 1001,
        None,
        "text",
        "Write at most 1,000 characters (this has 1,001).",
    ),
    ("pain_point", "a\ud800", None, "text", services.NOT_TEXT),
    (
        "grumble",
        "Slow",
        None,
        "kind",
        "Choose one of: touchpoint, does, thinks, feels, pain_point, idea.",
    ),
]


def test_bad_notes_are_refused_and_nothing_is_saved(world: World, journey: Journey) -> None:
    for kind, text, feeling, field, message in BAD_NOTES:
        with pytest.raises(ValidationError) as error:
            services.journey_note_add(
                actor=world.member,
                journey_map=journey.map,
                stage=journey.stages[0],
                kind=kind,
                text=text,
                feeling=feeling,
            )
        assert error.value.message_dict == {field: [message]}
    assert JourneyNote.objects.count() == 0
    assert Contribution.objects.filter(kind=ContributionKind.IDEA).count() == 0


def test_a_stage_of_another_map_is_refused(world: World, journey: Journey) -> None:
    other = services.journey_map_save(
        actor=world.coordinator, initiative=world.initiative, title="Moving in"
    )
    theirs = services.journey_stage_add(actor=world.coordinator, journey_map=other, name="Keys")
    for stage in (theirs, theirs.pk, 2**70, "1", None):
        with pytest.raises(ValidationError) as error:
            services.journey_note_add(
                actor=world.member, journey_map=journey.map, stage=stage, kind="idea", text="Hi"
            )
        assert error.value.message_dict == {"stage": [services.NO_SUCH_STAGE]}
    assert JourneyNote.objects.count() == 0


def test_one_feeling_per_person_per_stage_until_it_is_removed(
    world: World, journey: Journey
) -> None:
    [first] = feel(journey, [world.member], [-2])
    with pytest.raises(ValidationError) as error:
        feel(journey, [world.member], [-1])
    assert error.value.message_dict == {"feeling": [services.ONE_FEELING]}
    feel(journey, [world.member], [0], stage=1)  # another stage is another feeling
    services.journey_note_remove(actor=world.member, note=first)
    [again] = feel(journey, [world.member], [-1])
    assert again.feeling == -1
    assert JourneyNote.objects.filter(removed_at__isnull=True, kind="feels").count() == 2


def test_removing_a_note_reverses_its_entry_and_keeps_the_note(
    world: World, journey: Journey
) -> None:
    mine = note(journey, world.member)
    services.journey_note_remove(actor=world.member, note=mine)
    mine.refresh_from_db()
    assert mine.removed_by == world.member and mine.removed_at is not None
    entries = Contribution.objects.filter(source_id=mine.pk, kind=ContributionKind.IDEA)
    assert sorted(e.quantity for e in entries) == [-1, 1]
    reversal = entries.get(quantity=-1)
    assert reversal.reason == services.REMOVED_BY_AUTHOR
    with pytest.raises(ValidationError):
        services.journey_note_remove(actor=world.member, note=mine)
    assert entries.count() == 2


def test_a_note_whose_entry_was_reversed_first_is_still_removed(
    world: World, journey: Journey
) -> None:
    """Its author recorded the entry and may reverse it in the record; the note must still
    come off the map, with no second reversal."""
    theirs = note(journey, world.member)
    entries = Contribution.objects.filter(source_id=theirs.pk, kind=ContributionKind.IDEA)
    record.contribution_reverse(actor=world.member, contribution=entries.get(), reason="Oops")
    removed = services.journey_note_remove(
        actor=world.coordinator, note=theirs, reason="Names a neighbour"
    )
    assert (removed.removed_by, removed.removed_at is not None) == (world.coordinator, True)
    assert sorted(e.quantity for e in entries) == [-1, 1]


def test_only_its_author_or_a_coordinator_removes_a_note(world: World, journey: Journey) -> None:
    [other] = residents(world, 1)
    theirs = note(journey, other)
    for person in (world.member, world.outsider, world.other_coordinator):
        with pytest.raises(PermissionDenied):
            services.journey_note_remove(actor=person, note=theirs, reason="Off topic")
    with pytest.raises(ValidationError) as error:
        services.journey_note_remove(actor=world.coordinator, note=theirs)
    assert error.value.message_dict == {"reason": ["Say why you are removing someone else's note."]}
    assert JourneyNote.objects.get(pk=theirs.pk).removed_at is None
    services.journey_note_remove(actor=world.coordinator, note=theirs, reason="Names a neighbour")
    reversal = Contribution.objects.get(source_id=theirs.pk, quantity=-1)
    assert (reversal.reason, reversal.recorded_by) == ("Names a neighbour", world.coordinator)


def test_coordinators_mark_a_pain_point_taken_up(world: World, journey: Journey) -> None:
    pain = note(journey, world.member)
    with pytest.raises(PermissionDenied):
        services.pain_point_mark(actor=world.member, note=pain, status="taken_up")
    assert JourneyNote.objects.get(pk=pain.pk).status == "open"
    services.pain_point_mark(actor=world.coordinator, note=pain, status="taken_up")
    assert JourneyNote.objects.get(pk=pain.pk).status == "taken_up"
    idea = note(journey, world.member, kind="idea")
    with pytest.raises(ValidationError):
        services.pain_point_mark(actor=world.coordinator, note=idea, status="taken_up")
    with pytest.raises(ValidationError):
        services.pain_point_mark(actor=world.coordinator, note=pain, status="done")


def test_map_titles_are_the_initiatives_once(world: World, journey: Journey) -> None:
    with pytest.raises(ValidationError) as error:
        services.journey_map_save(
            actor=world.coordinator, initiative=world.initiative, title="getting a repair DONE"
        )
    assert error.value.message_dict == {
        "title": ["This initiative has a journey map of that title already."]
    }
    with pytest.raises(PermissionDenied):
        services.journey_map_save(actor=world.member, initiative=world.initiative, title="Mine")


def test_a_coordinator_names_editors_who_then_manage_the_stages(
    world: World, journey: Journey
) -> None:
    with pytest.raises(ValidationError) as error:
        services.journey_map_save(
            actor=world.coordinator,
            initiative=world.initiative,
            journey_map=journey.map,
            title=journey.map.title,
            editors=[world.member, world.outsider],
        )
    assert error.value.message_dict == {"editors": [services.NOT_AN_EDITOR]}
    assert list(journey.map.editors.all()) == []
    services.journey_map_save(
        actor=world.coordinator,
        initiative=world.initiative,
        journey_map=journey.map,
        title=journey.map.title,
        editors=[world.member],
    )
    services.journey_stage_add(actor=world.member, journey_map=journey.map, name="Feedback")
    services.journey_stage_move(actor=world.member, stage=journey.stages[2], position=1)
    assert names(journey) == [
        "The repair is done",
        "Reporting the repair",
        "Waiting for the visit",
        "Feedback",
    ]
    with pytest.raises(PermissionDenied):  # an editor manages stages, not the map
        services.journey_map_save(
            actor=world.member, initiative=world.initiative, journey_map=journey.map, title="X"
        )


def test_a_notes_entry_in_the_record_is_listed_to_its_author_alone(
    world: World, journey: Journey
) -> None:
    """The notes name their authors to active members only; the record's entry would name
    them to every reader of the record, so others count it in the totals only."""
    written = note(journey, world.member)
    entry = Contribution.objects.get(source_id=written.pk, kind=ContributionKind.IDEA)
    assert_listed_to_contributor_alone(
        entry, [None, world.outsider, world.coordinator, world.staff], "Journey map note"
    )
    ideas = {row.key: row.count for row in record_totals(world.initiative)["stage"]}
    assert ideas["co_design"] == 1
