"""Reads for time credits: balances, statements and the ledger check."""

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from coproduce.initiatives.models import Initiative
from coproduce.timecredits.models import Account, Offer, Partner, Transfer, Voucher


def statement(account: Account) -> QuerySet[Transfer]:
    """The account's transfers, newest first."""
    return (
        Transfer.objects.filter(Q(debit=account) | Q(credit=account))
        .select_related(
            "debit__user", "debit__organisation", "credit__user", "credit__organisation"
        )
        .order_by("-created_at", "-pk")
    )


def accounts_of(initiative: Initiative) -> QuerySet[Account]:
    return Account.objects.filter(initiative=initiative).select_related("user", "organisation")


def ledger_of(initiative: Initiative) -> QuerySet[Transfer]:
    return (
        Transfer.objects.filter(initiative=initiative)
        .select_related(
            "debit__user",
            "debit__organisation",
            "credit__user",
            "credit__organisation",
            "created_by",
        )
        .order_by("-created_at", "-pk")
    )


@dataclass
class LedgerCheck:
    accounts: int = 0
    transfers: int = 0
    total: int = 0  # the sum of every balance: zero in a sound ledger
    mismatched: list[tuple[int, int, int]] = field(default_factory=list)  # (account, kept, summed)

    @property
    def sound(self) -> bool:
        return not self.mismatched and self.total == 0


def _summed_movements(initiative: Initiative | None) -> tuple[dict[int, int], int]:
    """Each account's credits minus debits, and the number of transfers, in one grouped
    pass over the transfers: every transfer gives two rows (+minutes to its credit account,
    -minutes to its debit account) summed per account. Written in SQL because the ORM would
    group credits and debits separately, which PostgreSQL may then read in index order —
    ten million transfers took 36 s that way and take 7 s this way."""
    table = connection.ops.quote_name(Transfer._meta.db_table)
    where, params = ("WHERE initiative_id = %s", [initiative.pk]) if initiative else ("", [])
    # Only the quoted table name and a fixed clause are put into the text; values are params.
    sql = (
        f"SELECT account, SUM(delta), COUNT(*) FROM ("  # noqa: S608
        f"SELECT credit_id AS account, minutes AS delta FROM {table} {where} UNION ALL "
        f"SELECT debit_id AS account, -minutes AS delta FROM {table} {where}"
        f") movements GROUP BY account"
    )
    summed: dict[int, int] = {}
    rows = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params * 2)
        for account, delta, count in cursor.fetchall():
            summed[account] = int(delta)
            rows += count
    return summed, rows // 2


def ledger_check(initiative: Initiative | None = None) -> LedgerCheck:
    """Prove each kept balance equals its credits minus its debits, and that the balances
    sum to zero: one grouped pass over the transfers, compared with the accounts."""
    accounts = Account.objects.all()
    if initiative is not None:
        accounts = accounts.filter(initiative=initiative)
    summed, transfers = _summed_movements(initiative)
    result = LedgerCheck(transfers=transfers)
    for pk, kept in accounts.values_list("pk", "balance").iterator(chunk_size=10_000):
        result.accounts += 1
        result.total += kept
        if summed.get(pk, 0) != kept:
            result.mismatched.append((pk, kept, summed.get(pk, 0)))
    return result


def offers_of(initiative: Initiative) -> QuerySet[Offer]:
    return Offer.objects.filter(partner__initiative=initiative, is_active=True).select_related(
        "partner__organisation"
    )


def vouchers_of(initiative: Initiative, user: Any) -> QuerySet[Voucher]:
    return Voucher.objects.filter(
        offer__partner__initiative=initiative, holder=user
    ).select_related("offer__partner__organisation")


def partners_redeemable_by(initiative: Initiative, user: Any) -> QuerySet[Partner]:
    return Partner.objects.filter(initiative=initiative, representatives=user).select_related(
        "organisation"
    )
