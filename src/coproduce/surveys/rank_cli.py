"""``coproduce survey rank RANKINGS.csv --method borda|schulze [--json]``, without Django.

``coproduce.cli`` hands this subcommand here before Django is set up: counting a file needs
only the ranking engine, so the command starts in the time it takes to import numpy.
Errors print one line on stderr and exit with status 2.
"""

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from coproduce.cli import print_in_utf8
from coproduce.surveys.ranking import METHODS, RankingError, RankResult, rank, read_rankings_csv

PROG = "coproduce survey rank"
METHOD_TITLES = {"borda": "Borda count", "schulze": "Schulze method"}


class CommandFailed(Exception):
    """A reason to stop with status 2, said in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CommandFailed(message)


def main(argv: list[str]) -> int:
    """Count the file named in ``argv`` and print the ranking (UTF-8); return the exit status."""
    print_in_utf8()
    try:
        options = _parser().parse_args(argv)
        ballots, names = read_rankings_csv(_read_text(options.file))
        result = rank(ballots, names, options.method)
    except (CommandFailed, RankingError) as error:
        sys.stderr.write(f"{PROG}: {_one_line(str(error))}\n")
        return 2
    sys.stdout.write(_as_json(result) if options.json else _as_table(result, len(ballots)))
    sys.stdout.write("\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Rank options from a CSV of rankings.")
    parser.add_argument(
        "file", help="UTF-8 CSV, no header: a respondent a row, option names best first"
    )
    parser.add_argument("--method", required=True, choices=METHODS)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _read_text(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CommandFailed(f"no such file: {path}") from None
    except OSError as error:
        raise CommandFailed(f"cannot read {path}: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        row = data.count(b"\n", 0, error.start) + 1
        raise CommandFailed(f"row {row} is not UTF-8 text") from None


def _one_line(message: str) -> str:
    return message.replace("\r", "\\r").replace("\n", "\\n")


def _as_json(result: RankResult) -> str:
    answer: dict[str, object] = {"method": result.method, "order": result.order}
    if result.scores is not None:
        answer["scores"] = result.scores
    else:
        answer["pairwise"] = result.pairwise
    return json.dumps(answer, ensure_ascii=False)


def _as_table(result: RankResult, ballot_count: int) -> str:
    """Position (``=`` marks a tie), options and, for Borda, the score; Schulze adds d[x][y]."""
    lines = [f"{METHOD_TITLES[result.method]}, {ballot_count} ballots", ""]
    rows = [("Position", "Options", "Score" if result.scores is not None else "")]
    place = 1
    for tier in result.order:
        tied = "=" if len(tier) > 1 else ""
        score = "" if result.scores is None else str(result.scores[tier[0]])
        rows.append((f"{place}{tied}", ", ".join(tier), score))
        place += len(tier)
    lines += _aligned(rows)
    if result.pairwise is not None:
        lines += ["", "Ballots ranking the row's option above the column's:", ""]
        names = list(result.pairwise)
        matrix = [("", *names)]
        matrix += [(x, *(str(result.pairwise[x].get(y, "-")) for y in names)) for x in names]
        lines += _aligned(matrix)
    return "\n".join(lines)


def _aligned(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
