"""E-mail reminders, queued in the database and sent by the background worker."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coproduce.volunteering import services
from coproduce.volunteering.models import Shift, SignUp
from coproduce.volunteering.tests.conftest import Rota

# The worker commits as it goes, as in production: these tests run outside a test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _joining_is_not_e_mailed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Joining in the set-up is a decided request, e-mailed by notifications (ADR 0048);
    these tests count the reminders' tasks and e-mails alone."""
    from coproduce.notifications.kinds import DEFAULT_DELIVERY, Delivery, Kind

    monkeypatch.setitem(DEFAULT_DELIVERY, Kind.REQUEST_DECIDED, Delivery.IN_APP)


def run_worker() -> None:
    """What `coproduce db_worker` does, once, for every task that is due."""
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def shift_in(rota: Rota, hours: int) -> Shift:
    starts = timezone.now() + datetime.timedelta(hours=hours)
    return services.shift_add(
        actor=rota.world.coordinator,
        opportunity=rota.opportunity,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=1,
    )


def test_a_place_taken_queues_a_reminder_a_day_before(rota: Rota) -> None:
    person = rota.volunteers[0]
    person.email = "v0@example.org"
    person.save()
    services.shift_sign_up(actor=person, shift=rota.shift)  # starts in two days
    queued = DBTaskResult.objects.get()
    due = rota.shift.starts_at - datetime.timedelta(hours=24)
    assert (queued.status, queued.run_after, queued.args_kwargs["args"]) == (
        "READY",
        due,
        [SignUp.objects.get().pk, "reminder"],
    )
    run_worker()
    assert mail.outbox == []  # not due yet
    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    run_worker()
    assert [m.subject for m in mail.outbox] == [
        f"Reminder: Community shop counter, "
        f"{timezone.localtime(rota.shift.starts_at):%A %d %B %Y, %H:%M}"
    ]
    assert mail.outbox[0].to == ["v0@example.org"]
    assert "give up your place here: http://127.0.0.1:8000/initiatives/" in mail.outbox[0].body
    assert SignUp.objects.get().reminded_at is not None
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_no_reminder_for_a_place_given_up_and_news_for_whoever_moves_up(rota: Rota) -> None:
    first, second, _ = rota.volunteers
    for n, person in enumerate((first, second)):
        person.email = f"v{n}@example.org"
        person.save()
    shift = shift_in(rota, hours=3)  # the reminder is due at once
    mine = services.shift_sign_up(actor=first, shift=shift)
    services.shift_sign_up(actor=second, shift=shift)  # waiting: nothing queued
    services.sign_up_withdraw(actor=first, sign_up=mine)
    assert DBTaskResult.objects.count() == 3  # first's reminder; second's news and reminder
    run_worker()
    assert sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox) == [
        ("v1@example.org", "A place opened for you"),
        ("v1@example.org", "Reminder"),
    ]


def test_no_e_mail_address_means_no_e_mail(rota: Rota) -> None:
    person = rota.volunteers[0]
    person.email = ""  # many people take part without e-mail
    person.save()
    services.shift_sign_up(actor=person, shift=shift_in(rota, hours=2))
    run_worker()
    assert mail.outbox == []
    assert DBTaskResult.objects.get().return_value is False


def test_a_volunteer_who_chose_welsh_is_reminded_in_welsh(rota: Rota) -> None:
    person = rota.volunteers[0]
    person.email, person.language = "v0@example.org", "cy"
    person.save()
    services.shift_sign_up(actor=person, shift=rota.shift)
    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    run_worker()
    (sent,) = mail.outbox
    starts = timezone.localtime(rota.shift.starts_at)
    days = ["Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener"]
    days += ["Dydd Sadwrn", "Dydd Sul"]
    assert sent.subject.startswith(
        f"Nodyn atgoffa: Community shop counter, {days[starts.weekday()]} {starts:%d} "
    )
    assert "Mae gennych le ar Community shop counter" in sent.body


def test_a_title_with_a_line_break_still_makes_a_one_line_subject(rota: Rota) -> None:
    rota.opportunity.title = "Community shop\ncounter"
    rota.opportunity.save(update_fields=["title"])
    first, second, _ = rota.volunteers
    for n, person in enumerate((first, second)):
        person.email = f"v{n}@example.org"
        person.save()
    shift = shift_in(rota, hours=3)
    mine = services.shift_sign_up(actor=first, shift=shift)
    services.shift_sign_up(actor=second, shift=shift)
    services.sign_up_withdraw(actor=first, sign_up=mine)
    run_worker()
    news = [m for m in mail.outbox if m.subject.startswith("A place opened for you")]
    assert [m.subject.split(",")[0] for m in news] == [
        "A place opened for you: Community shop counter"
    ]
