"""Votes opening, closing and publishing results: the request queues one task; the
background worker writes the notifications in batches, each batch queuing one e-mail task."""

import random

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from conftest import World, add_member, make_user
from coproduce.budgeting import ballots
from coproduce.budgeting import services as pb
from coproduce.budgeting.ballots import Choice
from coproduce.budgeting.tests.conftest import make_pb, open_voting
from coproduce.notifications import services
from coproduce.notifications.models import Notification
from coproduce.notifications.tests.conftest import forget, told

# The worker commits as it goes, as in production: these tests run outside a test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def tasks() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def test_a_vote_opening_closing_and_its_results_reach_members_then_voters(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "BATCH", 2)
    voters = [make_user(f"voter{i}") for i in range(4)]
    for person in voters:
        add_member(world.initiative, person)
    process = make_pb(world)
    forget()
    DBTaskResult.objects.all().delete()
    open_voting(process)  # 6 active members: the coordinator, the member and four voters
    assert tasks() == ["coproduce.notifications.tasks.fan_out"]  # the request queued one task
    run_worker()
    assert len(told("vote_opening")) == 6
    assert told("vote_opening")[0] == ("coord", "Voting is open in Riverside decides.")
    # three batches of two, each with its own e-mail task: six e-mails
    assert tasks().count("coproduce.notifications.tasks.send_emails") == 3
    assert len(mail.outbox) == 6

    for person in voters[:3]:  # who voted is known, never how
        ballots.ballot_cast(
            actor=person,
            budget=process.north,
            choices=[Choice(process.proposals["benches"].pk)],
        )
    forget()
    mail.outbox.clear()
    DBTaskResult.objects.all().delete()
    pb.phase_advance(actor=world.coordinator, process=process.process)  # counting
    assert tasks() == ["coproduce.notifications.tasks.fan_out"]
    run_worker()
    assert told("vote_closing") == [
        (
            f"voter{i}",
            "Voting has closed in Riverside decides. Thank you for voting; the count comes next.",
        )
        for i in range(3)
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [f"voter{i}@example.org" for i in range(3)]
    assert "Benches" not in mail.outbox[0].body  # nothing of what they chose

    for budget in process.process.budgets.all():
        pb.budget_count(actor=world.coordinator, budget=budget)
    mail.outbox.clear()
    pb.phase_advance(actor=world.coordinator, process=process.process)  # results
    run_worker()
    assert [who for who, _text in told("result_published")] == ["voter0", "voter1", "voter2"]
    assert mail.outbox == []  # results wait for the daily digest by default
    assert Notification.objects.filter(message="result_published", emailed_at=None).count() == 3
    assert services.digest_send() == 3
    assert services.digest_send() == 0  # each item goes in one digest only


def test_voters_are_told_in_an_order_drawn_for_each_fan_out_not_by_their_ids(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Notification ids are consecutive: in the voters' id order, two voters comparing
    theirs would learn whether the person whose id lies between them voted."""
    voters = [make_user(f"voter{i}") for i in range(8)]
    for person in voters:
        add_member(world.initiative, person)
    process = make_pb(world)
    open_voting(process)
    run_worker()  # the members are told the vote is open
    for person in voters:
        ballots.ballot_cast(
            actor=person, budget=process.north, choices=[Choice(process.proposals["benches"].pk)]
        )
    forget()
    by_id = sorted(person.pk for person in voters)
    drawn = list(by_id)
    random.Random(3).shuffle(drawn)
    assert drawn != by_id  # the seed draws another order
    monkeypatch.setattr(services, "RECIPIENT_SHUFFLE", random.Random(3))
    pb.phase_advance(actor=world.coordinator, process=process.process)  # counting
    run_worker()
    written = Notification.objects.filter(message="vote_closing").order_by("pk")
    assert list(written.values_list("recipient_id", flat=True)) == drawn
