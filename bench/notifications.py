"""Notifications for a vote closing: how fast they are queued and sent, against a plain
bulk INSERT of as many rows.

    python bench/notifications.py [--voters 100000]

On PostgreSQL (``coproduce_bench_notify`` on 127.0.0.1:5432, made and migrated if missing)
it creates a PB process in its voting phase with ``--voters`` people who voted (accounts and
ballots by bulk: set-up, not timed), then times:

1. the request: ``phase_advance`` from voting to counting, which queues one task;
2. queuing: that task's work (``notifications.services.fan_out``), which writes one
   notification per voter in batches and queues one e-mail task per batch (goal < 60 s);
3. the anchor: a plain ``bulk_create`` of as many notification rows, in the same run;
4. sending: ``coproduce db_worker --batch`` in its own process, with Django's dummy e-mail
   backend (the mail server's speed is not ours), as e-mails per second; meanwhile this
   process times a signed-in person's notifications page, against the same page before the
   worker started, to show whether the worker slows requests.
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "coproduce_bench_notify"
DATABASE = f"postgres://postgres@127.0.0.1:5432/{NAME}"
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE,
    "DJANGO_SETTINGS_MODULE": "coproduce.settings",
    "COPRODUCE_DEBUG": "0",
    "COPRODUCE_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "PYTHONPATH": str(ROOT / "src"),
}


def psql(database: str, statement: str) -> str:
    done = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAq", "-c", statement],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def prepare() -> None:
    if not psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{NAME}'"):  # noqa: S608
        psql("postgres", f"CREATE DATABASE {NAME}")
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def set_up(voters: int) -> tuple:
    """A process in its voting phase and ``voters`` people with a ballot in it."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from coproduce.accounts.models import User
    from coproduce.budgeting import services
    from coproduce.budgeting.models import Ballot
    from coproduce.core.vocabulary import Role, ServiceArea, Side, StageKind
    from coproduce.initiatives import services as initiatives

    run = time.strftime("%H%M%S")
    coordinator = User.objects.create_user(f"coordinator{run}", password="x" * 20)
    initiative = initiatives.initiative_create(
        actor=coordinator,
        title=f"Notifications {run}",
        summary="A vote closing",
        service_area=ServiceArea.HOUSING,
        side=Side.REGULAR_PRODUCER,
        role=Role.MANAGER,
    )
    stage = initiatives.stage_create(
        actor=coordinator, initiative=initiative, kind=StageKind.CO_PRIORITISATION
    )
    process = services.process_create(
        actor=coordinator,
        initiative=initiative,
        stage=stage,
        title="Riverside decides",
        budgets=[("All", 1_000_000, "")],
    )
    services.phase_advance(actor=coordinator, process=process)
    budget = process.budgets.get()
    proposal = services.proposal_submit(
        actor=coordinator, budget=budget, title="Benches", description="x", estimated_cost=1000
    )
    services.phase_advance(actor=coordinator, process=process)
    services.proposal_review(actor=coordinator, proposal=proposal, feasible=True, reason="ok")
    services.phase_advance(actor=coordinator, process=process)
    have = User.objects.filter(username__startswith="benchvoter").count()
    password = make_password("x" * 20)
    User.objects.bulk_create(
        (
            User(username=f"benchvoter{i}", email=f"v{i}@example.org", password=password)
            for i in range(have, voters)
        ),
        batch_size=5000,
    )
    people = User.objects.filter(username__startswith="benchvoter").order_by("pk")[:voters]
    now = timezone.now()
    Ballot.objects.bulk_create(
        (
            Ballot(budget=budget, voter_id=pk, cast_at=now)
            for pk in people.values_list("pk", flat=True)
        ),
        batch_size=5000,
    )
    return coordinator, process, people.first()


def anchor(voters: int, person_id: int) -> float:
    """A plain bulk INSERT of as many notification rows, then gone again."""
    from coproduce.notifications.models import Notification

    start = time.perf_counter()
    Notification.objects.bulk_create(
        (
            Notification(
                recipient_id=person_id,
                kind="vote_closing",
                message="vote_closing",
                delivery="in_app",
            )
            for _ in range(voters)
        ),
        batch_size=1000,
    )
    took = time.perf_counter() - start
    Notification.objects.filter(recipient_id=person_id, delivery="in_app").delete()
    return took


def page_times(client: object, count: int, stop: threading.Event | None = None) -> list[float]:
    times: list[float] = []
    while len(times) < count or (stop is not None and not stop.is_set()):
        start = time.perf_counter()
        answer = client.get("/notifications/")  # type: ignore[attr-defined]
        assert answer.status_code == 200
        times.append(time.perf_counter() - start)
        if stop is None and len(times) >= count:
            break
    return times


def p(values: list[float], q: int) -> float:
    return (
        statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else values[0] * 1000
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--voters", type=int, default=100_000)
    args = parser.parse_args()
    prepare()
    from django.db import connection
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    from coproduce.budgeting import services
    from coproduce.notifications import services as notifications
    from coproduce.notifications.models import Notification

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE notifications_notification, django_tasks_database_dbtaskresult")
    coordinator, process, someone = set_up(args.voters)
    print(
        f"{args.voters:,} voters; PostgreSQL {connection.cursor().connection.info.server_version}"
    )

    DBTaskResult.objects.all().delete()  # the vote opening's, from the set-up
    Notification.objects.all().delete()
    start = time.perf_counter()
    services.phase_advance(actor=coordinator, process=process)  # voting closes
    request = time.perf_counter() - start
    queued = list(DBTaskResult.objects.values_list("task_path", "args_kwargs"))
    assert [path for path, _ in queued] == ["coproduce.notifications.tasks.fan_out"], queued
    task = DBTaskResult.objects.get()
    audience, key, kind, message, params, link = task.args_kwargs["args"]
    task.delete()  # run here, timed, as the worker would run it

    start = time.perf_counter()
    written = notifications.fan_out(
        audience=audience, key=key, kind=kind, message=message, params=params, link=link
    )
    queue = time.perf_counter() - start
    send_tasks = DBTaskResult.objects.count()
    assert written == args.voters, written

    plain = anchor(args.voters, coordinator.pk)

    client = Client()
    client.force_login(someone)
    page_times(client, 20)  # warm
    before = page_times(client, 200)
    stop = threading.Event()
    during: list[float] = []
    thread = threading.Thread(target=lambda: during.extend(page_times(client, 1, stop)))
    start = time.perf_counter()
    thread.start()
    subprocess.run(
        [sys.executable, "-m", "django", "db_worker", "--batch", "--no-startup-delay"],
        env=ENV,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    send = time.perf_counter() - start
    stop.set()
    thread.join()
    sent = Notification.objects.filter(emailed_at__isnull=False).count()

    print(f"request that closes the vote: {request * 1000:.0f} ms (queues 1 task)")
    print(
        f"queue {written:,} notifications: {queue:.1f} s ({written / queue:,.0f}/s), "
        f"{send_tasks} e-mail tasks; goal < 60 s"
    )
    print(f"anchor, plain bulk INSERT of {args.voters:,} rows: {plain:.1f} s")
    print(f"ratio queue / anchor: {queue / plain:.1f}x")
    print(f"worker sent {sent:,} e-mails in {send:.1f} s: {sent / send:,.0f}/s (one worker)")
    print(
        f"notifications page p50/p95: before {p(before, 50):.0f}/{p(before, 95):.0f} ms, "
        f"while sending {p(during, 50):.0f}/{p(during, 95):.0f} ms "
        f"(ratio p95 {p(during, 95) / p(before, 95):.2f}x, {len(during)} requests)"
    )


if __name__ == "__main__":
    main()
