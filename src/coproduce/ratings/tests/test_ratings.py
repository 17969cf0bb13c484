"""Rating a thing: what can be rated, who may rate it, one rating a person a thing changed
in place, and the summary (count and distribution always, the mean from five ratings)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import World, add_member, make_user
from coproduce.ratings import selectors, services
from coproduce.ratings.models import Rating, ThingKind
from coproduce.ratings.tests.conftest import Things, rate_service
from coproduce.ratings.things import find, rateable_by


def test_a_member_rates_the_service_and_changes_it_in_place(world: World) -> None:
    service = find(world.initiative, "service", world.initiative.pk)
    assert service is not None
    first = services.rating_give(
        actor=world.member, thing=service, stars=2, comment=" Slow ", anonymous=True
    )
    second = services.rating_give(actor=world.member, thing=service, stars=5, comment="Better")
    assert second.pk == first.pk
    assert Rating.objects.count() == 1
    assert (second.stars, second.comment, second.anonymous) == (5, "Better", False)
    assert second.created_at == first.created_at
    assert second.updated_at > first.updated_at


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"stars": 0}, "stars"),
        ({"stars": 6}, "stars"),
        ({"stars": True}, "stars"),
        ({"stars": "4"}, "stars"),
        ({"stars": 4, "comment": "a\x00b"}, "comment"),
        ({"stars": 4, "comment": "x" * 2001}, "comment"),
        ({"stars": 4, "anonymous": "yes"}, "anonymous"),
    ],
)
def test_bad_input_names_its_field_and_writes_nothing(world: World, given, field) -> None:
    service = find(world.initiative, "service", world.initiative.pk)
    assert service is not None
    with pytest.raises(ValidationError) as error:
        services.rating_give(actor=world.member, thing=service, **given)
    assert list(error.value.message_dict) == [field]
    assert not Rating.objects.exists()


def test_only_active_members_rate_the_service(world: World) -> None:
    service = find(world.initiative, "service", world.initiative.pk)
    assert service is not None
    for person in (world.outsider, world.other_coordinator, world.staff):
        with pytest.raises(PermissionDenied):
            services.rating_give(actor=person, thing=service, stars=1)
    assert not Rating.objects.exists()


def test_a_shift_and_its_activity_are_rated_by_those_who_attended(
    world: World, things: Things
) -> None:
    for thing in (things.shift, things.activity):
        with pytest.raises(PermissionDenied):
            services.rating_give(actor=world.member, thing=thing, stars=3)
        services.rating_give(actor=things.volunteer, thing=thing, stars=4)
    assert sorted(Rating.objects.values_list("kind", "person__username", "stars")) == [
        ("activity", "vol", 4),
        ("shift", "vol", 4),
    ]


def test_a_session_is_rated_by_the_two_in_it(world: World, things: Things) -> None:
    with pytest.raises(PermissionDenied):
        services.rating_give(actor=world.member, thing=things.session, stars=3)
    services.rating_give(actor=things.supported, thing=things.session, stars=5)
    services.rating_give(actor=world.coordinator, thing=things.session, stars=4)
    assert Rating.objects.filter(kind="session").count() == 2


def test_a_delivered_project_is_rated_by_any_member(world: World, things: Things) -> None:
    services.rating_give(actor=world.member, thing=things.project, stars=5)
    assert Rating.objects.get().thing_id == things.project.pk


def test_what_is_not_a_thing_to_rate_here_is_not_found(world: World, things: Things) -> None:
    initiative = world.initiative
    assert things.unfinished.pk != things.project.pk
    for kind, pk in [
        ("project", things.unfinished.pk),  # funded, not completed
        ("service", world.other.pk),  # another initiative
        ("shift", things.session.pk * 1000),
        ("opinion", 1),
        ("shift", "x"),
        ("shift", True),
        ("shift", 2**63),
    ]:
        assert find(initiative, kind, pk) is None, (kind, pk)
    assert find(world.other, "shift", things.shift.pk) is None
    assert find(world.other, "session", things.session.pk) is None
    session = find(initiative, "session", things.session.pk)
    assert session is not None and session.title == "Peer-support session of 01 Mar 2026"


def test_an_unconfirmed_session_is_not_rated(world: World, things: Things) -> None:
    session = things.session.obj
    session.confirmed_by = None
    session.save()
    assert find(world.initiative, "session", session.pk) is None


def test_what_a_person_may_rate(world: World, things: Things) -> None:
    def rateable(person):
        return [(t.kind, t.pk) for t in rateable_by(person, world.initiative)]

    service, project = ("service", world.initiative.pk), ("project", things.project.pk)
    assert rateable(things.volunteer) == [
        service,
        ("activity", things.activity.pk),
        ("shift", things.shift.pk),
        project,
    ]
    assert rateable(things.supported) == [service, ("session", things.session.pk), project]


def test_the_summary_shows_no_mean_under_five_ratings(world: World) -> None:
    rate_service(world, [5, 4, 4, 1])
    summary = selectors.summary_of(ThingKind.SERVICE, world.initiative.pk)
    assert summary == {
        "count": 4,
        "distribution": {"1": 1, "2": 0, "3": 0, "4": 2, "5": 1},
        "mean": None,
        "min_for_mean": 5,
    }
    service = find(world.initiative, "service", world.initiative.pk)
    assert service is not None
    services.rating_give(actor=world.member, thing=service, stars=2)
    summary = selectors.summary_of(ThingKind.SERVICE, world.initiative.pk)
    assert (summary["count"], summary["mean"]) == (5, 3.2)
    assert summary["distribution"] == {"1": 1, "2": 1, "3": 0, "4": 2, "5": 1}


def test_summaries_of_an_initiative_in_one_grouped_query(
    world: World, things: Things, django_assert_num_queries
) -> None:
    rate_service(world, [3, 3, 4, 5, 5, 2])
    services.rating_give(actor=things.volunteer, thing=things.shift, stars=4)
    services.rating_give(actor=things.supported, thing=things.session, stars=1)
    # the grouped count, then the shifts' titles; the service's title is the initiative's
    with django_assert_num_queries(2):
        rows = selectors.summaries(world.initiative)
    assert [(r["kind"], r["count"], r["mean"]) for r in rows] == [
        ("service", 6, 3.67),
        ("shift", 1, None),
    ]  # the session's ratings are private to those in it
    assert (
        rows[1]["title"] == f"Garden helper, shift of {things.shift.obj.starts_at:%d %b %Y %H:%M}"
    )


def test_a_rating_of_someone_who_leaves_stays_counted(world: World) -> None:
    person = make_user("leaver")
    add_member(world.initiative, person)
    service = find(world.initiative, "service", world.initiative.pk)
    assert service is not None
    services.rating_give(actor=person, thing=service, stars=4)
    assert selectors.summary_of("service", world.initiative.pk)["count"] == 1
