"""``coproduce pb``: count a .pb file, import one as a finished process, export a budget.

coproduce pb tally FILE.pb --rule RULE [--json | --ids]   (budgeting.tally_cli)
coproduce pb import FILE.pb --initiative SLUG --as USERNAME [--rule RULE] [--title TITLE]
coproduce pb export BUDGET_ID [--csv]
coproduce pb import-proposals FILE.csv --process ID --as USERNAME
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coproduce.accounts.selectors import user_by_username
from coproduce.budgeting import elections, imports, tally_cli
from coproduce.budgeting.counting import RULES, PbFormatError, UnsupportedRule, read_pb
from coproduce.budgeting.models import Budget, Process
from coproduce.core.vocabulary import StageKind, StageStatus
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Initiative


class Command(BaseCommand):
    help = "Participatory budgeting: count, import and export pabulib .pb files."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        count = actions.add_parser(
            "tally", help="count a .pb file (coproduce pb tally does it without Django)"
        )
        tally_cli.add_arguments(count)
        bring = actions.add_parser("import", help="import a .pb file as a finished process")
        bring.add_argument("file")
        bring.add_argument("--initiative", required=True, help="the initiative's slug")
        bring.add_argument(
            "--as", dest="username", required=True, help="the coordinator doing the import"
        )
        bring.add_argument("--rule", default="greedy", choices=list(RULES))
        bring.add_argument("--title", default="")
        proposals = actions.add_parser(
            "import-proposals", help="add proposals from a CSV file to a process"
        )
        proposals.add_argument("file", help="CSV: title, description, cost[, category, budget]")
        proposals.add_argument("--process", type=int, required=True, help="the process's id")
        proposals.add_argument("--as", dest="username", required=True, help="the coordinator")
        send = actions.add_parser("export", help="print a budget as a .pb file (or CSV)")
        send.add_argument("budget", type=int, help="the budget's id")
        send.add_argument("--csv", action="store_true", help="results as CSV instead")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"do_{options['action'].replace('-', '_')}")(options)
        except FileNotFoundError:
            raise CommandError(f"no such file: {options['file']}") from None
        except (PbFormatError, UnsupportedRule) as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        except PermissionDenied:
            raise CommandError("that person may not manage this initiative's processes") from None

    def do_tally(self, options: dict[str, Any]) -> None:
        try:
            election, outcome = tally_cli.count(options["file"], options["rule"])
        except tally_cli.TallyFailed as error:
            raise CommandError(str(error)) from None
        tally_cli.write(
            election,
            outcome,
            as_json=options["json"],
            ids=options["ids"],
            out=self.stdout,
            err=self.stderr,
        )

    def do_import(self, options: dict[str, Any]) -> None:
        election = read_pb(options["file"])
        initiative = Initiative.objects.filter(slug=options["initiative"]).first()
        actor = user_by_username(options["username"])
        if initiative is None or actor is None:
            raise CommandError("no such initiative or person")
        stage = initiative.stages.filter(kind=StageKind.CO_PRIORITISATION).first()
        if stage is None:
            stage = initiatives.stage_create(
                actor=actor,
                initiative=initiative,
                kind=StageKind.CO_PRIORITISATION,
                status=StageStatus.COMPLETED,
            )
        title = options["title"] or election.meta.get("description") or options["file"]
        process = imports.process_import(
            actor=actor,
            initiative=initiative,
            stage=stage,
            election=election,
            title=title[:200],
            rule=options["rule"],
        )
        budget = process.budgets.get()
        self.stdout.write(
            f"Imported {len(election.projects)} projects and "
            f"{election.voter_count} ballots as budget {budget.pk} of process "
            f"{process.pk}."
        )

    def do_import_proposals(self, options: dict[str, Any]) -> None:
        process = Process.objects.filter(pk=options["process"]).first()
        actor = user_by_username(options["username"])
        if process is None or actor is None:
            raise CommandError("no such process or person")
        try:
            text = Path(options["file"]).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError(f"{options['file']} is not UTF-8 text") from None
        added = imports.proposals_import_csv(actor=actor, process=process, text=text)
        self.stdout.write(f"Imported {len(added)} proposals into process {process.pk}.")

    def do_export(self, options: dict[str, Any]) -> None:
        budget = Budget.objects.filter(pk=options["budget"]).first()
        if budget is None:
            raise CommandError(f"no budget {options['budget']}")
        write = elections.budget_results_csv if options["csv"] else elections.budget_as_pb
        text = write(budget)
        self.stdout.write(text, ending="")
