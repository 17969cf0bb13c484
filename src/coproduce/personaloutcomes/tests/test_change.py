"""The change across people: per domain, among people with two readings or more, counted
in SQL, and nothing shown under five people."""

import datetime

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives.models import Membership
from coproduce.personaloutcomes import services
from coproduce.personaloutcomes.selectors import change_across_people
from coproduce.personaloutcomes.tests.people import Setup, set_up

DAY = datetime.date(2026, 1, 10)


def _people_read(world: World, setup: Setup, series: list[list[tuple[int, int, int]]]) -> None:
    """One new member per series, each reading in turn a month apart, entered by the worker."""
    domains = [d.pk for d in setup.scale.domains.all()]
    for number, readings in enumerate(series):
        person = make_user(f"person{number}")
        add_member(world.initiative, person)
        services.pairing_make(
            actor=world.coordinator, initiative=world.initiative, person=person, worker=setup.worker
        )
        membership = Membership.objects.get(initiative=world.initiative, user=person)
        for month, scores in enumerate(readings):
            services.reading_take(
                actor=setup.worker,
                membership=membership,
                taken_on=DAY + datetime.timedelta(days=30 * month),
                scores=dict(zip(domains, scores, strict=True)),
            )


def test_five_people_show_the_mean_change_and_how_many_moved_each_way(world: World) -> None:
    setup = set_up(world)
    _people_read(
        world,
        setup,
        [
            [(3, 5, 5), (4, 5, 5), (6, 5, 4)],  # +3, 0, -1
            [(2, 5, 5), (4, 6, 5)],  # +2, +1, 0
            [(5, 5, 5), (5, 4, 6)],  # 0, -1, +1
            [(7, 5, 5), (6, 5, 7)],  # -1, 0, +2
            [(1, 1, 1), (2, 1, 4)],  # +1, 0, +3
            [(9, 9, 9)],  # one reading: no change yet
        ],
    )
    found = {c.domain.name: c for c in change_across_people(setup.scale)}
    money, skills, friends = found["Managing money"], found["Living skills"], found["Friends"]
    assert (money.people, money.mean_change, money.improved, money.same, money.worse) == (
        5,
        1.0,
        3,
        1,
        1,
    )
    assert (skills.people, skills.mean_change, skills.improved, skills.same, skills.worse) == (
        5,
        0.0,
        1,
        3,
        1,
    )
    assert (friends.people, friends.mean_change, friends.improved, friends.same) == (5, 1.0, 3, 1)
    assert friends.worse == 1


def test_under_five_people_shows_no_figures(world: World) -> None:
    setup = set_up(world)
    _people_read(world, setup, [[(3, 5, 5), (4, 5, 5)]] * 4 + [[(1, 1, 1)]])
    changes = change_across_people(setup.scale)
    assert [(c.suppressed, c.people, c.mean_change, c.improved) for c in changes] == [
        (True, None, None, None)
    ] * 3


def test_a_correction_counts_instead_of_the_reading_it_replaces(world: World) -> None:
    setup = set_up(world)
    _people_read(world, setup, [[(3, 3, 3), (4, 4, 4)]] * 5)
    domains = [d.pk for d in setup.scale.domains.all()]
    latest = (
        services.Reading.objects.filter(person__username="person0").order_by("-taken_on").first()
    )
    assert latest is not None
    services.reading_correct(
        actor=setup.worker,
        reading=latest,
        taken_on=latest.taken_on,
        scores=dict(zip(domains, (8, 3, 3), strict=True)),
    )
    money = change_across_people(setup.scale)[0]
    # four people +1 and one +5: a mean of 9/5
    assert (money.people, money.mean_change, money.improved, money.same) == (5, 1.8, 5, 0)


def test_other_initiatives_readings_do_not_count(world: World) -> None:
    setup = set_up(world)
    _people_read(world, setup, [[(3, 3, 3), (4, 4, 4)]] * 5)
    worker = make_user("otherworker")
    add_member(world.other, worker, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL)
    other_scale = services.scale_define(
        actor=world.other_coordinator,
        initiative=world.other,
        name="Other",
        labels=["x"] * 10,
        domains=[("Money", "")],
    )
    assert change_across_people(other_scale)[0].suppressed
    assert change_across_people(setup.scale)[0].people == 5
