"""Shared test fixtures: people in every role, and initiatives built through the services."""

import datetime
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import translation
from rest_framework.test import APIClient

from coproduce.accounts.models import User
from coproduce.core import append_only
from coproduce.core.vocabulary import Role, ServiceArea, Side, StageKind
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Initiative, JoinPolicy, MembershipStatus, Stage

PASSWORD = "a-long-test-password-42"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The test database also needs the cache table that rate limits use."""
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@pytest.fixture(autouse=True, scope="session")
def _flush_keeps_the_record_append_only() -> Any:
    """Let Django empty the database between transactional (live-server) tests.

    The record's triggers refuse DELETE, which SQLite's flush uses; so a flush drops them,
    empties the tables and puts them back, and the record stays append-only for every test.
    """
    operations = type(connection.ops)
    original = operations.sql_flush

    def sql_flush(self: Any, style: Any, tables: Any, **options: Any) -> list[str]:
        vendor = self.connection.vendor
        return [
            *append_only.drop_sql(vendor),
            *original(self, style, tables, **options),
            *append_only.create_sql(vendor),
        ]

    operations.sql_flush = sql_flush  # type: ignore[method-assign]
    yield
    operations.sql_flush = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Any:
    """Tests create many accounts; a slow hash only slows them down."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> Iterator[None]:
    """A request in Welsh leaves Welsh active in the thread (the locale middleware activates
    it and nothing resets it); the tests that follow, in any app, expect the default."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache(request: pytest.FixtureRequest) -> None:
    """Rate-limit counters live in the cache; every test starts with none."""
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            cache.clear()
            caches["throttle"].clear()
            caches["visitor_pages"].clear()
            return


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(tmp_path: Any) -> Any:
    """Uploaded pictures go to a folder of the test's own."""
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


def hammer(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` in ``count`` threads released at once; collect results or errors."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# The real elections (COPRODUCE_PABULIB names the folder; by default the project's shared
# folder beside the checkout, where CI lays it) and the case library's source texts
# (COPRODUCE_SEEDS). Tests that read them skip when they are absent, except where
# COPRODUCE_REQUIRE_SHARED is set (CI), where their absence stops the run.
_SHARED = Path(__file__).resolve().parent.parent / "shared"
PABULIB = Path(os.environ.get("COPRODUCE_PABULIB") or _SHARED / "pabulib")
SEEDS = Path(os.environ.get("COPRODUCE_SEEDS") or _SHARED / "seeds")
if os.environ.get("COPRODUCE_REQUIRE_SHARED"):
    for _folder in (PABULIB, SEEDS):
        if not _folder.is_dir():
            raise pytest.UsageError(f"COPRODUCE_REQUIRE_SHARED is set and {_folder} is missing")
needs_pabulib = pytest.mark.skipif(
    not PABULIB.is_dir(),
    reason=f"needs the real elections in {PABULIB} (set COPRODUCE_PABULIB to their folder)",
)
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"needs the case library's source texts in {SEEDS} (set COPRODUCE_SEEDS)",
)


def postgresql_only(reason: str) -> pytest.MarkDecorator:
    """Skip a test module on SQLite: what it tests (concurrency, a statement only PostgreSQL
    runs) is tested on PostgreSQL, the production database."""
    return pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"], reason=reason
    )


def make_user(username: str, **extra: Any) -> User:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, **extra
    )
    return user


def make_initiative(
    coordinator: User, title: str = "Riverside repairs", **extra: Any
) -> Initiative:
    fields: dict[str, Any] = {
        "summary": "Tenants and staff improve repairs together.",
        "service_area": ServiceArea.HOUSING,
        "side": Side.REGULAR_PRODUCER,
        "role": Role.MANAGER,
        "join_policy": JoinPolicy.APPROVAL,
    }
    fields.update(extra)
    initiative = initiatives.initiative_create(actor=coordinator, title=title, **fields)
    initiatives.stage_create(
        actor=coordinator,
        initiative=initiative,
        kind=StageKind.CO_DESIGN,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    return initiative


def add_member(
    initiative: Initiative, user: User, side: str = Side.CITIZEN, role: str = Role.RESIDENT
) -> None:
    """Join and, where a coordinator must approve (a closed initiative, or a side other than
    the citizens'), be approved by the first coordinator."""
    membership = initiatives.membership_request(
        actor=user, initiative=initiative, side=side, role=role
    )
    if membership.status != MembershipStatus.ACTIVE:
        coordinator = initiative.memberships.filter(is_coordinator=True).order_by("id")[0].user
        initiatives.membership_decide(actor=coordinator, membership=membership, approve=True)


def work_alongside(coordinator: User, person: User) -> None:
    """Make ``person`` someone ``coordinator`` works with (fellow members of another
    initiative): a coordinator invites only such people by name."""
    add_member(make_initiative(coordinator, title=f"Alongside {person.username}"), person)


def make_reviewer(initiative: Initiative, user: User) -> None:
    """A coordinator names an active member a reviewer (feasibility reviews, implementation
    updates, paper ballots)."""
    coordinator = initiative.memberships.filter(is_coordinator=True).order_by("id")[0].user
    membership = initiative.memberships.get(user=user)
    initiatives.membership_set_reviewer(actor=coordinator, membership=membership, is_reviewer=True)


@dataclass
class World:
    """Two initiatives and a person in each role around them."""

    initiative: Initiative
    stage: Stage
    other: Initiative
    other_stage: Stage
    coordinator: User
    member: User
    outsider: User
    other_coordinator: User
    staff: User


@pytest.fixture
def world(db: Any) -> World:
    coordinator = make_user("coord", display_name="Cora Coordinator")
    member = make_user("member", display_name="Mo Member")
    outsider = make_user("outsider")
    other_coordinator = make_user("othercoord")
    staff = make_user("staff", is_staff=True, is_superuser=True)
    initiative = make_initiative(coordinator)
    add_member(initiative, member)
    other = make_initiative(other_coordinator, title="Other place")
    return World(
        initiative=initiative,
        stage=initiative.stages.get(),
        other=other,
        other_stage=other.stages.get(),
        coordinator=coordinator,
        member=member,
        outsider=outsider,
        other_coordinator=other_coordinator,
        staff=staff,
    )


@pytest.fixture
def api() -> APIClient:
    return APIClient()
