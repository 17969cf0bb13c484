"""``coproduce pb tally FILE.pb --rule RULE [--json]``: count a pabulib file."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coproduce.budgeting.counting import RULES, PbFormatError, UnsupportedRule, read_pb, tally


class Command(BaseCommand):
    help = "Participatory budgeting tools: count the votes of a .pb file."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        count = actions.add_parser("tally", help="print the funded project ids, in order")
        count.add_argument("file", help="a pabulib .pb file")
        count.add_argument(
            "--rule",
            required=True,
            choices=[*RULES, "official"],
            help="the counting rule; official = the rule the file's META names",
        )
        count.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            election = read_pb(options["file"])
            result = tally(election, options["rule"])
        except FileNotFoundError:
            raise CommandError(f"no such file: {options['file']}") from None
        except (PbFormatError, UnsupportedRule) as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            self.stdout.write("\n".join(result.selected))
