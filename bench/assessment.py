"""Co-assessment over large tables, each part's answers against a plain count of its rows.

    python bench/assessment.py [--database both|postgresql|sqlite] [--runs 5] [--fresh]
                               [--drop]

Each part is a module beside this script (``PARTS``) with ``fill(connection)``, which adds
its rows in the transaction it is given, and ``readings()``, which returns
``[(label, callable)]``: the anchor first (a plain SQL count over the same rows), then the
answers compared with it. ``SIZE`` (optional) is what the part's fill holds: a part is filled
again when it changes. The parts' fills are kept in one database per engine and reused
while the marker (the table ``bench_fill``, a row a part) names the same fill:
``coproduce_bench_assessment`` on 127.0.0.1:5432, ``var/bench-assessment.sqlite3`` for
SQLite; a part not yet there is added to what is. PostgreSQL is then vacuumed and analysed,
as autovacuum would after a load; SQLite is left without statistics, as a deployment has it.

Then, in one process per database, round after round (the first round not counted), it
times each part's readings in turn and prints the median, least and most of each and its
ratio to the part's anchor in the same run. Goal: each answer within 3× its anchor.
``--drop`` removes the filled databases and stops.
"""

import argparse
import contextlib
import importlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from diagnostics import drop as shared_drop  # noqa: E402
from diagnostics import psql  # noqa: E402  (bench/diagnostics.py, beside this script)

NAME = "coproduce_bench_assessment"
POSTGRES = f"postgres://postgres@127.0.0.1:5432/{NAME}"
SQLITE = ROOT / "var" / "bench-assessment.sqlite3"
URLS = {"postgresql": POSTGRES, "sqlite": f"sqlite:///{SQLITE}"}
TITLES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# One module a part, beside this script.
PARTS = ["assessment_outcomes", "assessment_ratings"]
GOAL = 3.0


def drop(database: str) -> None:
    shared_drop(database, NAME, SQLITE)


def size_of(part: Any) -> str:
    return json.dumps(getattr(part, "SIZE", {}), sort_keys=True)


def marked() -> dict[str, str]:
    """What the marker says each part's fill holds (nothing when there is no marker)."""
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT part, fill FROM bench_fill")
            return dict(cursor.fetchall())
    except Exception:  # no marker table: nothing is filled
        connection.close()
        return {}


def prepare(database: str, parts: dict[str, Any], fresh: bool) -> str:
    """A database holding every part's fill: what is there, and any part missing added."""
    from django.core.management import call_command
    from django.db import connection, transaction

    found = {} if fresh else marked()
    if fresh or (found and any(found.get(n, size_of(p)) != size_of(p) for n, p in parts.items())):
        connection.close()
        drop(database)
        found = {}
    if not found and not SQLITE.exists() and database == "sqlite":
        SQLITE.parent.mkdir(parents=True, exist_ok=True)
    if database == "postgresql" and not found:
        with contextlib.suppress(subprocess.CalledProcessError):
            psql("postgres", f"CREATE DATABASE {NAME}")
    call_command("migrate", verbosity=0)
    done = []
    for name, part in parts.items():
        if name in found:
            continue
        start = time.perf_counter()
        with transaction.atomic():
            part.fill(connection)
            with connection.cursor() as cursor:
                cursor.execute("CREATE TABLE IF NOT EXISTS bench_fill (part TEXT, fill TEXT)")
                cursor.execute("INSERT INTO bench_fill VALUES (%s, %s)", [name, size_of(part)])
        done.append(f"{name} filled in {time.perf_counter() - start:.0f} s")
    if done and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return "; ".join(done) or "reused"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def measure(database: str, args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.db import connection

    parts = {name: importlib.import_module(name) for name in PARTS}
    how = prepare(database, parts, args.fresh)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT 1")
        found = cursor.fetchone()[0]
    version = found if connection.vendor == "postgresql" else f"SQLite {sqlite3.sqlite_version}"
    print(f"\n### {TITLES[database]}: {how}\n")
    print(f"{str(version).split(' on ')[0]}; {args.runs} runs after one not counted\n")
    steps = [(name, label, read) for name, part in parts.items() for label, read in part.readings()]
    times: dict[tuple[str, str], list[float]] = {(n, label): [] for n, label, _ in steps}
    for round_ in range(args.runs + 1):
        for name, label, read in steps:
            start = time.perf_counter()
            read()
            if round_:
                times[(name, label)].append(time.perf_counter() - start)
    print("| part | reading | median | least | most | / anchor |")
    print("|---|---|---:|---:|---:|---:|")
    anchors: dict[str, float] = {}
    worst = 0.0
    for (name, label), found_times in times.items():
        median = statistics.median(found_times)
        anchor = anchors.setdefault(name, median)  # each part's first reading is its anchor
        ratio = median / anchor
        if median is not anchor:
            worst = max(worst, ratio)
        print(f"| {name.removeprefix('assessment_')} | {label} | {ms(median)} "
              f"| {ms(min(found_times))} | {ms(max(found_times))} | {ratio:.2f} |")  # fmt: skip
    verdict = "within" if worst <= GOAL else "NOT within"
    print(f"\nThe slowest answer is {worst:.2f}× its anchor: {verdict} the goal of {GOAL:g}×.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("both", "postgresql", "sqlite"), default="both")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="fill again even if filled")
    parser.add_argument("--drop", action="store_true", help="remove the filled databases")
    parser.add_argument("--on", choices=tuple(URLS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    databases = list(URLS) if args.database == "both" else [args.database]
    if args.drop:
        for database in databases:
            drop(database)
        return
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coproduce.settings",
        "COPRODUCE_DEBUG": "0",
        "COPRODUCE_THROTTLE_ANON": "100000/min",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    if args.on:
        measure(args.on, args)
        return
    for database in databases:
        subprocess.run(
            [sys.executable, __file__, *sys.argv[1:], "--on", database],
            env={**env, "DATABASE_URL": URLS[database]},
            cwd=ROOT,
            check=True,
        )


if __name__ == "__main__":
    main()
