"""``coproduce pb tally FILE.pb --rule RULE [--json | --ids]``, without Django.

Counting a pabulib file needs only the counting engine (``budgeting.counting``), so
``coproduce.cli`` hands this subcommand here before Django is set up: the command starts in
the time it takes to import numpy. ``manage.py pb tally`` counts through the same
``count``. Errors print one line on stderr and exit with status 2.
"""

import argparse
import json
import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import NoReturn, Protocol

import numpy as np

from coproduce.budgeting.counting import (
    RULES,
    Election,
    Outcome,
    PbFormatError,
    UnsupportedRule,
    read_pb,
    tally,
)
from coproduce.cli import print_in_utf8

PROG = "coproduce pb tally"

# What each rule does, for --help: one line and an example on the same three projects.
RULE_HELP = """\
rules, with what each funds in an example: a budget of 100; A and B cost 50 each and
C costs 30; four voters choose A and B, one chooses A only, three choose C only.
  greedy            most votes first, skipping what no longer fits: A, B (C does not
                    fit), so the three who chose C get nothing
  greedy-no-skip    most votes first, stopping at the first that does not fit: A, B
  greedy-threshold  greedy among the projects with at least the file's min_votes
  mes               the Method of Equal Shares: each voter holds an equal share of the
                    budget (12.50) and a project is bought with its own voters' shares:
                    A, C (A's five voters pay 10 each, C's three pay 10 each; B's four
                    have 2.50 each left, too little). It may leave money unspent
  mes-add1          Equal Shares, its shares raised a unit at a time while the outcome
                    stays within the budget (the completion its authors use): A, C
  mes-add1-greedy   mes-add1, then greedy with what is left: A, C
  phragmen          sequential Phragmén: voters earn money at an equal rate and a
                    project is bought as soon as its voters can pay for it: A, C
  max-utilitarian   the affordable set with the most votes: A, B (9 votes)
  official          the rule the file's META names, as the city counted it; a rule of
                    Coproduce's that no city uses (mes, mes-add1, mes-add1-greedy,
                    phragmen, max-utilitarian) is counted as above, over every
                    project in the file"""


class Writer(Protocol):
    """Where output goes: a text stream, or a management command's ``OutputWrapper``."""

    def write(self, text: str) -> object: ...


class TallyFailed(Exception):
    """A reason the file cannot be counted, said in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise TallyFailed(message)


def parser() -> argparse.ArgumentParser:
    """The command's arguments; ``manage.py pb tally`` takes the same."""
    command = _Parser(
        prog=PROG,
        description="Count a participatory-budgeting election from a pabulib .pb file.",
        epilog=RULE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(command)
    return command


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", help="a pabulib .pb file")
    command.add_argument(
        "--rule", required=True, choices=[*RULES, "official"], help="the counting rule"
    )
    shape = command.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print one JSON object")
    shape.add_argument("--ids", action="store_true", help="print the funded ids, one a line")


def count(path: str, rule: str) -> tuple[Election, Outcome]:
    """Read and count the file; ``TallyFailed`` says what is wrong with it."""
    try:
        election = read_pb(path)
        return election, tally(election, rule)
    except FileNotFoundError:
        raise TallyFailed(f"no such file: {path}") from None
    except IsADirectoryError:
        raise TallyFailed(f"{path} is a folder, not a .pb file") from None
    except UnicodeDecodeError:
        raise TallyFailed(f"{path} is not UTF-8 text") from None
    except (PbFormatError, UnsupportedRule) as error:
        raise TallyFailed(str(error)) from None


def votes_per_project(election: Election) -> list[int]:
    """How many voters chose each project (in any position, with any points)."""
    table = election.table
    groups = np.repeat(np.arange(len(table.counts)), np.diff(table.offsets))
    votes = np.bincount(
        table.projects, weights=table.counts[groups], minlength=len(election.projects)
    )
    return [int(v) for v in votes]


def _money(value: Fraction) -> str:
    whole = value.numerator // value.denominator
    return f"{whole:,}" if value.denominator == 1 else f"{float(value):,.2f}"


def as_table(election: Election, outcome: Outcome) -> str:
    """Every project, most votes first: id, name, cost, votes and the order it was funded."""
    funded = {project: n for n, project in enumerate(outcome.selected, start=1)}
    votes = votes_per_project(election)
    rows = sorted(
        (
            (p.id, p.meta.get("name", ""), _money(p.cost), f"{votes[i]:,}", funded.get(p.id))
            for i, p in enumerate(election.projects)
        ),
        key=lambda row: (row[4] is None, row[4] or 0, -int(row[3].replace(",", ""))),
    )
    header: tuple[str, ...] = ("Project", "Name", "Cost", "Votes", "Funded")
    cells: list[tuple[str, ...]] = [
        header,
        *((i, n[:40], c, v, f"#{f}" if f else "–") for i, n, c, v, f in rows),
    ]
    if not any(row[1] for row in rows):  # a file without names: no empty column
        cells = [(row[0], *row[2:]) for row in cells]
        header = cells[0]
    widths = [max(len(row[k]) for row in cells) for k in range(len(header))]
    right = {len(header) - 3, len(header) - 2}  # cost and votes
    lines = [
        "  ".join(
            cell.rjust(widths[k]) if k in right else cell.ljust(widths[k])
            for k, cell in enumerate(row)
        ).rstrip()
        for row in cells
    ]
    summary = (
        f"{outcome.rule}: {len(outcome.selected)} of {len(election.projects)} projects "
        f"funded, {_money(outcome.spent)} of {_money(outcome.budget)} spent"
    )
    return "\n".join([summary, "", *lines])


def write(
    election: Election, outcome: Outcome, *, as_json: bool, ids: bool, out: Writer, err: Writer
) -> None:
    if as_json:
        out.write(json.dumps(outcome.as_json(), ensure_ascii=False) + "\n")
    elif ids:
        out.write("".join(f"{project}\n" for project in outcome.selected))
    else:
        out.write(as_table(election, outcome) + "\n")
    for note in outcome.notes:
        err.write(note + "\n")


def main(argv: Sequence[str]) -> int:
    """Count the file named in ``argv`` and print the outcome; return the exit status."""
    print_in_utf8()
    try:
        options = parser().parse_args(argv)
        election, outcome = count(options.file, options.rule)
    except TallyFailed as error:
        sys.stderr.write(f"{PROG}: {error}\n")
        return 2
    write(election, outcome, as_json=options.json, ids=options.ids, out=sys.stdout, err=sys.stderr)
    return 0
