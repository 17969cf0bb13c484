"""Concurrent requests on PostgreSQL: one draw at a time per panel, one answer per
recommendation, and a pool that takes every simultaneous registration once."""

import datetime
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ValidationError

from conftest import hammer, make_initiative, make_user, postgresql_only
from coproduce.panels import services
from coproduce.panels.models import Answer, PoolMember, SelectionRun
from coproduce.panels.tests.conftest import make_panel, pool_csv

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


def setting(transactional_db: Any) -> Any:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    world = SimpleNamespace(
        coordinator=coordinator, initiative=initiative, stage=initiative.stages.get()
    )
    panel = make_panel(world)  # type: ignore[arg-type]
    return world, panel


def test_ten_draws_asked_at_once_queue_one(transactional_db: Any) -> None:
    world, panel = setting(transactional_db)
    services.pool_import(
        actor=world.coordinator, panel=panel, csv_text=pool_csv(30), consent_confirmed=True
    )
    results = hammer(10, lambda i: services.selection_request(actor=world.coordinator, panel=panel))
    assert sum(isinstance(r, SelectionRun) for r in results) == 1
    assert all(isinstance(r, (SelectionRun, ValidationError)) for r in results), results
    assert SelectionRun.objects.count() == 1


def test_ten_answers_at_once_leave_one(transactional_db: Any) -> None:
    world, panel = setting(transactional_db)
    recommendation = services.recommendation_add(
        actor=world.coordinator,
        panel=panel,
        text="Fix damp first.",
        votes_for=5,
        votes_against=1,
        votes_abstaining=0,
        voted_on=datetime.date(2026, 4, 1),
    )
    results = hammer(
        10,
        lambda i: services.recommendation_answer(
            actor=world.coordinator,
            recommendation=recommendation,
            response="accepted",
            reasons=f"Answer {i}",
            answered_on=datetime.date(2026, 4, 2),
        ),
    )
    assert sum(isinstance(r, Answer) for r in results) == 1
    assert Answer.objects.count() == 1


def test_twenty_registrations_at_once_are_each_kept(transactional_db: Any) -> None:
    _, panel = setting(transactional_db)
    people = [make_user(f"p{i}") for i in range(20)]
    results = hammer(
        20,
        lambda i: services.pool_register(
            actor=people[i],
            panel=panel,
            details={"name": f"P {i}", "address": f"{i} Row", "postcode": "AB1"},
            answers={"age": "young", "area": "north"},
            consent=True,
        ),
    )
    assert all(isinstance(r, PoolMember) for r in results), results
    assert PoolMember.objects.filter(panel=panel).count() == 20
