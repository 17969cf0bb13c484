"""Pages under load: the home page and a site-wide search against the health check.

    python bench/pages.py [--initiatives 1000] [--proposals 100000] [--people 10000]
                          [--clients 20] [--seconds 20] [--workers 4] [--fresh] [--drop]

Fills a PostgreSQL database (``coproduce_bench_pages`` on 127.0.0.1:5432) once and reuses it
while its marker (the table ``bench_fill``) says it holds the same fill: ``--people``
accounts (one fixed unusable password hash), ``--initiatives`` initiatives (one in ten
members only; each with a prioritisation stage, a PB process taking proposals and one
budget, and ten members from the people), and ``--proposals`` proposals spread evenly over
them, whose titles (3 words) and texts (15 words) are drawn from a vocabulary of 800 words,
so a word searched for is in about 2 % of the documents (some 2,200 of 100,000). Rows go
in by the ORM's bulk inserts, not through the services; the search index is then built as
``coproduce search_reindex`` builds it, and the database is vacuumed and analysed, as
autovacuum would after a load.

Serves the app with the production server (gunicorn, ``bench/servers.py``; the production
settings, ``--workers`` workers) on 127.0.0.1 only; then, one after the other in the same
run, ``--clients`` clients send request after request for ``--seconds`` seconds, each on a
new connection (``bench/voting.py``'s load generator), signed out: ``GET /healthz`` (the
anchor: middleware and one query), ``GET /`` (the home page), ``GET /search/?q=WORD`` (a
word of the vocabulary drawn at random each request, after each word was searched once in
the warm-up, as visitors searched before: pages kept while the index is unchanged are
served, ADR 0055) and, for scale, the same search with a
parameter the page does not read (``&n=I``, a new address each time: every one computed).
Prints each one's latency percentiles and the ratio of its p95 to the anchor's (goal: at
most 3× for the home page and the search).

Last, with the server stopped, the database's own part of a search, for scale: the mean
time PostgreSQL takes to count one word's documents (``count(*)`` over the GIN index, no
ranking, no page), against the machine time one health check took under load (the
processors divided by its rate). Smaller fills for a quick run: ``--initiatives 100
--proposals 5000 --people 1000 --seconds 5``.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import servers  # noqa: E402  (bench/servers.py, beside this script)
import voting  # noqa: E402  (its load generator and report)
from diagnostics import drop, filled, psql  # noqa: E402

NAME = "coproduce_bench_pages"
DATABASE = f"postgres://postgres@127.0.0.1:5432/{NAME}"
PORT = 8772
FILL_VERSION = 1
UNUSABLE = "!bench"
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE,
    "DJANGO_SETTINGS_MODULE": "coproduce.settings",
    "COPRODUCE_DEBUG": "0",
    "COPRODUCE_THROTTLE_USER": "100000/min",
    "COPRODUCE_THROTTLE_ANON": "100000/min",
    "COPRODUCE_RATELIMIT_SEARCH": "100000/m",  # the load is the point here, not the limit
    "COPRODUCE_DB_CONN_MAX_AGE": "60",
}
# 800 made-up but pronounceable words, each equally likely.
SYLLABLES = ["bar", "cel", "dun", "fen", "gar", "hol", "kin", "lom", "mar", "nor"]
ENDINGS = ["ley", "ton", "wick", "side", "field", "brook", "ham", "ford"]
VOCABULARY = [f"{a}{b}{end}" for a in SYLLABLES for b in SYLLABLES for end in ENDINGS]


def sizes_of(args: argparse.Namespace) -> dict[str, int]:
    return {
        "version": FILL_VERSION,
        "initiatives": args.initiatives,
        "proposals": args.proposals,
        "people": args.people,
    }


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(count))


def fill(sizes: dict[str, int]) -> None:
    """The people, initiatives, processes and proposals, then the search index."""
    from django.db import connection, transaction

    from coproduce.accounts.models import User
    from coproduce.budgeting.models import Budget, Phase, Process, Proposal
    from coproduce.core.vocabulary import Role, ServiceArea, Side, StageKind
    from coproduce.initiatives.models import Initiative, Membership, Stage
    from coproduce.search.services import index_rebuild

    rng = random.Random(22)
    batch = 5000
    with transaction.atomic():
        User.objects.bulk_create(
            (
                User(username=f"person{n}", password=UNUSABLE, display_name=f"Person {n}")
                for n in range(sizes["people"])
            ),
            batch_size=batch,
        )
        people = list(User.objects.order_by("pk").values_list("pk", flat=True))
        areas = ServiceArea.values
        Initiative.objects.bulk_create(
            (
                Initiative(
                    slug=f"bench-{n}",
                    title=f"{words(rng, 2).title()} {n}",
                    summary=words(rng, 30),
                    service_area=areas[n % len(areas)],
                    locality=rng.choice(VOCABULARY).title(),
                    visibility="members" if n % 10 == 9 else "public",
                )
                for n in range(sizes["initiatives"])
            ),
            batch_size=batch,
        )
        initiatives = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
        Membership.objects.bulk_create(
            (
                Membership(
                    initiative_id=initiative,
                    user_id=person,
                    side=Side.CITIZEN,
                    role=Role.RESIDENT,
                    status="active",
                    is_coordinator=k == 0,
                )
                for n, initiative in enumerate(initiatives)
                for k, person in enumerate(rng.sample(people, min(10, len(people))))
            ),
            batch_size=batch,
        )
        Stage.objects.bulk_create(
            Stage(initiative_id=i, kind=StageKind.CO_PRIORITISATION, status="active")
            for i in initiatives
        )
        stages = dict(Stage.objects.values_list("initiative_id", "pk"))
        Process.objects.bulk_create(
            Process(initiative_id=i, stage_id=stages[i], title="Budget", phase=Phase.PROPOSALS)
            for i in initiatives
        )
        processes = list(Process.objects.order_by("pk").values_list("pk", flat=True))
        Budget.objects.bulk_create(
            Budget(process_id=p, name="Whole area", amount=10_000_000) for p in processes
        )
        budgets = list(Budget.objects.order_by("pk").values_list("pk", flat=True))
        Proposal.objects.bulk_create(
            (
                Proposal(
                    budget_id=budgets[n % len(budgets)],
                    author_id=people[n % len(people)],
                    title=words(rng, 3).capitalize(),
                    description=words(rng, 15),
                    estimated_cost=rng.randrange(1_000, 1_000_000),
                )
                for n in range(sizes["proposals"])
            ),
            batch_size=batch,
        )
        start = time.perf_counter()
        indexed = index_rebuild()
        print(f"indexed {indexed:,} documents in {time.perf_counter() - start:.0f} s", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_fill (fill TEXT NOT NULL)")
            cursor.execute("INSERT INTO bench_fill (fill) VALUES (%s)", [json.dumps(sizes)])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def prepare(sizes: dict[str, int], fresh: bool) -> str:
    """A database holding this fill: the one already there, or a new one filled now."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if filled("postgresql", NAME) == sizes and not fresh:
        call_command("migrate", verbosity=0)
        connection.close()
        return "reused"
    connection.close()
    drop("postgresql", NAME)
    psql("postgres", f"CREATE DATABASE {NAME}")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    migrated = time.perf_counter()
    fill(sizes)
    connection.close()
    done = time.perf_counter()
    return f"filled in {done - migrated:.0f} s (after {migrated - start:.0f} s of migrations)"


def kept_pages() -> int:
    import psycopg

    with psycopg.connect(DATABASE) as db:
        return db.execute("SELECT count(*) FROM search_keptpage").fetchone()[0]


def counting_time(rng: random.Random, words: int = 200) -> float:
    """The mean time, in seconds, of counting the documents holding one word of the
    vocabulary (as a search's prefix term), on one connection, after ten to warm it."""
    import psycopg

    statement = (
        "SELECT count(*) FROM search_searchdocument WHERE search_vector @@ to_tsquery('simple', %s)"
    )
    chosen = [f"{rng.choice(VOCABULARY)}:*" for _ in range(words + 10)]
    with psycopg.connect(DATABASE) as db:
        for word in chosen[:10]:
            db.execute(statement, [word]).fetchone()
        start = time.perf_counter()
        for word in chosen[10:]:
            db.execute(statement, [word]).fetchone()
        return (time.perf_counter() - start) / words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=1_000)
    parser.add_argument("--proposals", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--fresh", action="store_true", help="fill again even if filled")
    parser.add_argument("--drop", action="store_true", help="remove the filled database")
    args = parser.parse_args()
    if args.drop:
        drop("postgresql", NAME)
        return
    os.environ.update(ENV)
    sizes = sizes_of(args)
    print(f"database: {prepare(sizes, args.fresh)} ({json.dumps(sizes)})", flush=True)

    voting.PORT = PORT  # the load generator's port: this benchmark's server
    rng = random.Random(7)

    def health(i: int, state: dict) -> tuple:
        return ("GET", "/healthz", None, {}, lambda status: None)

    def home(i: int, state: dict) -> tuple:
        return ("GET", "/", None, {}, lambda status: None)

    def search(i: int, state: dict) -> tuple:
        return ("GET", f"/search/?q={rng.choice(VOCABULARY)}", None, {}, lambda s: None)

    def every_word_once(i: int, state: dict) -> tuple:
        n = state["searched"] = state.get("searched", -1) + 1
        return ("GET", f"/search/?q={VOCABULARY[n % len(VOCABULARY)]}", None, {}, lambda s: None)

    def search_computed(i: int, state: dict) -> tuple:
        # A parameter search does not read: the same page, never kept (core.pagecache).
        address = f"/search/?q={rng.choice(VOCABULARY)}&n={i}"
        return ("GET", address, None, {}, lambda s: None)

    process = servers.start("gunicorn", PORT, args.workers, ENV)
    time.sleep(3)
    try:
        voting.warm_up(args.clients, health)
        voting.warm_up(args.clients, home)
        voting.warm_up(args.clients, search)
        # Visitors have searched before: each word once, in order (its page is then kept
        # until the index changes). The search run then draws words at random.
        voting.drive(args.clients, len(VOCABULARY) / 80, every_word_once)
        print(f"kept search pages before the run: {kept_pages()}", flush=True)
        print(f"\n{args.clients} clients, {args.seconds:.0f} s each, gunicorn x{args.workers}\n")
        print("| request | done | rate | p50 | p95 | p99 | errors |")
        print("|---|---|---|---|---|---|---|")
        p95: dict[str, float] = {}
        rates: dict[str, float] = {}
        runs = (
            ("GET /healthz", health),
            ("GET /", home),
            ("search", search),
            ("search, computed", search_computed),
        )
        for name, make in runs:
            latencies, errors, _ = voting.drive(args.clients, args.seconds, make)
            rates[name] = voting.report(name, latencies, errors, args.seconds)
            p95[name] = voting.statistics.quantiles(latencies, n=100)[94]
    finally:
        voting.stop(process)
    anchor = p95["GET /healthz"]
    print()
    health_machine_ms = (os.cpu_count() or 1) / rates["GET /healthz"] * 1000
    counting_ms = counting_time(random.Random(11)) * 1000
    print(
        f"counting one word's documents in PostgreSQL alone: {counting_ms:.2f} ms, "
        f"{counting_ms / health_machine_ms:.1f}x the machine time of one health check "
        f"({health_machine_ms:.2f} ms)"
    )
    for name in ("GET /", "search"):
        ratio = p95[name] / anchor
        verdict = "within" if ratio <= 3 else "over"
        print(f"{name}: p95 {ratio:.1f}x the health check's ({verdict} the 3x goal)")
    computed = p95["search, computed"] / anchor
    print(f"search, computed every time (for scale): p95 {computed:.1f}x the health check's")


if __name__ == "__main__":
    main()
