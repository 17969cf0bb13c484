"""Time-credit ledger benchmarks on PostgreSQL.

    python bench/ledger.py transfers [--clients 50] [--seconds 20] [--workers 4] [--server gunicorn]
    python bench/ledger.py scale [--movements 10000000] [--accounts 100000]

``transfers``: a fresh database (``coproduce_bench``), one initiative with a member per
client, each credited 100 hours; the production server (gunicorn, or another with
``--server``) on 127.0.0.1; after a two-second warm-up each client gives 1 minute to the
next member, again and again, each request on a new connection with its own
Idempotency-Key, for the given time.
Prints transfers per second and latency, with reading one's own balance as the anchor in
the same run (and, before it, the health check: a request that only asks the database
``SELECT 1``, about the most any request can reach on this machine), then runs ``coproduce
ledger check`` and compares the transfers stored with the ones acknowledged.

``scale``: fills the ledger with random transfers between accounts in SQL, sets the kept
balances from them, then times ``ledger check`` (the whole table, twice grouped) and a balance
read through the ORM (the anchor: a primary-key read of the same row, in the same run).
"""

import argparse
import json
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from servers import SERVERS  # noqa: E402
from voting import (  # noqa: E402
    drive,
    fresh_database,
    health,
    manage,
    report,
    serve,
    stop,
    warm_up,
)

SETUP = """
import json
from django.contrib.auth.hashers import make_password
from coproduce.accounts.services import token_create
from coproduce.accounts.models import User
from coproduce.core.vocabulary import Role, ServiceArea, Side, StageKind
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import JoinPolicy
from coproduce.timecredits import services as credits
coordinator = User.objects.create_user("coordinator", password="x" * 20)
initiative = initiatives.initiative_create(actor=coordinator, title="Ledger load",
    summary="Transfers under load", service_area=ServiceArea.HOUSING,
    side=Side.REGULAR_PRODUCER, role=Role.MANAGER, join_policy=JoinPolicy.OPEN)
tokens = []
password = make_password("x" * 20)  # hashed once: hashing is slow by design
for i in range({clients}):
    member = User.objects.create(username=f"m{{i}}", password=password)
    initiatives.membership_request(actor=member, initiative=initiative, side=Side.CITIZEN,
                                   role=Role.RESIDENT)
    credits.credits_earn(actor=coordinator, initiative=initiative, person=member,
                         minutes_given=6000)
    tokens.append(token_create(actor=member)[1])
print(json.dumps({{"slug": initiative.slug, "tokens": tokens}}))
"""

COUNT = """
from coproduce.timecredits.models import Transfer
print(Transfer.objects.filter(kind="gift").count())
"""


def transfers(args: argparse.Namespace) -> None:
    fresh_database()
    setup = json.loads(manage("shell", "-c", SETUP.format(clients=args.clients)).splitlines()[-1])
    server = serve(args.server, args.workers)
    try:
        base = f"/api/v1/initiatives/{setup['slug']}/credits/"
        tokens = setup["tokens"]
        acknowledged = [0]

        def gift(i: int, state: dict) -> tuple:
            body = json.dumps({"to": f"m{(i + 1) % len(tokens)}", "minutes": 1})

            def on_reply(status: int) -> None:
                if status == 201:
                    acknowledged[0] += 1

            return (
                "POST",
                base + "gift/",
                body,
                {
                    "Authorization": f"Token {tokens[i]}",
                    "Content-Type": "application/json",
                    "Idempotency-Key": uuid.uuid4().hex,
                },
                on_reply,
            )

        def balance(i: int, state: dict) -> tuple:
            return ("GET", base, None, {"Authorization": f"Token {tokens[i]}"}, lambda s: None)

        print(
            f"{args.clients} clients, {args.seconds:.0f} s each, a new connection per request, "
            f"{args.server}, {args.workers} workers, PostgreSQL, all on this machine"
        )
        print("| request | done | rate | p50 | p95 | p99 | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|")

        warm_up(args.clients, balance)
        floor = report(
            "health check (the server's floor)",
            *drive(args.clients, args.seconds, health)[:2],
            args.seconds,
        )
        anchor = report(
            "read own balance (anchor)",
            *drive(args.clients, args.seconds, balance)[:2],
            args.seconds,
        )
        latencies, errors, _ = drive(args.clients, args.seconds, gift)
        rate = report("give 1 minute", latencies, errors, args.seconds)
        print(
            f"transfers per second / reads per second: {rate / anchor:.2f}; "
            f"/ health checks per second: {rate / floor:.2f}"
        )
        stored = int(manage("shell", "-c", COUNT).splitlines()[-1])
        print(f"transfers acknowledged: {acknowledged[0]}, stored: {stored}")
        print(manage("ledger", "check").strip())
    finally:
        stop(server)


FILL = """
import time
from django.db import connection
from coproduce.accounts.models import User
from coproduce.core.vocabulary import Role, ServiceArea, Side
from coproduce.initiatives import services as initiatives
from coproduce.timecredits.models import Account
coordinator = User.objects.create_user("coordinator", password="x" * 20)
initiative = initiatives.initiative_create(actor=coordinator, title="Ledger scale",
    summary="A large ledger", service_area=ServiceArea.HOUSING, side=Side.REGULAR_PRODUCER,
    role=Role.MANAGER)
start = time.perf_counter()
with connection.cursor() as cursor:
    cursor.execute("INSERT INTO accounts_user (password, last_login, is_superuser, username, "
        "first_name, last_name, email, is_staff, is_active, date_joined, display_name, locality, "
        "bio, skills, availability) SELECT '!', NULL, false, 'p' || g, '', '', '', false, true, "
        "now(), '', '', '', '', '' "
        "FROM generate_series(1, {accounts}) g")
    cursor.execute("INSERT INTO timecredits_account (initiative_id, kind, user_id, "
        "organisation_id, balance, floor, ceiling, created_at) SELECT %s, 'person', id, NULL, "
        "0, NULL, NULL, now() FROM accounts_user WHERE username LIKE 'p%%'", [initiative.pk])
    cursor.execute("SELECT min(id), max(id) FROM timecredits_account")
    low, high = cursor.fetchone()
    # A bulk load, as a restore would do it: without per-row foreign-key and trigger work,
    # and with the secondary indexes built once at the end instead of row by row.
    cursor.execute("SET session_replication_role = replica")
    cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
        "'timecredits_transfer' AND indexname <> 'timecredits_transfer_pkey'")
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f'ALTER TABLE timecredits_transfer DROP CONSTRAINT IF EXISTS "{{name}}"')
        cursor.execute(f'DROP INDEX IF EXISTS "{{name}}"')
    cursor.execute("INSERT INTO timecredits_transfer (initiative_id, kind, debit_id, credit_id, "
        "minutes, description, created_by_id, created_at, reverses_id, reason, idempotency_key) "
        "SELECT %s, 'gift', d, CASE WHEN c = d THEN (CASE WHEN d = %s THEN %s ELSE d + 1 END) "
        "ELSE c END, 1 + (g %% 60), '', %s, now(), NULL, '', '' FROM (SELECT g, "
        "%s + floor(random() * (%s - %s + 1))::bigint AS d, "
        "%s + floor(random() * (%s - %s + 1))::bigint AS c "
        "FROM generate_series(1, {movements}) g) s",
        [initiative.pk, high, low, coordinator.pk, low, high, low, low, high, low])
    print(f"transfers inserted in {{time.perf_counter() - start:.1f}} s")
    for _, definition in indexes:
        cursor.execute(definition)
    cursor.execute("SET session_replication_role = DEFAULT")
    cursor.execute("UPDATE timecredits_account a SET balance = s.total FROM (SELECT account, "
        "sum(delta) AS total FROM (SELECT credit_id AS account, minutes AS delta FROM "
        "timecredits_transfer UNION ALL SELECT debit_id, -minutes FROM timecredits_transfer) m "
        "GROUP BY account) s WHERE a.id = s.account")
    cursor.execute("ANALYZE")
print(f"filled in {{time.perf_counter() - start:.1f}} s")
"""

READS = """
import statistics, time
from coproduce.timecredits.models import Account
ids = list(Account.objects.values_list("pk", flat=True)[:2000])
def timed(read):
    samples = []
    for pk in ids:
        start = time.perf_counter(); read(pk); samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, statistics.quantiles(samples, n=100)[98] * 1000
balance = timed(lambda pk: Account.objects.only("balance").get(pk=pk).balance)
anchor = timed(lambda pk: Account.objects.values_list("pk", flat=True).get(pk=pk))
print(f"| balance read | {balance[0]:.2f} ms | {balance[1]:.2f} ms |")
print(f"| primary-key read (anchor) | {anchor[0]:.2f} ms | {anchor[1]:.2f} ms |")
print(f"balance read / anchor (median): {balance[0] / anchor[0]:.2f}")
"""


def scale(args: argparse.Namespace) -> None:
    fresh_database()
    print(
        manage("shell", "-c", FILL.format(accounts=args.accounts, movements=args.movements)).strip()
    )
    start = time.perf_counter()
    out = manage("ledger", "check").strip()
    seconds = time.perf_counter() - start
    print(f"ledger check: {seconds:.1f} s (including the command's start-up): {out}")
    print("| read | p50 | p99 |")
    print("|---|---:|---:|")
    print(manage("shell", "-c", READS).strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    actions = parser.add_subparsers(dest="action", required=True)
    load = actions.add_parser("transfers")
    load.add_argument("--clients", type=int, default=50)
    load.add_argument("--seconds", type=float, default=20.0)
    load.add_argument("--workers", type=int, default=4)
    load.add_argument("--server", choices=SERVERS, default="gunicorn")
    big = actions.add_parser("scale")
    big.add_argument("--movements", type=int, default=10_000_000)
    big.add_argument("--accounts", type=int, default=100_000)
    args = parser.parse_args()
    transfers(args) if args.action == "transfers" else scale(args)


if __name__ == "__main__":
    main()
