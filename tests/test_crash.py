"""Killing the server in the middle of a stream of transfers (PostgreSQL, the production
server as deploy/gunicorn.conf.py runs it).

Every transfer the server acknowledged is stored, none is half-made (the ledger check is
sound), and retrying the unanswered requests with their idempotency keys after a restart
makes each transfer exactly once.
"""

import http.client
import json
import threading
import time
import uuid
from typing import Any

from knox.models import AuthToken

from conftest import add_member, make_initiative, make_user, postgresql_only
from coproduce.timecredits import services
from coproduce.timecredits.models import Account, Transfer
from coproduce.timecredits.selectors import ledger_check
from tests.serving import free_port, kill, start_server, stop

pytestmark = postgresql_only("the crash test runs against PostgreSQL, the production database")


def gift(port: int, token: str, slug: str, key: str) -> int | None:
    """Send one transfer; its status, or None if the server never answered."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request(
            "POST",
            f"/api/v1/initiatives/{slug}/credits/gift/",
            body=json.dumps({"to": "taker", "minutes": 1}),
            headers={
                "Authorization": f"Token {token}",
                "Content-Type": "application/json",
                "Idempotency-Key": key,
            },
        )
        status = connection.getresponse().status
        connection.close()
        return status
    except (OSError, http.client.HTTPException):
        return None


def test_killing_the_server_loses_no_acknowledged_transfer(transactional_db: Any) -> None:
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    giver, taker = make_user("giver"), make_user("taker")
    add_member(initiative, giver)
    add_member(initiative, taker)
    services.credits_earn(
        actor=coordinator, initiative=initiative, person=giver, minutes_given=100_000
    )
    _, token = AuthToken.objects.create(user=giver)

    port = free_port()
    server = start_server(port)
    sent: dict[str, int | None] = {}
    streaming = threading.Event()
    streaming.set()

    def stream(worker: int) -> None:
        while streaming.is_set():
            key = uuid.uuid4().hex
            sent[key] = None
            sent[key] = gift(port, token, initiative.slug, key)

    threads = [threading.Thread(target=stream, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    kill(server)  # mid-stream, no warning
    streaming.clear()
    for thread in threads:
        thread.join()

    acknowledged = {k for k, status in sent.items() if status == 201}
    unanswered = {k for k, status in sent.items() if status is None}
    stored = set(Transfer.objects.filter(kind="gift").values_list("idempotency_key", flat=True))
    assert len(acknowledged) > 10 and unanswered
    assert acknowledged <= stored  # nothing acknowledged was lost
    assert ledger_check().sound  # and nothing was half-made

    server = start_server(port)
    try:
        retried = {key: gift(port, token, initiative.slug, key) for key in unanswered}
    finally:
        stop(server)
    assert set(retried.values()) <= {200, 201}
    assert {k for k, s in retried.items() if s == 200} == unanswered & stored  # replayed
    transfers = Transfer.objects.filter(kind="gift")
    assert transfers.count() == len(acknowledged | unanswered)  # each request made once
    assert Account.objects.get(user=taker).balance == transfers.count()
    assert ledger_check().sound
