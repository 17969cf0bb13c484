"""Voting under load: ballots per second and latency against the production server.

    python bench/voting.py [--clients 100] [--seconds 20] [--workers 4] [--server gunicorn]

Sets up a fresh PostgreSQL database (``coproduce_bench`` on 127.0.0.1:5432), a PB process
in its voting phase with one budget and ten projects, and one account with an API token
per client; serves the app with the production server (gunicorn; or ``--server uwsgi`` or
``granian``, as ``bench/servers.py`` runs them) on 127.0.0.1 only; after a
two-second warm-up, each client casts ballot after ballot, each on a new connection (each
one valid, the last one counting) for the given time. Prints ballots per second, latency
percentiles and the same for reading one's own ballot (the anchor, in the same run) and,
before it, for the health check (the server's floor: how fast this machine is today), and
checks that every acknowledged ballot is stored: each voter's ballot was cast exactly as
many times as the server said 201, and holds the last choices sent.
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import servers  # bench/servers.py, beside this script
import uvloop

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "postgres://postgres@127.0.0.1:5432/coproduce_bench"
PORT = 8765
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE,
    "DJANGO_SETTINGS_MODULE": "coproduce.settings",
    "COPRODUCE_DEBUG": "0",
    "COPRODUCE_THROTTLE_USER": "100000/min",
    "COPRODUCE_THROTTLE_ANON": "100000/min",
    "COPRODUCE_DB_CONN_MAX_AGE": "60",
}
BIN = Path(sys.executable).parent

SETUP = """
import json
from django.contrib.auth.hashers import make_password
from coproduce.accounts.services import token_create
from coproduce.accounts.models import User
from coproduce.budgeting import services
from coproduce.core.vocabulary import Role, ServiceArea, Side, StageKind
from coproduce.initiatives import services as initiatives
coordinator = User.objects.create_user("coordinator", password="x" * 20)
initiative = initiatives.initiative_create(actor=coordinator, title="Load test",
    summary="Voting under load", service_area=ServiceArea.HOUSING,
    side=Side.REGULAR_PRODUCER, role=Role.MANAGER)
stage = initiatives.stage_create(actor=coordinator, initiative=initiative,
                                 kind=StageKind.CO_PRIORITISATION)
process = services.process_create(actor=coordinator, initiative=initiative, stage=stage,
                                  title="Load", budgets=[("All", 1_000_000, "")])
services.phase_advance(actor=coordinator, process=process)
budget = process.budgets.get()
proposals = [services.proposal_submit(actor=coordinator, budget=budget, title=f"P{{i}}",
             description="x", estimated_cost=100_000 + i * 10_000) for i in range(10)]
services.phase_advance(actor=coordinator, process=process)
for p in proposals:
    services.proposal_review(actor=coordinator, proposal=p, feasible=True, reason="ok")
services.phase_advance(actor=coordinator, process=process)
password = make_password("x" * 20)  # hashed once: hashing is slow by design
voters = User.objects.bulk_create(
    User(username=f"voter{{i}}", password=password) for i in range({clients}))
tokens = [token_create(actor=voter)[1] for voter in voters]
print(json.dumps({{"budget": budget.pk, "proposals": [p.pk for p in proposals],
                  "costs": [p.final_cost for p in proposals], "tokens": tokens}}))
"""

VERIFY = """
import json, sys
from coproduce.budgeting.models import Ballot
sent = json.loads(sys.stdin.read())
problems = 0
for ballot in Ballot.objects.filter(budget_id=sent["budget"]).select_related("voter"):
    mine = sent["voters"].pop(ballot.voter.username, None)
    stored = sorted(ballot.choices.values_list("proposal_id", flat=True))
    if mine is None or ballot.casts != mine["acknowledged"] or stored != sorted(mine["last"]):
        problems += 1
problems += sum(1 for v in sent["voters"].values() if v["acknowledged"])
print(problems)
"""


def manage(*args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [str(BIN / "coproduce"), *args],
        env=ENV,
        cwd=ROOT,
        text=True,
        input=stdin,
        capture_output=True,
        check=True,
    )
    return result.stdout


def fresh_database() -> None:
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-q",
            "-c",
            "DROP DATABASE IF EXISTS coproduce_bench",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-q",
            "-c",
            "CREATE DATABASE coproduce_bench",
        ],
        check=True,
        capture_output=True,
    )
    manage("migrate", "--verbosity", "0")
    manage("createcachetable")


def drive(clients: int, seconds: float, make_request: object) -> tuple[list[float], int, dict]:
    """Each client sends request after request until time is up, each on a new connection
    (as each voter's own phone would; the time includes connecting). The clients are
    coroutines on one event loop (uvloop's, written in C) speaking HTTP/1.1 directly, so that
    the load generator takes as little as possible of the CPU it shares with the server."""
    return uvloop.run(_drive(clients, seconds, make_request))


async def _drive(
    clients: int, seconds: float, make_request: object
) -> tuple[list[float], int, dict]:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    state: dict = {}
    deadline = time.monotonic() + seconds

    async def client(i: int) -> None:
        while time.monotonic() < deadline:
            method, path, body, headers, on_reply = make_request(i, state)  # type: ignore[operator]
            payload = (body or "").encode()
            head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
            start = time.perf_counter()
            reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
            writer.write(f"{head}Content-Length: {len(payload)}\r\n\r\n".encode() + payload)
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies[i].append(time.perf_counter() - start)
            writer.close()
            status = int(status_line.split()[1])
            on_reply(status)
            if status >= 300:
                errors[i] += 1

    await asyncio.gather(*(client(i) for i in range(clients)))
    return [x for per in latencies for x in per], sum(errors), state


def health(i: int, state: dict) -> tuple:
    """The health check: middleware and ``SELECT 1``, about the most any request can reach
    on this machine, so runs on machines of different speed can be compared."""
    return ("GET", "/healthz", None, {}, lambda status: None)


def warm_up(clients: int, make_request: object) -> None:
    """Two seconds of the anchor's requests, not counted: each server process loads the
    rest of the app and opens its database connection on its first requests."""
    drive(clients, 2.0, make_request)


def serve(server: str, workers: int) -> subprocess.Popen:
    """The app under the named production-style server (``bench/servers.py``): pre-forked
    workers, each taking a connection only when it is free, so requests queue fairly in the
    kernel's accept queue; on loopback only, given time to start."""
    process = servers.start(server, PORT, workers, ENV)
    time.sleep(3)
    return process


def stop(process: subprocess.Popen) -> None:
    """Stop the server, then any worker it left behind."""
    process.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def report(name: str, latencies: list[float], errors: int, seconds: float) -> float:
    rate = len(latencies) / seconds
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(
        f"| {name} | {len(latencies)} | {rate:.0f}/s | {cuts[49] * 1000:.0f} ms "
        f"| {cuts[94] * 1000:.0f} ms | {cuts[98] * 1000:.0f} ms | {errors} |",
        flush=True,
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--server", choices=servers.SERVERS, default="gunicorn")
    args = parser.parse_args()
    fresh_database()
    setup = json.loads(manage("shell", "-c", SETUP.format(clients=args.clients)).splitlines()[-1])
    server = serve(args.server, args.workers)
    try:
        budget, proposals, costs = setup["budget"], setup["proposals"], setup["costs"]
        tokens = setup["tokens"]
        sent: dict[str, dict] = {
            f"voter{i}": {"acknowledged": 0, "last": []} for i in range(args.clients)
        }

        def ballot(i: int, state: dict) -> tuple:
            chosen, total = [], 0
            for j in random.sample(range(len(proposals)), 4):
                if total + costs[j] <= 1_000_000:
                    chosen.append(proposals[j])
                    total += costs[j]
            body = json.dumps({"choices": [{"proposal": p} for p in chosen]})
            voter = sent[f"voter{i}"]

            def on_reply(status: int) -> None:
                if status == 201:
                    voter["acknowledged"] += 1
                    voter["last"] = chosen

            return (
                "POST",
                f"/api/v1/pb/budgets/{budget}/ballot/",
                body,
                {"Authorization": f"Token {tokens[i]}", "Content-Type": "application/json"},
                on_reply,
            )

        def read(i: int, state: dict) -> tuple:
            return (
                "GET",
                f"/api/v1/pb/budgets/{budget}/ballot/",
                None,
                {"Authorization": f"Token {tokens[i]}"},
                lambda status: None,
            )

        print(
            f"{args.clients} clients, {args.seconds:.0f} s each, a new connection per request, "
            f"{args.server}, {args.workers} workers, PostgreSQL, all on this machine"
        )
        print("| request | done | rate | p50 | p95 | p99 | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        warm_up(args.clients, read)
        floor = report(
            "health check (the server's floor)",
            *drive(args.clients, args.seconds, health)[:2],
            args.seconds,
        )
        anchor = report(
            "read own ballot (anchor)", *drive(args.clients, args.seconds, read)[:2], args.seconds
        )
        latencies, errors, _ = drive(args.clients, args.seconds, ballot)
        rate = report("cast a ballot", latencies, errors, args.seconds)
        print(
            f"ballots per second / reads per second: {rate / anchor:.2f}; "
            f"/ health checks per second: {rate / floor:.2f}"
        )
        problems = manage(
            "shell", "-c", VERIFY, stdin=json.dumps({"budget": budget, "voters": sent})
        )
        print(f"acknowledged ballots not stored exactly: {problems.splitlines()[-1]}")
    finally:
        stop(server)


if __name__ == "__main__":
    main()
