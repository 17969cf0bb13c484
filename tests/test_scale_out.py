"""Several application servers on one PostgreSQL behind a proxy (docs/deployment.md).

Two gunicorn servers, as deploy/gunicorn.conf.py runs them, behind Debian's nginx; ballots
and gifts stream through the proxy; one server is killed mid-stream, with no warning. Every
write acknowledged is stored exactly once, the survivor goes on serving through the proxy,
and the ledger is sound.
"""

import contextlib
import os
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from conftest import PASSWORD, add_member, make_initiative, make_user, postgresql_only
from coproduce.budgeting import services as budgeting
from coproduce.budgeting.models import Ballot
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives import services as initiatives
from coproduce.timecredits import services as credits
from coproduce.timecredits.models import Account, Transfer
from coproduce.timecredits.selectors import ledger_check
from tests.serving import NGINX, free_port, kill, request, start_proxy, start_server, stop

pytestmark = postgresql_only("several servers share one database in production: PostgreSQL")


@pytest.fixture(autouse=True)
def _nginx() -> None:
    if not Path(NGINX).exists():
        if os.environ.get("COPRODUCE_REQUIRE_NGINX"):
            pytest.fail("Debian's nginx is required: apt-get install nginx")
        pytest.skip("needs Debian's nginx (apt-get install nginx)")


VOTERS = 4


def world() -> dict[str, Any]:
    """An initiative where a giver has credit for the stream, and a budget open for voting."""
    coordinator = make_user("coord")
    initiative = make_initiative(coordinator)
    giver, taker = make_user("giver"), make_user("taker")
    add_member(initiative, giver)
    add_member(initiative, taker)
    credits.credits_earn(
        actor=coordinator, initiative=initiative, person=giver, minutes_given=100_000
    )
    voters = [make_user(f"voter{i}") for i in range(VOTERS)]
    for voter in voters:
        add_member(initiative, voter)
    stage = initiatives.stage_create(
        actor=coordinator, initiative=initiative, kind=StageKind.CO_PRIORITISATION
    )
    process = budgeting.process_create(
        actor=coordinator,
        initiative=initiative,
        stage=stage,
        title="Repairs budget",
        budgets=[("Whole estate", 1_000_000, "")],
    )
    budgeting.phase_advance(actor=coordinator, process=process)
    budget = process.budgets.get()
    proposals = [
        budgeting.proposal_submit(
            actor=coordinator,
            budget=budget,
            title=f"Repair {i}",
            description="A repair tenants asked for.",
            estimated_cost=100_000,
        )
        for i in range(2)
    ]
    budgeting.phase_advance(actor=coordinator, process=process)
    for proposal in proposals:
        budgeting.proposal_review(
            actor=coordinator, proposal=proposal, feasible=True, reason="Costed by the surveyor."
        )
    budgeting.phase_advance(actor=coordinator, process=process)
    # the servers hash as production does; the tests' fast hasher is not among theirs
    for user in [giver, *voters]:
        user.password = PBKDF2PasswordHasher().encode(PASSWORD, "salt" * 4, iterations=1000)
        user.save(update_fields=["password"])
    return {
        "slug": initiative.slug,
        "budget": budget.pk,
        "proposals": [p.pk for p in proposals],
        "users": ["giver", *[v.username for v in voters]],
    }


def test_killing_one_of_two_servers_behind_the_proxy_loses_no_acknowledged_write(
    transactional_db: Any, tmp_path: Path
) -> None:
    setup = world()
    ports = [free_port(), free_port()]
    servers = [start_server(port) for port in ports]
    proxy_port = free_port()
    proxy = start_proxy(proxy_port, ports, tmp_path)
    try:
        tokens = {}
        for username in setup["users"]:
            status, answer = request(
                proxy_port,
                "POST",
                "/api/v1/auth/token/",
                {"username": username, "password": PASSWORD},
            )
            assert status in (200, 201), answer
            tokens[username] = f"Token {answer['token']}"

        gifts: dict[str, int | None] = {}  # idempotency key -> status (None: no answer)
        ballots: dict[str, list[tuple[list[int], int | None]]] = {}  # voter -> sent, status
        killed_at: list[float] = []
        after_kill: list[int] = []
        stop_streams = threading.Event()

        def give() -> None:
            while not stop_streams.is_set():
                key = uuid.uuid4().hex
                gifts[key] = None
                with contextlib.suppress(OSError):
                    gifts[key], _ = request(
                        proxy_port,
                        "POST",
                        f"/api/v1/initiatives/{setup['slug']}/credits/gift/",
                        {"to": "taker", "minutes": 1},
                        Authorization=tokens["giver"],
                        **{"Idempotency-Key": key},
                    )
                if killed_at and gifts[key] == 201:
                    after_kill.append(201)

        def vote(voter: str, turn: int) -> None:
            sent = ballots.setdefault(voter, [])
            while not stop_streams.is_set():
                choice = [setup["proposals"][turn % 2]]
                turn += 1
                sent.append((choice, None))
                try:
                    status, _ = request(
                        proxy_port,
                        "POST",
                        f"/api/v1/pb/budgets/{setup['budget']}/ballot/",
                        {"choices": [{"proposal": p} for p in choice]},
                        Authorization=tokens[voter],
                    )
                    sent[-1] = (choice, status)
                except OSError:
                    pass

        threads = [threading.Thread(target=give) for _ in range(3)] + [
            threading.Thread(target=vote, args=(voter, i))
            for i, voter in enumerate(setup["users"][1:])
        ]
        for thread in threads:
            thread.start()
        time.sleep(3)
        kill(servers[0])  # mid-stream, no warning
        killed_at.append(time.monotonic())
        time.sleep(3)
        stop_streams.set()
        for thread in threads:
            thread.join()
    finally:
        stop(proxy)
        for server in servers:
            if server.poll() is None:
                stop(server)

    acknowledged = {key for key, status in gifts.items() if status == 201}
    stored = list(Transfer.objects.filter(kind="gift").values_list("idempotency_key", flat=True))
    assert len(stored) == len(set(stored))  # each stored once
    assert acknowledged <= set(stored)  # nothing acknowledged was lost
    assert set(stored) <= set(gifts)  # nothing stored that was not sent
    assert len(acknowledged) > 20 and len(after_kill) > 10  # the survivor served on
    assert Account.objects.get(user__username="taker").balance == len(stored)
    assert ledger_check().sound

    for voter, sent in ballots.items():
        acknowledged_turns = [i for i, (_, status) in enumerate(sent) if status == 201]
        assert acknowledged_turns, f"{voter} had no ballot acknowledged"
        last = acknowledged_turns[-1]
        # the stored ballot is the last acknowledged one, or one sent after it whose answer
        # was lost with the killed server (it may have been stored before the kill)
        possible = [sent[last][0]] + [c for c, s in sent[last + 1 :] if s is None or s >= 500]
        ballot = Ballot.objects.get(budget_id=setup["budget"], voter__username=voter)
        stored_choice = sorted(ballot.choices.values_list("proposal_id", flat=True))
        assert stored_choice in [sorted(c) for c in possible]
    assert Ballot.objects.filter(budget_id=setup["budget"]).count() == VOTERS
