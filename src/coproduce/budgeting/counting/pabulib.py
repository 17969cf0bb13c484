"""Reading and writing pabulib .pb files (the research community's format).

A file has three sections, each a semicolon-separated table under its name: META (key;value),
PROJECTS (project_id;cost;...) and VOTES (voter_id;vote[;points];...).
"""

import csv
import gc
import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path

from coproduce.budgeting.counting.election import Election, PbFormatError, Project

SECTIONS = ("meta", "projects", "votes")


def _number(text: str, what: str, line: int) -> Fraction:
    try:
        value = Fraction(text.strip().replace(",", "."))
    except (ValueError, ZeroDivisionError):
        where = f"line {line}: " if line else ""
        raise PbFormatError(f"{where}{what} {text!r} is not a number") from None
    if value < 0:
        raise PbFormatError(
            f"line {line}: {what} {text!r} is negative" if line else f"{what} {text!r} is negative"
        )
    return value


VOTES_HEADING = re.compile(r"^[ \t]*votes[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
Tallied = dict[tuple[str, str], list[int]]  # (vote, points) -> [voters, first ballot, line]


def _tally_votes(text: str, first_line: int) -> Tallied:
    """Count identical ballots in the VOTES section (its text after the heading line).

    The section is one row a voter, tens of thousands of them: without quoting (the usual
    case) rows are split directly, which is several times faster than the csv module."""
    if '"' in text:
        rows: Iterable[list[str]] = csv.reader(io.StringIO(text), delimiter=";")
    else:
        rows = (line.split(";") for line in text.split("\n"))
    tallied: Tallied = {}
    ballots = 0
    header: list[str] | None = None
    vote_at = points_at = -1
    for line, row in enumerate(rows, start=first_line + 1):
        if header is None:
            if any(cell.strip() for cell in row):
                header = [h.strip() for h in row]
                vote_at = header.index("vote") if "vote" in header else -1
                points_at = header.index("points") if "points" in header else -1
            continue
        width = len(row)
        if width < 2 and not (width and row[0].strip()):
            continue  # a blank line
        ballots += 1
        key = (
            row[vote_at].strip() if 0 <= vote_at < width else "",
            row[points_at].strip() if 0 <= points_at < width else "",
        )
        seen = tallied.get(key)
        if seen is None:
            tallied[key] = [1, ballots, line]
        else:
            seen[0] += 1
    return tallied


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Parsing makes hundreds of thousands of small tuples and lists and no reference
    cycles, yet each batch of new objects makes Python's cycle collector walk the heap again
    (a third to a half of the parse time on large files, more in a process with a large
    heap). It is paused while parsing and restored after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_pb(text: str) -> Election:
    """Parse the text of a .pb file; raise PbFormatError saying what is wrong, and where.

    Identical ballots are counted once: large files repeat the same ballots many times, so
    each distinct ballot is parsed only once.
    """
    with _cycle_collector_paused():
        return _parse(text)


def _parse(text: str) -> Election:
    heading = VOTES_HEADING.search(text)
    head = text[: heading.start()] if heading else text
    tallied = (
        _tally_votes(text[heading.end() :].lstrip("\r").removeprefix("\n"), head.count("\n") + 1)
        if heading
        else {}
    )
    meta: dict[str, str] = {}
    projects: list[Project] = []
    section, header = "", [""]
    rows = csv.reader(io.StringIO(head), delimiter=";")
    for row in rows:
        line = rows.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        name = row[0].strip().lower()
        if name in SECTIONS and len(row) == 1:
            section = name
            header = [h.strip() for h in next(rows, [])]
            continue
        if section == "meta":
            if len(row) < 2:
                raise PbFormatError(f"line {line}: a META row needs a key and a value")
            meta[row[0].strip()] = row[1].strip()
        elif section == "projects":
            record = {h: v.strip() for h, v in zip(header, row, strict=False)}
            if "cost" not in record or not record.get("project_id"):
                raise PbFormatError(f"line {line}: a project needs a project_id and a cost")
            projects.append(
                Project(
                    id=record["project_id"],
                    cost=_number(record["cost"], "cost", line),
                    meta=record,
                )
            )
        else:
            raise PbFormatError(f"line {line}: data before the META section")
    for required in ("budget", "vote_type"):
        if required not in meta:
            raise PbFormatError(f"META has no {required}")
    budget = _number(meta["budget"], "the budget", 0)
    if not projects:
        raise PbFormatError("the file has no PROJECTS")
    vote_type = meta["vote_type"]
    scored = vote_type in ("cumulative", "scoring")
    ballots: list[tuple[list[str], list[Fraction] | None]] = []
    for (vote, points), (_, number, line) in tallied.items():
        names = vote.split(",") if vote else []
        if " " in vote or "" in names:  # rare: tidy spaces and empty items
            names = [v.strip() for v in names if v.strip()]
        given = [_number(p, "points", line) for p in points.split(",")] if points else None
        if scored and given is None and names:
            raise PbFormatError(f"ballot {number} has projects but no points")
        ballots.append((names, (given or []) if scored else None))
    return Election.build(
        budget=budget,
        vote_type=vote_type,
        projects=projects,
        ballots=ballots,
        meta=meta,
        counts=[count for count, _, _ in tallied.values()],
        numbers=[number for _, number, _ in tallied.values()],
    )


def read_pb(path: str | Path) -> Election:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise PbFormatError(f"{path} is not UTF-8 text") from None
    return parse_pb(text)


def _format(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))


def write_pb(election: Election, selected: Iterable[str] = ()) -> str:
    """The election as .pb text; ``selected`` marks funded projects in a selected column."""
    chosen = set(selected)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    meta = {
        **election.meta,
        "budget": _format(election.budget),
        "vote_type": election.vote_type,
        "num_projects": str(len(election.projects)),
        "num_votes": str(election.voter_count),
    }
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(meta.items())
    writer.writerow(["PROJECTS"])
    votes = election.approvals()
    writer.writerow(["project_id", "cost", "votes", "name", "selected"])
    for index, project in enumerate(election.projects):
        writer.writerow(
            [
                project.id,
                _format(project.cost),
                votes[index],
                project.meta.get("name", ""),
                int(project.id in chosen),
            ]
        )
    writer.writerow(["VOTES"])
    with_points = election.vote_type in ("cumulative", "scoring")
    writer.writerow(["voter_id", "vote", *(["points"] if with_points else [])])
    voter = 0
    for group in election.groups:
        names = ",".join(election.projects[p].id for p in group.projects)
        points = ",".join(_format(s) for s in group.points or ())
        for _ in range(group.count):
            voter += 1
            writer.writerow([voter, names, *([points] if with_points else [])])
    return out.getvalue()
