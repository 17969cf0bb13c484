"""``coproduce ledger check [--initiative SLUG]``: prove the time-credit ledger is sound."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coproduce.initiatives.models import Initiative
from coproduce.timecredits.selectors import ledger_check


class Command(BaseCommand):
    help = "Check that every balance equals the sum of its transfers and the ledger sums to zero."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        check = actions.add_parser("check", help="check every balance against its transfers")
        check.add_argument("--initiative", help="only this initiative (its slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        initiative = None
        if options.get("initiative"):
            initiative = Initiative.objects.filter(slug=options["initiative"]).first()
            if initiative is None:
                raise CommandError(f"no initiative {options['initiative']!r}")
        result = ledger_check(initiative)
        for pk, kept, summed in result.mismatched[:20]:
            self.stderr.write(f"account {pk}: balance {kept}, transfers sum to {summed}")
        summary = (
            f"{result.accounts} accounts, {result.transfers} transfers, balances sum to "
            f"{result.total}"
        )
        if not result.sound:
            raise CommandError(f"ledger NOT sound: {summary}; {len(result.mismatched)} mismatched")
        self.stdout.write(f"ledger sound: {summary}")
