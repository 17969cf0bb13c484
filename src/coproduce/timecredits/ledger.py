"""The ledger's SQL: the statements every movement of credit runs, and the functions that
run them (ADR 0017). The ORM took longer to build these statements than the database took
to run them, so they are written once, here, from the models' own columns; ``services``
keeps the checked operations (permissions, limits, messages) and calls these.

- ``write``: a transfer's INSERT (``ON CONFLICT … DO NOTHING`` on the idempotency key) and
  both balances' UPDATE; one statement on PostgreSQL.
- ``made_before``: the transfer a person made earlier under an idempotency key.
- ``member_accounts``: two members' accounts in one read, locked if asked.
- ``move_at_once``: on PostgreSQL, a movement between two open accounts as one statement.
"""

from collections.abc import Collection
from contextlib import nullcontext
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from coproduce.core.errors import Conflict
from coproduce.core.queries import RowReader, row_lock, select_clause
from coproduce.initiatives.models import Initiative
from coproduce.timecredits.models import Account, Transfer

FIND_BY_KEY = (
    "SELECT id, kind, debit_id, credit_id, minutes FROM timecredits_transfer "
    "WHERE created_by_id = %s AND idempotency_key = %s"
)
MOVE_BALANCES = (
    "UPDATE timecredits_account SET balance = balance + CASE id WHEN %s THEN %s ELSE %s END "
    "WHERE id IN (%s, %s)"
)
TRANSFER_COLUMNS = (
    "initiative_id",
    "kind",
    "debit_id",
    "credit_id",
    "minutes",
    "description",
    "created_by_id",
    "created_at",
    "reverses_id",
    "reason",
    "idempotency_key",
)
# the columns' fields, in that order, each to turn a value into what the database takes
_FIELDS_BY_COLUMN = {f.attname: f for f in Transfer._meta.concrete_fields}
TRANSFER_FIELDS = [_FIELDS_BY_COLUMN[column] for column in TRANSFER_COLUMNS]
# the partial unique index tc_idempotency_key_once, named by its columns and condition
UNLESS_KEY_USED = (
    "ON CONFLICT (created_by_id, idempotency_key) WHERE NOT (idempotency_key = '') DO NOTHING"
)


def column_values(transfer: Transfer, skip: Collection[str] = ()) -> list[Any]:
    """The transfer's values for ``TRANSFER_COLUMNS`` (but ``skip``), as the database takes
    them."""
    return [
        field.get_db_prep_save(getattr(transfer, field.attname), connection)
        for field in TRANSFER_FIELDS
        if field.attname not in skip
    ]


INSERT_TRANSFER = " ".join(
    [
        "INSERT INTO timecredits_transfer (" + ", ".join(TRANSFER_COLUMNS) + ")",
        "VALUES (" + ", ".join(["%s"] * len(TRANSFER_COLUMNS)) + ")",
        UNLESS_KEY_USED + " RETURNING id",
    ]
)
# PostgreSQL: the insert, and the balances moved only if it made a row, in one statement
INSERT_AND_MOVE = " ".join(
    [
        "WITH made AS (" + INSERT_TRANSFER + "),",
        "moved AS (",
        MOVE_BALANCES,
        "AND EXISTS (SELECT 1 FROM made) RETURNING id)",
        "SELECT id FROM made",
    ]
)


def made_before(actor: Any, key: str, terms: tuple[str, int, int, int]) -> Transfer | None:
    """The transfer this person made earlier with this idempotency key, or None; a
    different transfer under the same key is a conflict. Asked only when the key was met
    (the insert found it) or a limit would stop the transfer: not on every request."""
    if not key:
        return None
    with connection.cursor() as cursor:
        cursor.execute(FIND_BY_KEY, [actor.pk, key])
        earlier = cursor.fetchone()
    if earlier is None:
        return None
    if tuple(earlier[1:]) != terms:
        raise Conflict(
            _(
                "That idempotency key was used for a different transfer; use a new key for a "
                "new transfer."
            )
        )
    return Transfer.objects.get(pk=earlier[0])


def write(transfer: Transfer) -> bool:
    """The transfer in one INSERT and both balances in one UPDATE, as plain SQL: every
    movement of credit runs this, and the ORM took longer to build the statements than the
    database took to run them (ADR 0017). The accounts are locked. False, with nothing
    written, if the creator's idempotency key is on a transfer already: the insert itself
    asks (``ON CONFLICT … DO NOTHING``), so a request with a new key, nearly every one,
    costs no separate lookup. On PostgreSQL both go in one statement, the update only if the
    insert made a row (one round trip fewer on every movement); SQLite runs them in turn."""
    minutes = transfer.minutes
    values = column_values(transfer)
    balances = [transfer.debit_id, -minutes, minutes, transfer.debit_id, transfer.credit_id]
    together = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        try:
            cursor.execute(
                INSERT_AND_MOVE if together else INSERT_TRANSFER,
                values + balances if together else values,
            )
        except IntegrityError:  # a second correction of one transfer, made at the same moment
            raise Conflict(
                _("That transfer was corrected at the same moment by another request.")
            ) from None
        row = cursor.fetchone()
        if row is None:
            return False
        if not together:
            cursor.execute(MOVE_BALANCES, balances)
    transfer.pk = row[0]
    transfer._state.adding = False
    return True


_ACCOUNT = RowReader(Account)
MEMBER_ACCOUNTS = select_clause((_ACCOUNT, "a")) + (
    " FROM timecredits_account a WHERE a.initiative_id = %s AND a.user_id IN (%s, %s) ORDER BY a.id"
)


def member_accounts(
    initiative: Initiative, giver: Any, receiver: Any, *, lock: bool
) -> dict[int, Account]:
    """Two members' accounts (those opened; or one person's, named twice), by owner id, in
    one read with their owners attached; with ``lock``, locked, lowest id first as every
    transfer locks them. SQL (ADR 0017): every gift, exchange and balance read starts here."""
    sql = MEMBER_ACCOUNTS + (row_lock(" FOR UPDATE") if lock else "")
    owners = {giver.pk: giver, receiver.pk: receiver}
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [initiative.pk, giver.pk, receiver.pk])
        for row in cursor.fetchall():
            account = _ACCOUNT.read(row)
            account.user = owners[account.user_id]
            found[account.user.pk] = account
    return found


# PostgreSQL: a movement between two members' open accounts as one statement, so one round
# trip and no transaction around it: lock both accounts (lowest id first, as every movement
# locks them), insert the transfer unless its key was used, move both balances if it was
# inserted, and return the accounts as moved. The accounts' check constraints hold the
# floors and the ceilings: breaking one fails the whole statement.
_PARTIES = (
    "SELECT id, user_id FROM timecredits_account WHERE initiative_id = %s AND user_id IN (%s, %s) "
    "ORDER BY id FOR UPDATE"
)
_FROM_PARTIES = {"debit_id": "g.id", "credit_id": "r.id"}
MOVE_AT_ONCE = " ".join(
    [
        "WITH parties AS (" + _PARTIES + "),",
        "made AS (INSERT INTO timecredits_transfer (" + ", ".join(TRANSFER_COLUMNS) + ")",
        "SELECT " + ", ".join(_FROM_PARTIES.get(column, "%s") for column in TRANSFER_COLUMNS),
        "FROM parties g JOIN parties r ON g.user_id = %s AND r.user_id = %s",
        UNLESS_KEY_USED + " RETURNING id, debit_id),",
        "moved AS (UPDATE timecredits_account a",
        "SET balance = a.balance + CASE WHEN a.id = made.debit_id THEN %s ELSE %s END",
        "FROM made WHERE a.id IN (SELECT id FROM parties) RETURNING a.*)",
        select_clause((_ACCOUNT, "moved")).replace("SELECT ", "SELECT made.id, made.debit_id, ", 1),
        "FROM made, moved",
    ]
)


def move_at_once(transfer: Transfer, giver: Any, receiver: Any) -> bool:
    """Make ``transfer`` from the giver's account to the receiver's in one statement
    (``MOVE_AT_ONCE``), filling in its id and both accounts as moved. False, with nothing
    written, when it cannot go this way: an account not opened yet, the key used before, a
    floor or a ceiling in the way; ``services._move`` then finds which, in a transaction. Inside a
    caller's transaction a savepoint keeps a refusal from spoiling it; outside one, the
    statement is its own transaction."""
    values = column_values(transfer, skip=_FROM_PARTIES)
    minutes = transfer.minutes
    params = [transfer.initiative_id, giver.pk, receiver.pk, *values, giver.pk, receiver.pk]
    try:
        savepoint = transaction.atomic() if connection.in_atomic_block else nullcontext()
        with savepoint, connection.cursor() as cursor:
            cursor.execute(MOVE_AT_ONCE, [*params, -minutes, minutes])
            rows = cursor.fetchall()
    except IntegrityError:  # a floor or a ceiling: services._move says which
        return False
    if not rows:
        return False
    owners = {giver.pk: giver, receiver.pk: receiver}
    for row in rows:
        account = _ACCOUNT.read(row, 2)
        account.user = owners[account.user_id]
        if account.pk == row[1]:
            transfer.debit = account
        else:
            transfer.credit = account
    transfer.pk = rows[0][0]
    transfer._state.adding = False
    return True
