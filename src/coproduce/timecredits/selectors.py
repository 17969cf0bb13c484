"""Reads for time credits: balances, statements and the ledger check."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Sum

from coproduce.initiatives.models import Initiative
from coproduce.timecredits.models import Account, Offer, Partner, Transfer, Voucher


def own_account(initiative: Initiative, user: Any) -> Account | None:
    if not user.is_authenticated:
        return None
    return Account.objects.filter(initiative=initiative, user=user).first()


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


def ledger_check(initiative: Initiative | None = None) -> LedgerCheck:
    """Prove each kept balance equals its credits minus its debits, and that the balances
    sum to zero: two grouped sums over the transfers, compared with the accounts."""
    transfers = Transfer.objects.all()
    accounts = Account.objects.all()
    if initiative is not None:
        transfers = transfers.filter(initiative=initiative)
        accounts = accounts.filter(initiative=initiative)
    credited = (
        transfers.values("credit").annotate(delta=Sum("minutes")).values_list("credit", "delta")
    )
    debited = (
        transfers.values("debit").annotate(delta=-Sum("minutes")).values_list("debit", "delta")
    )
    summed: dict[int, int] = {}
    for pk, delta in credited.order_by().union(debited.order_by(), all=True):
        summed[pk] = summed.get(pk, 0) + delta
    result = LedgerCheck(transfers=transfers.count())
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
