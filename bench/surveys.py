"""Surveys at scale: the results of a large survey against a scan of its answers, then
responses submitted under load to the production server.

    python bench/surveys.py [--responses 100000] [--runs 5] [--fresh] [--drop]
                            [--clients 60] [--seconds 20] [--workers 4] [--no-load]

Results. Fills a PostgreSQL database once (``coproduce_bench_surveys`` on 127.0.0.1:5432)
and reuses it while its marker (the table ``bench_fill``) names the same fill: one
initiative with an open survey of 20 questions (6 single choices, 3 multiple choices of at
most 3, 4 ratings, 2 numbers, 2 short and 1 long text, an equality question and one ranking
of 10 options, all 10 put in order) and ``--responses`` responses to it, the ranking drawn
from a shared taste plus each respondent's noise, texts in about a third of them. Rows go
in by COPY in one transaction, never through the services, with every constraint in force;
then the database is vacuumed and analysed, as autovacuum would after a load. Round after
round (the first not counted) it times the anchor, ``SELECT question_id, option, number,
COUNT(*) FROM surveys_answer WHERE survey_id = %s GROUP BY 1, 2, 3`` (one plain scan of the
answers), then ``surveys.selectors.results`` as the public results page reads it (counts,
percentages, distributions, means, Borda and Schulze with the pairwise table) and as
coordinators read it (with the free text). Goal: each within 3× the anchor.

Load. A second open survey of the same 20 questions, answered by anyone with the link,
served by the production server (gunicorn, ``bench/servers.py``) on 127.0.0.1 only, and
``--people`` accounts with an API token each, shared among the clients. After a two-second
warm-up, each client posts response after response to
``/api/v1/initiatives/{slug}/surveys/{id}/respond/`` (the API's one write path, as the
pages'), each on a new connection and each as the next of its people, so each is a new
respondent's first response (a client out of people changes its last one's answers), for
``--seconds``. Before it: the health check (the server's floor) and reading the survey (the
anchor), in the same run. Goal: 300 responses a second with a p95 under 300 ms. Then it
checks that every new response acknowledged (201) is stored, none without its answers.
"""

import argparse
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import servers  # noqa: E402  (bench/servers.py, beside this script)
import voting  # noqa: E402  (the load driver: bench/voting.py)
from diagnostics import Loader, psql  # noqa: E402

NAME = "coproduce_bench_surveys"
DATABASE = f"postgres://postgres@127.0.0.1:5432/{NAME}"
FILL_VERSION = 2
PORT = 8767
GOAL_RATIO, GOAL_RATE, GOAL_P95 = 3.0, 300.0, 0.300
SLUG = "bench-surveys"
RANKED = [f"Need {n}" for n in range(1, 11)]  # the ranking's ten options
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE,
    "DJANGO_SETTINGS_MODULE": "coproduce.settings",
    "COPRODUCE_DEBUG": "0",
    "COPRODUCE_THROTTLE_USER": "1000000/min",
    "COPRODUCE_THROTTLE_ANON": "1000000/min",
    "COPRODUCE_DB_CONN_MAX_AGE": "60",
    "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
}
ANSWER_COLUMNS = ("survey_id", "response_id", "question_id", "option", "number", "text")
RESPONSE_COLUMNS = (
    "id", "survey_id", "respondent", "person_id", "code_id", "paper", "entered_by_id",
    "illustrative", "submitted_at", "updated_at",
)  # fmt: skip


def questions() -> list[dict[str, Any]]:
    """The 20 questions, as ``question_add`` takes them."""
    four = ["Often", "Sometimes", "Rarely", "Never"]
    six = ["Shop", "Post office", "Cafe", "Bus", "Doctor", "Library"]
    asked: list[dict[str, Any]] = []
    for n in range(1, 7):
        asked.append({"kind": "single", "text": f"How often do you need {n}?", "options": four})
    for n in range(1, 4):
        asked.append(
            {"kind": "multiple", "text": f"Which of these {n}?", "options": six, "most": 3}
        )
    asked += [{"kind": "rating", "text": f"How good is {n} now?"} for n in range(1, 5)]
    asked += [
        {"kind": "number", "text": "Hours a month you could give", "low": 0, "high": 200},
        {"kind": "number", "text": "Miles to the nearest shop", "low": 0, "high": 50},
        {"kind": "short_text", "text": "What is most missing?"},
        {"kind": "short_text", "text": "Where do you shop?"},
        {"kind": "long_text", "text": "Anything else?"},
        {"kind": "equality", "text": "Your age", "characteristic": "age_band"},
        {"kind": "ranking", "text": "Put the needs in order", "options": RANKED},
    ]
    return asked


def survey_make(title: str, audience: str) -> Any:
    """An initiative (made once) and an open survey of the 20 questions in it."""
    from coproduce.accounts.models import User
    from coproduce.core.vocabulary import Role, ServiceArea, Side
    from coproduce.initiatives import services as initiatives
    from coproduce.initiatives.models import Initiative
    from coproduce.surveys import services

    coordinator, _ = User.objects.get_or_create(username="bench-coordinator")
    initiative = Initiative.objects.filter(slug=SLUG).first() or initiatives.initiative_create(
        actor=coordinator,
        title="Benchmark: surveys",
        summary="A large survey.",
        service_area=ServiceArea.HOUSING,
        side=Side.REGULAR_PRODUCER,
        role=Role.MANAGER,
        slug=SLUG,
    )
    survey = services.survey_create(
        actor=coordinator, initiative=initiative, title=title, purpose="needs", audience=audience
    )
    for question in questions():
        services.question_add(actor=coordinator, survey=survey, **question)
    services.survey_set_status(actor=coordinator, survey=survey, status="open")
    return survey


def answer_values(rng: random.Random, asked: list[Any]) -> dict[str, Any]:
    """One respondent's answers to the survey's questions, by field (``q<id>``)."""
    taste = [len(RANKED) - i + rng.gauss(0, 4) for i in range(len(RANKED))]
    values: dict[str, Any] = {}
    for q in asked:
        key = f"q{q.pk}"
        if q.kind == "single":
            values[key] = rng.choice(q.options)
        elif q.kind == "multiple":
            values[key] = rng.sample(q.options, rng.randint(1, 3))
        elif q.kind == "rating":
            values[key] = rng.choice((1, 2, 3, 3, 4, 4, 4, 5, 5))
        elif q.kind == "number":
            values[key] = rng.randint(q.low or 0, min(q.high or 0, 40))
        elif q.kind == "equality":
            values[key] = rng.choice(q.options)
        elif q.kind == "ranking":
            values[key] = [q.options[i] for i in sorted(range(10), key=lambda i: -taste[i])]
        elif rng.random() < 0.3:
            values[key] = rng.choice(("More buses", "A shop", "Somewhere to meet", "Post office"))
    return values


def fill(connection: Any, responses: int) -> int:
    """The survey and its responses by COPY, in the caller's transaction. The survey's id."""
    from django.utils import timezone

    rng = random.Random(20)
    survey = survey_make("What the village needs (large)", "link")
    stamp = timezone.now()
    loader = Loader(connection)
    first = loader.next_id("surveys_response")
    loader.load(
        "surveys_response",
        RESPONSE_COLUMNS,
        (
            (first + i, survey.pk, f"bench:{i}", None, None, False, None, False, stamp, stamp)
            for i in range(responses)
        ),
    )
    asked = list(survey.questions.all())
    by_id = {f"q{q.pk}": q for q in asked}

    def rows() -> Iterator[tuple]:
        for i in range(responses):
            for key, value in answer_values(rng, asked).items():
                q = by_id[key]
                if q.kind in ("ranking", "multiple"):  # numbered in the order given
                    for place, label in enumerate(value, start=1):
                        yield (survey.pk, first + i, q.pk, q.options.index(label), place, "")
                elif q.kind in ("single", "equality"):
                    yield (survey.pk, first + i, q.pk, q.options.index(value), None, "")
                elif q.kind in ("rating", "number"):
                    yield (survey.pk, first + i, q.pk, None, value, "")
                else:
                    yield (survey.pk, first + i, q.pk, None, None, value)

    loader.load("surveys_answer", ANSWER_COLUMNS, rows())
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval('surveys_response_id_seq', %s)", [first + responses])
    return int(survey.pk)


def prepare(responses: int, fresh: bool) -> tuple[int, str]:
    """The database holding the large survey (filled now, or as it was): its survey's id."""
    from django.core.management import call_command
    from django.db import connection, transaction

    size = json.dumps({"version": FILL_VERSION, "responses": responses})
    found: dict[str, str] = {}
    if not fresh:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT part, fill FROM bench_fill")
                found = dict(cursor.fetchall())
        except Exception:  # no database or no marker: nothing is filled
            connection.close()
    if found.get("surveys") == size:
        return int(found["survey"]), "reused"
    connection.close()
    drop()
    psql("postgres", f"CREATE DATABASE {NAME}")
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    with transaction.atomic():
        survey = fill(connection, responses)
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_fill (part TEXT, fill TEXT)")
            cursor.execute(
                "INSERT INTO bench_fill VALUES ('surveys', %s), ('survey', %s)", [size, survey]
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return survey, f"filled in {time.perf_counter() - start:.0f} s"


def drop() -> None:
    psql("postgres", f"DROP DATABASE IF EXISTS {NAME} WITH (FORCE)")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def measure_results(args: argparse.Namespace) -> None:
    """Part one, in this process (Django set up on the bench database)."""
    import django

    django.setup()
    from django.db import connection

    from coproduce.surveys import selectors
    from coproduce.surveys.models import Answer, Survey

    pk, how = prepare(args.responses, args.fresh)
    survey = Survey.objects.get(pk=pk)
    answers = Answer.objects.filter(survey=survey).count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    print(f"\n### Results of {args.responses:,} responses ({answers:,} answer rows): {how}\n")
    print(f"{version}; {args.runs} runs after one not counted\n")

    def anchor() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT question_id, option, number, COUNT(*) FROM surveys_answer "
                "WHERE survey_id = %s GROUP BY 1, 2, 3",
                [pk],
            )
            return cursor.fetchall()

    def public() -> Any:
        return selectors.results(survey, with_text=False)

    def coordinators() -> Any:
        return selectors.results(survey, with_text=True)

    readings = [
        ("plain scan of the answers, `GROUP BY question, option, number` (anchor)", anchor),
        ("`results(survey)`: the public results", public),
        ("`results(survey, with_text=True)`: the coordinators'", coordinators),
    ]
    times: dict[str, list[float]] = {label: [] for label, _ in readings}
    for round_ in range(args.runs + 1):
        for label, read in readings:
            start = time.perf_counter()
            read()
            if round_:
                times[label].append(time.perf_counter() - start)
    print("| reading | median | least | most | / anchor |")
    print("|---|---:|---:|---:|---:|")
    base = statistics.median(times[readings[0][0]])
    worst = 0.0
    for label, found in times.items():
        median = statistics.median(found)
        ratio = median / base
        if label != readings[0][0]:
            worst = max(worst, ratio)
        print(f"| {label} | {ms(median)} | {ms(min(found))} | {ms(max(found))} | {ratio:.2f} |")
    verdict = "within" if worst <= GOAL_RATIO else "NOT within"
    print(f"\nThe slowest is {worst:.2f}× its anchor: {verdict} the goal of {GOAL_RATIO:g}×.")


SETUP = """
import json, random, sys
sys.path.insert(0, {here!r})
from surveys import answer_values, survey_make
survey = survey_make("What the village needs (under load)", "link")
from django.contrib.auth.hashers import make_password
from coproduce.accounts.models import User
from coproduce.accounts.services import token_create
rng = random.Random(21)
asked = list(survey.questions.all())
password = make_password("x" * 20)  # hashed once: hashing is slow by design
people = User.objects.bulk_create(
    User(username=f"respondent{{survey.pk}}-{{i}}", password=password) for i in range({people}))
tokens = [token_create(actor=person)[1] for person in people]
print(json.dumps({{"survey": survey.pk, "tokens": tokens,
                  "bodies": [answer_values(rng, asked) for _ in range(200)]}}))
"""

VERIFY = """
from django.db.models import Count
from coproduce.surveys.models import Response
found = Response.objects.filter(survey_id={survey}).annotate(n=Count("answers"))
print(found.count(), min((r.n for r in found), default=0))
"""


def manage(*args: str) -> str:
    return subprocess.run(
        [str(servers.BIN / "coproduce"), *args],
        env=ENV,
        cwd=ROOT,
        text=True,
        capture_output=True,
        check=True,
    ).stdout


def measure_load(args: argparse.Namespace) -> None:
    """Part two: the production server, driven by ``bench/voting.py``'s clients."""
    voting.PORT = PORT
    made = manage("shell", "-c", SETUP.format(here=str(HERE), people=args.people))
    setup = json.loads(made.splitlines()[-1])
    survey, bodies = (
        setup["survey"],
        [json.dumps({"answers": b, "consent": True}) for b in setup["bodies"]],
    )
    tokens = setup["tokens"]
    each = len(tokens) // args.clients  # each client answers as its own people in turn
    base = f"/api/v1/initiatives/{SLUG}/surveys/{survey}/"
    server = servers.start(args.server, PORT, args.workers, ENV)
    time.sleep(3)
    acknowledged = [0]
    try:

        def respond(i: int, state: dict) -> tuple:
            def on_reply(status: int) -> None:
                if status == 201:
                    acknowledged[0] += 1

            sent = state.get(i, 0)
            state[i] = sent + 1
            token = tokens[i * each + min(sent, each - 1)]  # a new person, while there are
            headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
            return ("POST", base + "respond/", bodies[(i + sent) % len(bodies)], headers, on_reply)

        def read(i: int, state: dict) -> tuple:
            return ("GET", base, None, {}, lambda status: None)

        print(
            f"\n### Responses under load\n\n{args.clients} clients, {args.seconds:.0f} s each, "
            f"a new connection per request, {args.server}, {args.workers} workers, "
            "PostgreSQL, all on this machine\n"
        )
        print("| request | done | rate | p50 | p95 | p99 | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        voting.warm_up(args.clients, read)
        floor = voting.report(
            "health check (the server's floor)",
            *voting.drive(args.clients, args.seconds, voting.health)[:2],
            args.seconds,
        )
        anchor = voting.report(
            "read the survey (anchor)",
            *voting.drive(args.clients, args.seconds, read)[:2],
            args.seconds,
        )
        latencies, errors, _ = voting.drive(args.clients, args.seconds, respond)
        rate = voting.report("submit a response", latencies, errors, args.seconds)
        p95 = statistics.quantiles(latencies, n=100)[94] if len(latencies) > 1 else 0.0
        print(
            f"\nresponses per second / reads per second: {rate / anchor:.2f}; "
            f"/ health checks per second: {rate / floor:.2f}"
        )
        met = rate >= GOAL_RATE and p95 < GOAL_P95
        print(
            f"{rate:.0f} responses/s with p95 {p95 * 1000:.0f} ms: "
            f"{'meets' if met else 'does NOT meet'} the goal of {GOAL_RATE:g}/s under "
            f"{GOAL_P95 * 1000:g} ms."
        )
        stored, fewest = (
            manage("shell", "-c", VERIFY.format(survey=survey)).splitlines()[-1].split()
        )
        print(f"acknowledged {acknowledged[0]}, stored {stored} (fewest answers in one: {fewest})")
    finally:
        voting.stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="fill again even if filled")
    parser.add_argument("--drop", action="store_true", help="remove the filled database")
    parser.add_argument("--clients", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--people", type=int, default=9000, help="respondents under load")
    parser.add_argument("--server", choices=servers.SERVERS, default="gunicorn")
    parser.add_argument("--no-load", action="store_true", help="time the results only")
    parser.add_argument("--results-here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drop:
        drop()
        return
    if args.results_here:
        measure_results(args)
        return
    subprocess.run(
        [sys.executable, __file__, *sys.argv[1:], "--results-here"], env=ENV, cwd=ROOT, check=True
    )
    if not args.no_load:
        with contextlib.suppress(KeyboardInterrupt):
            measure_load(args)


if __name__ == "__main__":
    main()
