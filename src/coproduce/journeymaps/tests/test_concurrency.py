"""Journey maps under concurrent requests on PostgreSQL: one feeling per person per stage,
stages added at once get places of their own, a note removed twice at once is reversed
once."""

from typing import Any

from django.core.exceptions import ValidationError

from conftest import add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.journeymaps import services
from coproduce.journeymaps.models import JourneyNote, JourneyStage
from coproduce.record.models import Contribution

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


def _map(transactional_db: Any) -> tuple[Any, Any, Any]:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    member = make_user("member")
    add_member(initiative, member)
    journey_map = services.journey_map_save(
        actor=coordinator, initiative=initiative, title="Repairs"
    )
    return coordinator, member, journey_map


def test_one_person_feeling_ten_times_at_once_has_one_feeling(transactional_db: Any) -> None:
    coordinator, member, journey_map = _map(transactional_db)
    stage = services.journey_stage_add(actor=coordinator, journey_map=journey_map, name="Waiting")
    results = hammer(
        10,
        lambda i: services.journey_note_add(
            actor=member, journey_map=journey_map, stage=stage, kind="feels", text="Bad", feeling=-1
        ),
    )
    assert sum(isinstance(r, JourneyNote) for r in results) == 1
    assert all(isinstance(r, (JourneyNote, ValidationError)) for r in results), results
    assert JourneyNote.objects.count() == 1
    assert Contribution.objects.filter(kind="idea").count() == 1


def test_stages_added_at_once_each_get_their_own_place(transactional_db: Any) -> None:
    coordinator, _, journey_map = _map(transactional_db)
    results = hammer(
        8,
        lambda i: services.journey_stage_add(
            actor=coordinator, journey_map=journey_map, name=f"Stage {i}"
        ),
    )
    assert all(isinstance(r, JourneyStage) for r in results), results
    positions = JourneyStage.objects.values_list("position", flat=True)
    assert sorted(positions) == list(range(1, 9))


def test_a_note_removed_twice_at_once_is_reversed_once(transactional_db: Any) -> None:
    coordinator, member, journey_map = _map(transactional_db)
    stage = services.journey_stage_add(actor=coordinator, journey_map=journey_map, name="Waiting")
    note = services.journey_note_add(
        actor=member, journey_map=journey_map, stage=stage, kind="idea", text="Text me"
    )
    results = hammer(
        6, lambda i: services.journey_note_remove(actor=member, note=note, reason="Mine")
    )
    assert sum(isinstance(r, JourneyNote) for r in results) == 1, results
    assert Contribution.objects.filter(source_id=note.pk, quantity=-1).count() == 1
