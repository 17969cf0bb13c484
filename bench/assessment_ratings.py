"""A ratings summary over a million ratings of one thing, against a plain count of them.

    python bench/assessment_ratings.py [--database both|postgresql|sqlite] [--runs 5]
                                       [--fresh] [--drop]

As a part of another benchmark: ``fill(connection, vendor)`` adds the rows to a migrated
database, and ``readings()`` gives the named callables to time, the anchor first.

The fill: one initiative whose service has 1,000,000 ratings, one from each of 1,000,000
people (stars 1 to 5, a fifth with a comment, a tenth anonymous), and 200,000 more ratings
of 2,000 other things of the initiative from the same people, the two interleaved at random
so that the service's rows do not lie together on disk. Rows go in by bulk (psycopg's COPY
on PostgreSQL, ``executemany`` on SQLite) in one transaction, never through the services,
with every constraint in force. PostgreSQL is then vacuumed and analysed, as autovacuum
would after a load; SQLite is left without statistics, as a deployment has it.

Alone, it fills ``coproduce_bench_ratings`` on 127.0.0.1:5432 and
``var/bench-ratings.sqlite3`` once and reuses them while their marker (the table
``bench_fill``) says they hold this fill; then, in one process per database, round after
round (the first not counted), it times the anchor, ``SELECT COUNT(*) FROM ratings_rating
WHERE kind = 'service' AND thing_id = %s``, and ``ratings.selectors.summary_of`` (count,
distribution and mean, one GROUP BY stars), and prints the median, least and most of each
and the ratio. Goal: the summary within 3× the count.
"""

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from diagnostics import (  # noqa: E402  (beside this script)
    UNUSABLE,
    USER_COLUMNS,
    Loader,
    drop,
    filled,
    psql,
)

NAME = "coproduce_bench_ratings"
POSTGRES = f"postgres://postgres@127.0.0.1:5432/{NAME}"
SQLITE = ROOT / "var" / "bench-ratings.sqlite3"
URLS = {"postgresql": POSTGRES, "sqlite": f"sqlite:///{SQLITE}"}
TITLES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
SLUG = "bench-ratings"
RATINGS, OTHER_THINGS, EACH_OTHER = 1_000_000, 2_000, 100
FILL = {"version": 1, "ratings": RATINGS, "other_things": OTHER_THINGS, "each": EACH_OTHER}
ANCHOR = "`SELECT COUNT(*)` of the thing's ratings (anchor)"
SUMMARY = "`summary_of(thing)`: count, distribution, mean"

RATING_COLUMNS = (
    "initiative_id", "kind", "thing_id", "person_id", "stars", "comment", "anonymous",
    "created_at", "updated_at",
)  # fmt: skip


def fill(connection: Any, vendor: str) -> None:
    """The people, the initiative and its ratings, in one transaction (the caller marks the
    fill and, on PostgreSQL, vacuums). ``vendor`` is the connection's: COPY on
    ``postgresql``, ``executemany`` otherwise."""
    from django.core.management.color import no_style
    from django.db import transaction
    from django.utils import timezone

    from coproduce.accounts.models import User
    from coproduce.core.vocabulary import ServiceArea
    from coproduce.initiatives.models import Initiative

    rng = random.Random(19)
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic(using=connection.alias):
        loader = Loader(connection)
        loader.postgres = vendor == "postgresql"
        first = loader.next_id("accounts_user")
        people = range(first, first + RATINGS)
        loader.load(
            "accounts_user",
            USER_COLUMNS,
            (
                (pk, UNUSABLE, None, False, f"rater{pk}", "", "", "", False, True, stamp,
                 "", "", "", None, "", "")
                for pk in people
            ),
        )  # fmt: skip
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [User]):
                cursor.execute(statement)
        initiative = Initiative.objects.using(connection.alias).create(
            slug=SLUG,
            title="Benchmark: a million ratings",
            summary="A million ratings of the service.",
            service_area=ServiceArea.SOCIAL_CARE,
            locality="Benchtown",
            created_by_id=first,
        )
        stars = (1, 2, 3, 3, 4, 4, 4, 5, 5, 5)

        def ratings(kind: str, thing: int, raters: Iterable[int]) -> Iterator[tuple]:
            for person in raters:
                comment = "Good, but slow." if rng.random() < 0.2 else ""
                yield (initiative.pk, kind, thing, person, rng.choice(stars), comment,
                       rng.random() < 0.1, stamp, stamp)  # fmt: skip

        streams = [(ratings("service", initiative.pk, people), RATINGS)] + [
            (ratings("activity", thing, rng.sample(people, EACH_OTHER)), EACH_OTHER)
            for thing in range(1, OTHER_THINGS + 1)
        ]
        turns = [i for i, (_, length) in enumerate(streams) for _ in range(length)]
        rng.shuffle(turns)
        loader.load(
            "ratings_rating",
            RATING_COLUMNS,
            (next(streams[turn][0]) for turn in turns),
        )


def readings() -> dict[str, Callable[[], Any]]:
    """The callables to time, by name: the anchor first, then the summary."""
    from django.db import connection

    from coproduce.initiatives.models import Initiative
    from coproduce.ratings.selectors import summary_of

    thing = Initiative.objects.get(slug=SLUG).pk

    def anchor() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM ratings_rating WHERE kind = %s AND thing_id = %s",
                ["service", thing],
            )
            return int(cursor.fetchone()[0])

    return {ANCHOR: anchor, SUMMARY: lambda: summary_of("service", thing)}


# --- alone ------------------------------------------------------------------------------


def _prepare(database: str, fresh: bool) -> str:
    from django.core.management import call_command
    from django.db import connection

    if filled(database, NAME, SQLITE) == FILL and not fresh:
        call_command("migrate", verbosity=0)
        return "reused"
    connection.close()
    drop(database, NAME, SQLITE)
    if database == "postgresql":
        psql("postgres", f"CREATE DATABASE {NAME}")
    else:
        SQLITE.parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    fill(connection, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_fill (fill TEXT NOT NULL)")
        cursor.execute("INSERT INTO bench_fill (fill) VALUES (%s)", [json.dumps(FILL)])
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
    return f"filled in {time.perf_counter() - start:.0f} s"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _measure(database: str, runs: int, fresh: bool) -> None:
    import django

    django.setup()
    from django.db import connection

    how = _prepare(database, fresh)
    steps = readings()
    answer = steps[SUMMARY]()
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT 1")
        found = cursor.fetchone()[0]
    version = found if connection.vendor == "postgresql" else f"SQLite {sqlite3.sqlite_version}"
    print(f"\n### {TITLES[database]}: {how}\n")
    print(f"{str(version).split(' on ')[0]}; {RATINGS:,} ratings of one thing and "
          f"{OTHER_THINGS * EACH_OTHER:,} of {OTHER_THINGS:,} others; {runs} runs after one "
          f"not counted. The answer: {answer['count']:,} ratings, mean "
          f"{answer['mean']}\n")  # fmt: skip
    times: dict[str, list[float]] = {name: [] for name in steps}
    for round_ in range(runs + 1):
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            if round_:
                times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(found) for name, found in times.items()}
    print("| reading | median | least | most | / anchor |")
    print("|---|---:|---:|---:|---:|")
    for name, found in times.items():
        print(f"| {name} | {_ms(medians[name])} | {_ms(min(found))} | {_ms(max(found))} "
              f"| {medians[name] / medians[ANCHOR]:.2f} |")  # fmt: skip
    print(f"\nratings summary / count: {medians[SUMMARY] / medians[ANCHOR]:.2f}× (goal ≤ 3×)")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", choices=("both", "postgresql", "sqlite"), default="both")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="fill again even if filled")
    parser.add_argument("--drop", action="store_true", help="remove the filled databases")
    parser.add_argument("--on", choices=tuple(URLS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    databases = list(URLS) if args.database == "both" else [args.database]
    if args.drop:
        for database in databases:
            drop(database, NAME, SQLITE)
        return
    if args.on:
        _measure(args.on, args.runs, args.fresh)
        return
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "coproduce.settings", "COPRODUCE_DEBUG": "0"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    for database in databases:
        subprocess.run(
            [sys.executable, __file__, *sys.argv[1:], "--on", database],
            env={**env, "DATABASE_URL": URLS[database]},
            cwd=ROOT,
            check=True,
        )


if __name__ == "__main__":
    main()
