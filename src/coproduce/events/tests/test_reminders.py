"""Reminder e-mails, queued in the database and sent by the background worker."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coproduce.events import services
from coproduce.events.models import Registration
from coproduce.events.tests.conftest import Workshop

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _joining_is_not_e_mailed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Joining in the set-up is a decided request, e-mailed by notifications (ADR 0048);
    these tests count the reminders' tasks and e-mails alone."""
    from coproduce.notifications.kinds import DEFAULT_DELIVERY, Delivery, Kind

    monkeypatch.setitem(DEFAULT_DELIVERY, Kind.REQUEST_DECIDED, Delivery.IN_APP)


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_a_place_queues_a_reminder_a_day_before(workshop: Workshop) -> None:
    person = workshop.residents[0]
    services.event_register(actor=person, event=workshop.event)
    queued = DBTaskResult.objects.get()
    due = workshop.event.starts_at - datetime.timedelta(hours=24)
    assert (queued.status, queued.run_after, queued.args_kwargs["args"]) == (
        "READY",
        due,
        [Registration.objects.get().pk, "reminder"],
    )
    run_worker()
    assert mail.outbox == []
    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    run_worker()
    assert [m.subject.split(",")[0] for m in mail.outbox] == [
        "Reminder: Planning for Real: the riverside"
    ]
    assert mail.outbox[0].to == ["r0@example.org"]
    assert Registration.objects.get().reminded_at is not None


def test_moving_up_the_waiting_list_sends_news_and_a_reminder(workshop: Workshop) -> None:
    a, b, c = workshop.residents
    for person in (a, b, c):
        services.event_register(actor=person, event=workshop.event)
    services.registration_cancel(actor=a, registration=Registration.objects.get(person=a))
    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    run_worker()
    sent = sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox)
    assert sent == [
        ("r1@example.org", "Reminder"),
        ("r2@example.org", "A place opened for you"),
        ("r2@example.org", "Reminder"),
    ]


def test_a_person_who_chose_welsh_is_reminded_in_welsh(workshop: Workshop) -> None:
    welsh, english = workshop.residents[0], workshop.residents[1]
    welsh.language = "cy"
    welsh.save(update_fields=["language"])
    for person in (welsh, english):
        services.event_register(actor=person, event=workshop.event)
    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    run_worker()
    by_address = {m.to[0]: m for m in mail.outbox}
    starts = timezone.localtime(workshop.event.starts_at)
    welsh_day = ["Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener"]
    welsh_day += ["Dydd Sadwrn", "Dydd Sul"]
    assert by_address["r0@example.org"].subject.startswith(
        f"Nodyn atgoffa: Planning for Real: the riverside, {welsh_day[starts.weekday()]} "
    )
    assert "Mae gennych le yn Planning for Real: the riverside" in by_address["r0@example.org"].body
    assert by_address["r1@example.org"].subject == (
        f"Reminder: Planning for Real: the riverside, {starts:%A %d %B %Y, %H:%M}"
    )
