"""``coproduce totals check|rebuild [--initiative SLUG]``: the record's running totals
(ADR 0034) against its entries; ``rebuild`` makes them again, after a bulk load."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from coproduce.initiatives.models import Initiative
from coproduce.record import totals


class Command(BaseCommand):
    help = "Check the record's running totals against its entries, or make them again."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        for action, text in (
            ("check", "compare every total with the entries summed afresh"),
            ("rebuild", "make the totals again from the entries"),
        ):
            sub = actions.add_parser(action, help=text)
            sub.add_argument("--initiative", help="only this initiative (its slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        ids = None
        if options.get("initiative"):
            found = Initiative.objects.filter(slug=options["initiative"]).values_list("pk")
            if not found:
                raise CommandError(f"no initiative {options['initiative']!r}")
            ids = [found[0][0]]
        if options["action"] == "rebuild":
            with transaction.atomic():
                totals.rebuild(ids)
        result = totals.check(ids)
        summary = ", ".join(
            f"{table}: {result.groups[table]} groups, {result.differing[table]} differing"
            for table in result.groups
        )
        if not result.sound:
            raise CommandError(f"totals NOT sound: {summary}")
        self.stdout.write(f"totals sound: {summary}")
