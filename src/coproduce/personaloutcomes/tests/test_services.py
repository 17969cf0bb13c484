"""The services of personal outcomes: the scale, pairings, readings and corrections, and who
may do each (a refusal writes nothing)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import Role, Side
from coproduce.personaloutcomes import services
from coproduce.personaloutcomes.models import Domain, Pairing, Reading, Scale, Score
from coproduce.personaloutcomes.selectors import standing_readings
from coproduce.personaloutcomes.tests.people import DOMAINS, LABELS, Setup, read, set_up

DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def setup(world: World) -> Setup:
    return set_up(world)


def test_the_coordinator_defines_the_scale_with_its_domains_in_order(setup: Setup) -> None:
    assert setup.scale.name == "Steps forward"
    assert setup.scale.labels == LABELS
    assert list(setup.scale.domains.values_list("position", "name", "guidance")) == [
        (1, "Managing money", "Bills, budget, debt."),
        (2, "Living skills", "Cooking and keeping house."),
        (3, "Friends", "People to turn to."),
    ]


def test_a_scale_needs_ten_labels_and_distinct_domains(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        services.scale_define(
            actor=world.coordinator,
            initiative=world.initiative,
            name=" ",
            labels=LABELS[:9],
            domains=[("Money", ""), ("money", "again")],
        )
    assert refused.value.message_dict == {
        "name": ["Give the scale a name."],
        "labels": [services.NEED_LABELS],
        "domains": [services.SAME_DOMAIN],
    }
    assert not Scale.objects.exists()


def test_only_a_coordinator_defines_the_scale(world: World) -> None:
    for actor in (world.member, world.staff, world.other_coordinator):
        with pytest.raises(PermissionDenied):
            services.scale_define(
                actor=actor, initiative=world.initiative, name="S", labels=LABELS, domains=DOMAINS
            )
    assert not Scale.objects.exists()


def test_once_read_the_domains_stay_but_labels_and_guidance_change(setup: Setup) -> None:
    world_coordinator = setup.scale.defined_by
    read(setup, setup.worker, (3, 4, 5), DAY)
    with pytest.raises(ValidationError) as refused:
        services.scale_define(
            actor=world_coordinator,
            initiative=setup.scale.initiative,
            name="Steps forward",
            labels=LABELS,
            domains=DOMAINS[:2],
        )
    assert refused.value.message_dict == {"domains": [services.IN_USE]}
    services.scale_define(
        actor=world_coordinator,
        initiative=setup.scale.initiative,
        name="Steps ahead",
        labels=["New"] * 10,
        domains=[(name, "New guidance") for name, _ in DOMAINS],
    )
    scale = Scale.objects.get()
    assert (scale.name, scale.labels[0]) == ("Steps ahead", "New")
    assert set(Domain.objects.values_list("guidance", flat=True)) == {"New guidance"}
    assert Score.objects.count() == 3  # the reading's scores still point at the domains


def test_a_worker_is_a_professional_member_and_not_the_person(world: World, setup: Setup) -> None:
    refusals = [
        # person, worker (the member is a citizen), what the coordinator is told
        (
            world.outsider,
            world.member,
            {"person": [services.NOT_A_MEMBER], "worker": [services.NOT_A_WORKER]},
        ),
        (world.coordinator, world.coordinator, {"worker": [services.OWN_WORKER]}),
        (world.member, setup.worker, {"worker": [services.ALREADY_PAIRED]}),
        # the coordinator (a professional) as the member's worker: another coordinator must
        (world.member, world.coordinator, {"worker": [services.PAIRS_THEMSELF]}),
    ]
    for person, worker, told in refusals:
        with pytest.raises(ValidationError) as refused:
            services.pairing_make(
                actor=world.coordinator, initiative=world.initiative, person=person, worker=worker
            )
        assert refused.value.message_dict == told
    assert Pairing.objects.count() == 1


def test_only_a_coordinator_pairs(world: World, setup: Setup) -> None:
    for actor in (world.member, world.staff, setup.worker):
        with pytest.raises(PermissionDenied):
            services.pairing_make(
                actor=actor,
                initiative=world.initiative,
                person=world.member,
                worker=world.coordinator,
            )
    assert Pairing.objects.count() == 1


def test_the_person_and_their_worker_enter_readings_and_no_one_else(
    world: World, setup: Setup
) -> None:
    read(setup, world.member, (3, 4, 5), DAY, note="Paid the gas bill")
    read(setup, setup.worker, (4, 4, 6), DAY + datetime.timedelta(days=30))
    other = make_user("other")
    add_member(world.initiative, other)
    for actor in (world.coordinator, world.staff, other, world.other_coordinator):
        with pytest.raises(PermissionDenied):
            read(setup, actor, (1, 1, 1), DAY)
    assert list(Reading.objects.values_list("entered_by__username", "taken_on")) == [
        ("member", DAY),
        ("worker", DAY + datetime.timedelta(days=30)),
    ]
    assert list(
        Score.objects.order_by("reading_id", "domain__position").values_list("score", "note")
    ) == [(3, "Paid the gas bill"), (4, ""), (5, ""), (4, ""), (4, ""), (6, "")]


def test_a_reading_scores_every_domain_from_1_to_10_on_a_past_day(setup: Setup) -> None:
    domains = [d.pk for d in setup.scale.domains.all()]
    with pytest.raises(ValidationError) as refused:
        services.reading_take(
            actor=setup.worker,
            membership=setup.membership,
            taken_on=DAY,
            scores={domains[0]: 0, domains[1]: 11, 999_999: 5},
        )
    assert refused.value.message_dict == {
        "scores": [services.NOT_A_DOMAIN],
        f"score_{domains[0]}": [services.NOT_A_SCORE],
        f"score_{domains[1]}": [services.NOT_A_SCORE],
        f"score_{domains[2]}": [services.NOT_A_SCORE],
    }
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as future:
        read(setup, setup.worker, (1, 2, 3), tomorrow)
    assert list(future.value.message_dict) == ["taken_on"]
    assert not Reading.objects.exists()


def test_an_ended_pairing_ends_the_workers_access(world: World, setup: Setup) -> None:
    pairing = Pairing.objects.get()
    with pytest.raises(PermissionDenied):
        services.pairing_end(actor=setup.worker, pairing=pairing)
    services.pairing_end(actor=world.coordinator, pairing=pairing)
    with pytest.raises(PermissionDenied):
        read(setup, setup.worker, (1, 2, 3), DAY)
    assert not Reading.objects.exists()


def test_a_worker_who_leaves_the_professionals_side_loses_access(
    world: World, setup: Setup
) -> None:
    from coproduce.initiatives.models import Membership

    Membership.objects.filter(user=setup.worker).update(side=Side.CITIZEN, role=Role.RESIDENT)
    with pytest.raises(PermissionDenied):
        read(setup, setup.worker, (1, 2, 3), DAY)


def test_a_correction_within_a_week_replaces_the_reading_and_keeps_both(
    world: World, setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read(setup, setup.worker, (3, 4, 5), DAY)
    domains = [d.pk for d in setup.scale.domains.all()]
    correction = services.reading_correct(
        actor=world.member,
        reading=first,
        taken_on=DAY,
        scores=dict(zip(domains, (3, 4, 6), strict=True)),
    )
    assert correction.corrects == first
    assert list(standing_readings().values_list("pk", flat=True)) == [correction.pk]
    assert Reading.objects.count() == 2
    with pytest.raises(ValidationError) as again:
        services.reading_correct(
            actor=world.member, reading=first, taken_on=DAY, scores={d: 1 for d in domains}
        )
    assert again.value.message_dict == {"reading": [services.TOO_LATE]}
    later = timezone.now() + datetime.timedelta(days=services.CORRECTION_DAYS, minutes=1)
    monkeypatch.setattr(services.timezone, "now", lambda: later)
    with pytest.raises(ValidationError) as late:
        services.reading_correct(
            actor=world.member, reading=correction, taken_on=DAY, scores={d: 1 for d in domains}
        )
    assert late.value.message_dict == {"reading": [services.TOO_LATE]}
    assert Reading.objects.count() == 2


def test_only_the_person_or_their_worker_corrects(world: World, setup: Setup) -> None:
    first = read(setup, setup.worker, (3, 4, 5), DAY)
    domains = [d.pk for d in setup.scale.domains.all()]
    for actor in (world.coordinator, world.staff):
        with pytest.raises(PermissionDenied):
            services.reading_correct(
                actor=actor, reading=first, taken_on=DAY, scores={d: 1 for d in domains}
            )
    assert Reading.objects.count() == 1


def test_readings_are_append_only(setup: Setup) -> None:
    reading = read(setup, setup.worker, (3, 4, 5), DAY)
    with pytest.raises(PermissionError):
        reading.save()
    with pytest.raises(PermissionError):
        reading.scores.first().delete()  # type: ignore[union-attr]
