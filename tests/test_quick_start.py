"""The quick start's server takes a crowd: `python3 dev.py run`, exactly as the README runs it
(gunicorn over the embedded SQLite database, the background worker beside it), answers
fifty simultaneous requests each with a 2xx or a 4xx — none refused, none a 5xx — and
stores exactly the transfers it acknowledged."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").startswith("postgres"),
    reason="the quick start serves SQLite whatever the test database is; run once, on SQLite",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def call(port: int, method: str, path: str, body: Any = None, **headers: str) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        payload = json.dumps(body) if body is not None else None
        if payload is not None:
            headers["Content-Type"] = "application/json"
        connection.request(method, path, payload, headers)
        response = connection.getresponse()
        text = response.read()
        is_json = response.getheader("Content-Type", "").startswith("application/json")
        return response.status, json.loads(text) if is_json else text
    finally:
        connection.close()


@pytest.fixture
def quick_start(tmp_path: Path) -> Any:
    """`python3 dev.py run 127.0.0.1:PORT` with its data in a fresh folder."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["COPRODUCE_DATA_DIR"] = str(tmp_path)
    server = subprocess.Popen(  # noqa: S603 (a fixed command: the README's first one)
        [sys.executable, str(ROOT / "dev.py"), "run", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if call(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the quick start did not start serving within 300 s")
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)


def test_quick_start_answers_fifty_simultaneous_gifts_and_keeps_exactly_what_it_acknowledged(
    quick_start: int,
) -> None:
    port = quick_start
    status, answer = call(
        port, "POST", "/api/v1/auth/token/", {"username": "rhian", "password": "coproduce-demo"}
    )
    assert status in (200, 201), answer
    auth = f"Token {answer['token']}"
    credits = "/api/v1/initiatives/taff-housing-time-credits/credits/"
    status, account = call(port, "GET", credits, Authorization=auth)
    assert status == 200, account
    balance_before = account["balance"]
    assert balance_before == 180  # three approved hours in the demo

    statuses: list[int] = []
    failures: list[str] = []
    start = threading.Barrier(50)

    def give() -> None:
        start.wait()
        try:
            status, _ = call(
                port,
                "POST",
                credits + "gift/",
                {"to": "tom", "minutes": 5},
                Authorization=auth,
                **{"Idempotency-Key": uuid.uuid4().hex},
            )
            statuses.append(status)
        except OSError as error:  # a refused or reset connection
            failures.append(repr(error))

    threads = [threading.Thread(target=give) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(statuses) == 50
    assert [s for s in statuses if s >= 500] == []
    assert all(s == 201 or 400 <= s < 500 for s in statuses)
    made = statuses.count(201)
    assert made >= 1
    status, account = call(port, "GET", credits, Authorization=auth)
    assert account["balance"] == balance_before - 5 * made
    status, statement = call(port, "GET", credits + "statement/", Authorization=auth)
    assert status == 200
    gifts = [row for row in statement if row["kind"] == "gift"]
    assert len(gifts) == made
