"""The diagnostics over a large record: one initiative, then a portfolio, each against a scan.

    python bench/diagnostics.py [--database both|postgresql|sqlite] [--runs 5] [--fresh]
                                [--queries] [--drop]

Fills a database once and reuses it while its marker (the table ``bench_fill``) says it holds
the same fill: ``coproduce_bench_diagnostics`` on 127.0.0.1:5432, ``var/bench-diagnostics.sqlite3``
for SQLite. The fill: one initiative with 1,000,000 contributions (minutes mostly, some money
and in-kind in pence, on stages of all three axes, 1 % of them reversed, so 2 % of the rows
are reversed pairs; dates over three years) from 20,000 active members of all three sides,
100,000 decisions (about three named participants each, 5 % exclusions, 1 % reversed) and
300 goals, with equality profiles for 12,000 of the people (``--profiles``); and a
portfolio of 500 initiatives, each with 2,000 contributions and 200
decisions from 40 of the same people, and 5 goals. Rows go in by bulk (psycopg's COPY on
PostgreSQL, ``executemany`` on SQLite) in one transaction, never through the services, with
every constraint, foreign key and append-only trigger in force; people get one fixed unusable
password hash. The initiatives' rows are interleaved at random, as a record written by all
of them over time holds them, so no initiative's rows lie together on disk. The record's
running totals are then made from the rows (``record.totals.rebuild``, as the migration that
adds them does for a record already there). PostgreSQL is vacuumed and analysed, as
autovacuum would after a load; SQLite is left without statistics, as a deployment has it.

Then, in one process per database, round after round (the first round not counted), it
times: the anchor, ``SELECT side, SUM(quantity) FROM record_contribution WHERE
initiative_id = %s GROUP BY side`` (a plain scan over the initiative's rows);
``diagnostics(initiative)`` (the whole answer, in the process); the same answer as the API
serves it (``GET /api/v1/initiatives/{slug}/diagnostics/`` to gunicorn with one worker on
127.0.0.1, a new connection per request, as the load benchmarks do; the production settings
but a worker time limit of 600 s); then the same scan over the portfolio's 500 initiatives
(``initiative_id IN (…)``), ``portfolio(…)`` over them and ``GET
/api/v1/diagnostics/portfolio/``. Prints the median, least and most of each and its ratio
to its anchor. Goals: the diagnostics within 3× their scan; the portfolio under
2 s. ``--queries`` also prints each statement of one diagnostics and one portfolio reading
with its time (PostgreSQL: with the plan of the slowest, from EXPLAIN ANALYZE). ``--drop``
removes the filled databases and stops.
"""

import argparse
import contextlib
import datetime
import http.client
import itertools
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import servers  # noqa: E402  (bench/servers.py, beside this script)
from voting import stop  # noqa: E402

NAME = "coproduce_bench_diagnostics"
POSTGRES = f"postgres://postgres@127.0.0.1:5432/{NAME}"
SQLITE = ROOT / "var" / "bench-diagnostics.sqlite3"
URLS = {"postgresql": POSTGRES, "sqlite": f"sqlite:///{SQLITE}"}
TITLES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
FILL_VERSION = 3
UNUSABLE = "!bench"  # starts with "!": Django's mark of a password no one can use
ONE, LOCALITY = "bench-one", "Benchtown"
DAYS = 3 * 365


def sizes_of(args: argparse.Namespace) -> dict[str, int]:
    return {
        "version": FILL_VERSION,
        "people": args.people,
        "profiles": args.profiles,
        "contributions": args.contributions,
        "decisions": args.decisions,
        "initiatives": args.initiatives,
        "each": args.each,
        "each_decisions": args.each_decisions,
    }


# --- the fill -------------------------------------------------------------------------


def psql(database: str, statement: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-q", "-c", statement],
        check=True,
        capture_output=True,
    )


def drop(database: str, name: str = NAME, sqlite: Path = SQLITE) -> None:
    """Remove a benchmark's database (this one's, unless another's name and file are given)."""
    if database == "postgresql":
        psql("postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite}{suffix}").unlink(missing_ok=True)


def filled(database: str, name: str = NAME, sqlite: Path = SQLITE) -> dict[str, Any] | None:
    """What the marker says the database holds, or None when it holds no finished fill."""
    try:
        if database == "postgresql":
            import psycopg

            url = f"postgres://postgres@127.0.0.1:5432/{name}"
            with psycopg.connect(url, connect_timeout=5) as db:
                row = db.execute("SELECT fill FROM bench_fill").fetchone()
        else:
            if not sqlite.exists():
                return None
            with contextlib.closing(sqlite3.connect(sqlite)) as db:
                row = db.execute("SELECT fill FROM bench_fill").fetchone()
    except Exception:  # no database, or no marker: not filled
        return None
    return json.loads(row[0]) if row else None


class Loader:
    """Rows into a table by bulk, with explicit ids where other rows point at them."""

    def __init__(self, connection: Any = None) -> None:
        from django.db import connection as default

        self.connection = connection or default
        self.postgres = self.connection.vendor == "postgresql"

    def next_id(self, table: str) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
            return int(cursor.fetchone()[0])

    def load(self, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> int:
        count = 0
        with self.connection.cursor() as cursor:
            if self.postgres:
                names = ", ".join(columns)
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
                return count
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
            iterator = iter(rows)
            while chunk := list(itertools.islice(iterator, 20_000)):
                cursor.executemany(sql, chunk)
                count += len(chunk)
        return count


CONTRIBUTION_COLUMNS = (
    "id", "side", "kind", "quantity", "unit", "description", "occurred_on", "recorded_at",
    "reason", "contributor_id", "initiative_id", "recorded_by_id", "reverses_id", "stage_id",
    "organisation_id", "paid", "source_id", "source_type_id",
)  # fmt: skip
DECISION_COLUMNS = (
    "id", "title", "outcome", "initiated_by_side", "decided_by", "rule", "evidence_url",
    "decided_on", "recorded_at", "reason", "initiated_by_id", "initiative_id",
    "recorded_by_id", "reverses_id", "stage_id", "carried", "kind", "source_id", "source_type_id",
)  # fmt: skip
PARTICIPANT_COLUMNS = ("side", "position", "headcount", "decision_id", "person_id")
MEMBERSHIP_COLUMNS = (
    "side", "role", "leadership_type", "is_coordinator", "status", "created_at", "updated_at",
    "initiative_id", "invited_by_id", "user_id", "is_reviewer",
)  # fmt: skip
USER_COLUMNS = (
    "id", "password", "last_login", "is_superuser", "username", "first_name", "last_name",
    "email", "is_staff", "is_active", "date_joined", "display_name", "locality", "bio",
    "birth_year", "availability", "skills",
)  # fmt: skip


class Record:
    """The random record of one initiative's members: its contributions, decisions and
    their participants, each a row ready for the loader."""

    def __init__(self, rng: random.Random, people: "People", stamp: Any, coordinator: int) -> None:
        from coproduce.core.vocabulary import Side

        self.rng, self.people, self.stamp, self.coordinator = rng, people, stamp, coordinator
        today = datetime.date.today()
        self.days = [(today - datetime.timedelta(days=d)).isoformat() for d in range(DAYS)]
        self.citizen, self.staff = Side.CITIZEN.value, Side.REGULAR_PRODUCER.value
        self.participants: list[tuple] = []

    def contributions(
        self,
        ids: Iterator[int],
        initiative: int,
        stages: Sequence[int],
        members: Sequence[int],
        weights: Sequence[float],
        count: int,
        organisations: Sequence[tuple[int, str]],
    ) -> Iterator[tuple]:
        """``count`` rows: 1 % of them reversed and their reversals, the rest standing."""
        rng, side_of = self.rng, self.people.side
        pairs = count // 100
        originals = count - pairs
        reversed_ = set(rng.sample(range(originals), pairs))
        kept = []
        for k in range(originals):
            person = rng.choices(members, cum_weights=weights)[0]
            side, organisation, contributor = side_of[person], None, self.people.ids[person]
            roll = rng.random()
            if roll < 0.92:
                unit, quantity = "minutes", 15 * rng.randint(1, 16)
                kind = "time" if roll < 0.80 else "skills" if roll < 0.87 else "decision_making"
            else:
                unit, quantity = "pence", rng.randint(100, 50_000)
                kind = "money" if roll < 0.97 else "in_kind"
                if kind == "money" and rng.random() < 0.5:
                    organisation, side = rng.choice(organisations)
                    contributor = None
            paid = side == self.staff and unit == "minutes"
            row = (
                next(ids), side, kind, quantity, unit, "", rng.choice(self.days), self.stamp, "",
                contributor, initiative, contributor or self.coordinator, None,
                rng.choice(stages), organisation, paid, None, None,
            )  # fmt: skip
            if k in reversed_:
                kept.append(row)
            yield row
        for row in kept:
            yield (
                next(ids), *row[1:3], -row[3], *row[4:8], "Recorded twice", *row[9:11],
                self.coordinator, row[0], *row[13:],
            )  # fmt: skip

    def decisions(
        self,
        ids: Iterator[int],
        initiative: int,
        stages: Sequence[int],
        members: Sequence[int],
        count: int,
    ) -> Iterator[tuple]:
        """``count`` rows: 1 % of them reversed and their reversals; each standing one with
        two to four named participants (kept in ``participants``)."""
        rng, side_of, people = self.rng, self.people.side, self.people.ids
        pairs = count // 100
        originals = count - pairs
        reversed_ = set(rng.sample(range(originals), pairs))
        kept = []
        for k in range(originals):
            decided_by = rng.choices(
                ("citizens", "professionals", "politicians", "joint"), (20, 40, 10, 30)
            )[0]
            rule = rng.choice(RULES[decided_by])
            if rng.random() < 0.85:
                initiator = rng.choice(members)
                initiated_by, initiated_side = people[initiator], side_of[initiator]
            else:
                initiated_by, initiated_side = None, rng.choice((self.citizen, self.staff))
            kind = "exclusion" if rng.random() < 0.05 else "decision"
            decision = next(ids)
            row = (
                decision, f"Decision {decision}", "", initiated_side, decided_by, rule, "",
                rng.choice(self.days), self.stamp, "", initiated_by, initiative,
                initiated_by or self.coordinator, None, rng.choice(stages),
                rng.random() < 0.9, kind, None, None,
            )  # fmt: skip
            for person in rng.sample(members, rng.choice((2, 3, 3, 4))):
                position = rng.choice(("for", "for", "against", "abstained", "present"))
                self.participants.append((side_of[person], position, 1, decision, people[person]))
            if k in reversed_:
                kept.append(row)
            yield row
        for row in kept:
            yield (
                next(ids), f"Reversal: {row[1]}", "", self.staff, *row[4:9], "Recorded in error",
                self.coordinator, row[11], self.coordinator, row[0], *row[14:],
            )  # fmt: skip


RULES = {
    "citizens": ("vote", "consensus"),
    "professionals": ("professional_sign_off", "delegated"),
    "politicians": ("political_decision",),
    "joint": ("consensus", "vote"),
}
ROLES = {
    "citizen": ("service_user", "carer", "resident", "volunteer", "community_leader"),
    "regular_producer": ("frontline_professional", "manager"),
    "political": ("councillor",),
}


class People:
    """Everyone in the fill: their user ids and the side each acts on everywhere (80 %
    citizens, 17 % staff, 3 % councillors; the first is the coordinator, on the staff side)."""

    def __init__(self, count: int, first_id: int) -> None:
        self.ids = [first_id + i for i in range(count)]
        self.side = [
            "regular_producer" if i == 0 or 80 <= i % 100 < 97 else
            "political" if i % 100 >= 97 else "citizen"
            for i in range(count)
        ]  # fmt: skip

    def memberships(
        self, rng: random.Random, initiative: int, members: Sequence[int], stamp: Any
    ) -> Iterator[tuple]:
        for person in members:
            side = self.side[person]
            yield (
                side, rng.choice(ROLES[side]), "", person == 0, "active", stamp, stamp,
                initiative, None, self.ids[person], False,
            )  # fmt: skip


def skewed(count: int, rng: random.Random) -> tuple[list[int], list[float]]:
    """Members in a random order with weights falling off as a power of their rank, so that
    a few carry much of the work (the burden figures have something to find)."""
    order = list(range(count))
    rng.shuffle(order)
    return order, list(itertools.accumulate(1 / (rank + 20) ** 1.2 for rank in range(count)))


def interleaved(
    rng: random.Random, streams: Sequence[tuple[Iterator[tuple], int]]
) -> Iterator[tuple]:
    """The rows of every stream (each with its length) in a random merge, as a record
    written over time by many initiatives at once holds them: no initiative's rows lie
    together on disk. Each stream keeps its own order (ids rise; a reversal comes after
    what it reverses)."""
    turns = [i for i, (_, length) in enumerate(streams) for _ in range(length)]
    rng.shuffle(turns)
    for turn in turns:
        yield next(streams[turn][0])


def fill(sizes: dict[str, int]) -> None:
    """Everything, in one transaction; the marker last."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from coproduce.accounts.models import User
    from coproduce.core.vocabulary import AXIS_STAGES, ServiceArea, StageKind
    from coproduce.equality.vocabulary import CHARACTERISTICS
    from coproduce.initiatives.models import (
        DIAGNOSTIC_DEFAULTS,
        DiagnosticSettings,
        Goal,
        Initiative,
        Stage,
        StageDeclaration,
    )
    from coproduce.organisations.models import Organisation, OrganisationKind
    from coproduce.record import totals
    from coproduce.record.models import Contribution, Decision

    rng = random.Random(18)
    loader = Loader()
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    today = datetime.date.today()
    with transaction.atomic():
        people = People(sizes["people"], loader.next_id("accounts_user"))
        loader.load(
            "accounts_user",
            USER_COLUMNS,
            (
                (user_id, UNUSABLE, None, False, f"bench{i}", "", "", "", False, True, stamp,
                 "", "", "", None, "", "")
                for i, user_id in enumerate(people.ids)
            ),
        )  # fmt: skip
        # equality profiles for the first so many people, every answer drawn (blank: not
        # answered), so the inclusion figures have people to count
        loader.load(
            "equality_equalityprofile",
            ("user_id", "consented_at", *CHARACTERISTICS),
            (
                (
                    user_id,
                    stamp,
                    *(rng.choice(["", *c.categories]) for c in CHARACTERISTICS.values()),
                )
                for user_id in people.ids[: sizes["profiles"]]
            ),
        )
        coordinator = people.ids[0]
        organisations = []
        for kind in OrganisationKind.values:
            organisation = Organisation.objects.create(name=f"Bench {kind}", kind=kind)
            side = "citizen" if kind in ("community_group", "third_sector") else "regular_producer"
            organisations.append((organisation.pk, side))

        one = Initiative.objects.create(
            slug=ONE,
            title="Benchmark: one large initiative",
            summary="A million contributions.",
            service_area=ServiceArea.SOCIAL_CARE,
            locality="Bigtown",
            created_by_id=coordinator,
        )
        start = today - datetime.timedelta(days=DAYS)
        stages = {
            kind: Stage.objects.create(initiative=one, kind=kind, status="active", starts_on=start)
            for kind in StageKind.values
        }
        declaration = StageDeclaration.objects.create(
            stage=stages[AXIS_STAGES["assessment"][0]],
            assessment="joint",
            evidence="The evaluation panel has four residents and two officers.",
            declared_by_id=coordinator,
            declared_on=today - datetime.timedelta(days=30),
        )
        Decision.objects.create(
            initiative=one,
            stage=declaration.stage,
            title="Who assesses the service",
            initiated_by_id=coordinator,
            initiated_by_side="regular_producer",
            decided_by="professionals",
            rule="professional_sign_off",
            kind="declaration",
            decided_on=declaration.declared_on,
            recorded_by_id=coordinator,
            source_type=ContentType.objects.get_for_model(StageDeclaration),
            source_id=declaration.pk,
        )
        everyone, weights = skewed(sizes["people"], rng)
        loader.load(
            "initiatives_membership",
            MEMBERSHIP_COLUMNS,
            people.memberships(rng, one.pk, range(sizes["people"]), stamp),
        )

        Initiative.objects.bulk_create(
            Initiative(
                slug=f"bench-portfolio-{i:04d}",
                title=f"Benchmark portfolio {i:04d}",
                summary="One of many.",
                service_area=ServiceArea.values[i % len(ServiceArea.values)],
                locality=LOCALITY,
                created_by_id=coordinator,
            )
            for i in range(sizes["initiatives"])
        )
        portfolio = list(Initiative.objects.filter(locality=LOCALITY).order_by("pk"))
        Stage.objects.bulk_create(
            Stage(initiative=initiative, kind=kind, status="active", starts_on=start)
            for initiative in portfolio
            for kind in rng.sample(StageKind.values, rng.randint(3, 7))
        )
        stages_of: dict[int, list[int]] = {}
        for initiative_id, stage_id in Stage.objects.filter(
            initiative__locality=LOCALITY
        ).values_list("initiative_id", "id"):
            stages_of.setdefault(initiative_id, []).append(stage_id)
        members_of = {i.pk: [0, *rng.sample(range(1, sizes["people"]), 39)] for i in portfolio}
        loader.load(
            "initiatives_membership",
            MEMBERSHIP_COLUMNS,
            itertools.chain.from_iterable(
                people.memberships(rng, pk, members, stamp) for pk, members in members_of.items()
            ),
        )
        DiagnosticSettings.objects.bulk_create(
            DiagnosticSettings(
                initiative=initiative, **{**DIAGNOSTIC_DEFAULTS, "threshold": Decimal("0.20")}
            )
            for initiative in portfolio[::10]
        )

        record = Record(rng, people, stamp, coordinator)
        contribution_ids = itertools.count(loader.next_id("record_contribution"))
        decision_ids = itertools.count(loader.next_id("record_decision"))
        one_stages = [stage.pk for stage in stages.values()]
        local = list(itertools.accumulate(1 / (rank + 2) for rank in range(40)))
        loader.load(
            "record_contribution",
            CONTRIBUTION_COLUMNS,
            interleaved(
                rng,
                [
                    (
                        record.contributions(
                            contribution_ids, one.pk, one_stages, everyone, weights,
                            sizes["contributions"], organisations,
                        ),
                        sizes["contributions"],
                    ),
                    *(
                        (
                            record.contributions(
                                contribution_ids, pk, stages_of[pk], members, local,
                                sizes["each"], organisations,
                            ),
                            sizes["each"],
                        )
                        for pk, members in members_of.items()
                    ),
                ],
            ),
        )  # fmt: skip
        loader.load(
            "record_decision",
            DECISION_COLUMNS,
            interleaved(
                rng,
                [
                    (
                        record.decisions(
                            decision_ids, one.pk, one_stages, everyone, sizes["decisions"]
                        ),
                        sizes["decisions"],
                    ),
                    *(
                        (
                            record.decisions(
                                decision_ids, pk, stages_of[pk], members, sizes["each_decisions"]
                            ),
                            sizes["each_decisions"],
                        )
                        for pk, members in members_of.items()
                    ),
                ],
            ),
        )  # fmt: skip
        loader.load("record_decisionparticipant", PARTICIPANT_COLUMNS, record.participants)
        Goal.objects.bulk_create(
            Goal(
                initiative_id=initiative_id,
                text=f"Goal {n}",
                proposed_by_id=people.ids[proposer],
                proposed_by_side=people.side[proposer],
                agreed_by_citizens=rng.random() < 0.6,
                agreed_by_professionals=rng.random() < 0.5,
                **(
                    {
                        "rejected_at": timezone.now(),
                        "rejected_by_id": coordinator,
                        "rejection_reason": "Out of scope.",
                    }
                    if rng.random() < 0.1
                    else {}
                ),
            )
            for initiative_id, count in [
                (one.pk, 300),
                *((pk, 5) for pk in members_of),
            ]
            for n in range(count)
            for proposer in [rng.randrange(sizes["people"])]
        )
        # the record's running totals, as the migration that adds them builds them for the
        # entries already there (rows loaded in bulk pass by the doors that keep them)
        totals.rebuild()
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [User, Contribution, Decision]
            ):
                cursor.execute(statement)
            cursor.execute("CREATE TABLE bench_fill (fill TEXT NOT NULL)")
            cursor.execute("INSERT INTO bench_fill (fill) VALUES (%s)", [json.dumps(sizes)])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def prepare(database: str, sizes: dict[str, int], fresh: bool) -> str:
    """A database holding this fill: the one already there, or a new one filled now."""
    from django.core.management import call_command
    from django.db import connection

    found = filled(database)
    if found == sizes and not fresh:
        call_command("migrate", verbosity=0)  # what the code has added since the fill
        return "reused"

    connection.close()
    drop(database)
    if database == "postgresql":
        psql("postgres", f"CREATE DATABASE {NAME}")
    else:
        SQLITE.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    migrated = time.perf_counter()
    fill(sizes)
    done = time.perf_counter()
    return f"filled in {done - migrated:.0f} s (after {migrated - start:.0f} s of migrations)"


# --- the timing -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str) -> bytes:
    """One request on a new connection; anything but 200 stops the benchmark."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        client.request("GET", path)
        reply = client.getresponse()
        body = reply.read()
    finally:
        client.close()
    if reply.status != 200:
        raise RuntimeError(f"GET {path}: {reply.status} {body[:300]!r}")
    return body


def serve(env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    """gunicorn with one worker, as production runs it, once it answers the health check."""
    port = free_port()
    # The production settings but for the worker's time limit (30 s), which a reading
    # before the indexes it needs can pass.
    process = servers.start("gunicorn", port, 1, {**env, "GUNICORN_CMD_ARGS": "--timeout 600"})
    deadline = time.monotonic() + 60
    while True:
        try:
            get(port, "/healthz")
            return process, port
        except (OSError, RuntimeError):
            if time.monotonic() > deadline or process.poll() is not None:
                raise
            time.sleep(0.5)


def scan(initiative_ids: Sequence[int]) -> Callable[[], Any]:
    """The anchor: the plain scan over the same rows, grouped by side."""
    from django.db import connection

    marks = ", ".join(["%s"] * len(initiative_ids))
    where = "initiative_id = %s" if len(initiative_ids) == 1 else f"initiative_id IN ({marks})"
    sql = f"SELECT side, SUM(quantity) FROM record_contribution WHERE {where} GROUP BY side"  # noqa: S608

    def run() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(sql, list(initiative_ids))
            return cursor.fetchall()

    return run


def statements(read: Callable[[], Any], explain: bool) -> None:
    """Each statement of one reading with its time, slowest first."""
    from django.db import connection

    seen: list[tuple[float, str, Any]] = []

    def timer(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seen.append((time.perf_counter() - start, sql, params))

    with connection.execute_wrapper(timer):
        read()
    print(f"{len(seen)} statements, {sum(s for s, _, _ in seen) * 1000:.0f} ms in all:")
    for seconds, sql, _ in sorted(seen, key=lambda found: found[0], reverse=True):
        print(f"  {seconds * 1000:8.1f} ms  {' '.join(sql.split())[:150]}")
    if explain and connection.vendor == "postgresql":
        _, sql, params = max(seen, key=lambda found: found[0])
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            print("\n".join(f"    {line}" for (line,) in cursor.fetchall()))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def measure(database: str, args: argparse.Namespace, env: dict[str, str]) -> None:
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from coproduce.diagnostics.selectors import diagnostics, portfolio, portfolio_initiatives
    from coproduce.initiatives.models import Initiative
    from coproduce.initiatives.selectors import initiatives_visible_to

    sizes = sizes_of(args)
    how = prepare(database, sizes, args.fresh)
    one = Initiative.objects.get(slug=ONE)
    many = list(Initiative.objects.filter(locality=LOCALITY).values_list("pk", flat=True))

    def the_portfolio() -> Any:
        visible = initiatives_visible_to(AnonymousUser())
        return portfolio(portfolio_initiatives(visible, locality=LOCALITY))

    answer = diagnostics(one)
    rows = the_portfolio()
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT 1")
        found = cursor.fetchone()[0]
    version = found if connection.vendor == "postgresql" else f"SQLite {sqlite3.sqlite_version}"
    print(f"\n### {TITLES[database]}: {how}\n")
    print(f"{str(version).split(' on ')[0]}; {sizes['contributions']:,} contributions and "
          f"{sizes['decisions']:,} decisions in one initiative, {sizes['initiatives']} "
          f"initiatives × {sizes['each']:,} and × {sizes['each_decisions']:,} in the portfolio; "
          f"{args.runs} runs after one not counted")  # fmt: skip
    burden, power = answer["burden"], answer["power"]
    print(f"The answer: {burden['people']:,} contributors, {burden['minutes']:,} minutes, Gini "
          f"{burden['gini']}, over the cap {burden['over_cap']:,}; {power['decisions']:,} "
          f"decisions, citizen voice {power['citizen_voice_share']}; cell "
          f"{answer['typology']['bovaird_cell']}; portfolio {len(rows)} rows\n")  # fmt: skip
    if args.queries:
        statements(lambda: diagnostics(one), explain=True)
        statements(the_portfolio, explain=True)
        print()

    server, port = serve(env)
    try:
        steps: list[tuple[str, Callable[[], Any]]] = [
            ("scan of the initiative's rows (anchor)", scan([one.pk])),
            ("`diagnostics(initiative)`", lambda: diagnostics(one)),
            ("`GET …/diagnostics/` (gunicorn, 1 worker)",
             lambda: get(port, f"/api/v1/initiatives/{ONE}/diagnostics/")),
            ("scan of the portfolio's rows (anchor)", scan(many)),
            ("`portfolio(…)`", the_portfolio),
            ("`GET /api/v1/diagnostics/portfolio/` (gunicorn, 1 worker)",
             lambda: get(port, f"/api/v1/diagnostics/portfolio/?locality={LOCALITY}")),
        ]  # fmt: skip
        times: dict[str, list[float]] = {name: [] for name, _ in steps}
        for round_ in range(args.runs + 1):
            for name, step in steps:
                start = time.perf_counter()
                step()
                if round_:
                    times[name].append(time.perf_counter() - start)
    finally:
        stop(server)
    print("| reading | median | least | most | / anchor |")
    print("|---|---:|---:|---:|---:|")
    medians = {name: statistics.median(found) for name, found in times.items()}
    anchor = 0.0
    for name, found in times.items():
        anchor = medians[name] if "anchor" in name else anchor
        print(f"| {name} | {ms(medians[name])} | {ms(min(found))} | {ms(max(found))} "
              f"| {medians[name] / anchor:.2f} |")  # fmt: skip
    one_anchor, one_read, one_api, many_anchor, many_read, many_api = medians.values()
    print(f"\ndiagnostics / scan: {one_read / one_anchor:.2f}× in the process, "
          f"{one_api / one_anchor:.2f}× through the API (goal ≤ 3×); "
          f"portfolio: {many_read:.2f} s in the process, {many_api:.2f} s through the API "
          f"(goal < 2 s), {many_read / many_anchor:.2f}× its scan")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("both", "postgresql", "sqlite"), default="both")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="fill again even if filled")
    parser.add_argument("--queries", action="store_true", help="time each statement once")
    parser.add_argument("--drop", action="store_true", help="remove the filled databases")
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--profiles", type=int, default=12_000)
    parser.add_argument("--contributions", type=int, default=1_000_000)
    parser.add_argument("--decisions", type=int, default=100_000)
    parser.add_argument("--initiatives", type=int, default=500)
    parser.add_argument("--each", type=int, default=2_000)
    parser.add_argument("--each-decisions", type=int, default=200)
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
        "COPRODUCE_DB_CONN_MAX_AGE": "60",
    }
    if args.on:
        measure(args.on, args, {**env, "DATABASE_URL": URLS[args.on]})
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
