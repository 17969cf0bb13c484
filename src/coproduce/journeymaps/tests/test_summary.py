"""The per-side figures of each stage: a side's mean feeling from three people up, pain
points counted by side, and the "seen differently" marker at two points apart."""

from fractions import Fraction

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import Role, Side
from coproduce.journeymaps import selectors, services
from coproduce.journeymaps.tests.conftest import Journey, feel, note, residents, staff_members


def figures(journey: Journey, stage: int = 0) -> dict[str, tuple[int, Fraction | None, int]]:
    view = selectors.grid(journey.map)[stage]
    return {f.side: (f.feelings, f.mean, f.pain_points) for f in view.sides}


def test_a_sides_mean_shows_from_three_people(world: World, journey: Journey) -> None:
    people = residents(world, 3)
    feel(journey, people[:2], [-2, -1])
    assert figures(journey)["citizen"] == (2, None, 0)
    feel(journey, people[2:], [-2])
    assert figures(journey)["citizen"] == (3, Fraction(-5, 3), 0)
    view = selectors.grid(journey.map)[0]
    assert view.sides[0].mean_shown == "-1.7 (very bad)"


def test_sides_two_points_apart_are_seen_differently(world: World, journey: Journey) -> None:
    feel(journey, residents(world, 3), [-2, -1, -1])  # -4/3
    officers = staff_members(world, 3)
    feel(journey, officers, [1, 0, 0])  # 1/3: 5/3 apart, not yet 2
    assert [v.seen_differently for v in selectors.grid(journey.map)] == [False, False, False]
    feel(journey, officers, [1, 1, 1], stage=1)
    feel(journey, residents(world, 3, prefix="later"), [-1, -1, 0], stage=1)  # 1 - (-2/3)
    assert [v.seen_differently for v in selectors.grid(journey.map)] == [False, False, False]
    feel(journey, [world.member], [-2], stage=1)  # -4/4 = -1: exactly 2 apart
    assert [v.seen_differently for v in selectors.grid(journey.map)] == [False, True, False]
    assert selectors.differences(selectors.grid(journey.map)) == 1


def test_a_hidden_mean_never_marks_a_stage(world: World, journey: Journey) -> None:
    feel(journey, residents(world, 2), [-2, -2])
    feel(journey, staff_members(world, 3), [2, 2, 2])
    view = selectors.grid(journey.map)[0]
    assert [(f.side, f.mean) for f in view.sides] == [("citizen", None), ("regular_producer", 2)]
    assert view.seen_differently is False


def test_pain_points_are_counted_by_side_and_removed_ones_are_not(
    world: World, journey: Journey
) -> None:
    [officer] = staff_members(world, 1)
    note(journey, world.member)
    note(journey, world.member)
    note(journey, officer)
    note(journey, officer, kind="idea")
    gone = note(journey, officer)
    services.journey_note_remove(actor=officer, note=gone)
    assert figures(journey) == {"citizen": (0, None, 2), "regular_producer": (0, None, 1)}
    view = selectors.grid(journey.map)[0]
    assert [(kind, len(notes)) for kind, _, notes in view.kinds] == [
        ("touchpoint", 0),
        ("does", 0),
        ("thinks", 0),
        ("feels", 0),
        ("pain_point", 3),
        ("idea", 1),
    ]


def test_the_political_side_shows_only_where_it_wrote(world: World, journey: Journey) -> None:
    assert [f.side for f in selectors.grid(journey.map)[0].sides] == ["citizen", "regular_producer"]
    councillor = make_user("cllr", display_name="Cllr Jones")
    add_member(world.initiative, councillor, side=Side.POLITICAL, role=Role.COUNCILLOR)
    note(journey, councillor, kind="idea", stage=2)
    sides = [f.side for f in selectors.grid(journey.map)[0].sides]
    assert sides == ["citizen", "regular_producer", "political"]
