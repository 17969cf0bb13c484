"""Reading and writing pabulib .pb files (the research community's format).

A file has three sections, each a semicolon-separated table under its name: META (key;value),
PROJECTS (project_id;cost;...) and VOTES (voter_id;vote[;points];...).
"""

import csv
import gc
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from itertools import chain
from pathlib import Path
from typing import Any

from coproduce.budgeting.counting.election import (
    VOTE_TYPES,
    BallotGroup,
    Election,
    PbFormatError,
    Project,
)

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


BLANK_LINE = re.compile(r"^[ \t\r]*$", re.MULTILINE)
CELL = "[^;\n]*"


Cells = tuple[list[Any], int, int]  # the cells found, the vote column, the points column


def _vote_cells(text: str) -> Cells | None:
    """The vote (and points) cells of every row of the VOTES section, found by one regular
    expression in C, with the columns they came from; None unless the file is the usual
    kind (no quoting, the header on the first line, every row reaching those columns)."""
    first_newline = text.find("\n")
    if '"' in text or first_newline < 0:
        return None
    header = [h.strip() for h in text[:first_newline].split(";")]
    vote_at = header.index("vote") if "vote" in header else -1
    points_at = header.index("points") if "points" in header else -1
    if vote_at < 1 or points_at == 0:
        return None
    wanted = {vote_at, points_at} - {-1}
    row = ";".join(f"({CELL})" if i in wanted else CELL for i in range(max(wanted) + 1))
    body = text[first_newline + 1 :]
    found: list[Any] = re.findall("^" + row, body, re.MULTILINE)
    lines = body.count("\n") + 1
    # Every line matched (but an empty last one, after the final newline), or else every
    # line that is not blank: a row too short to reach the vote goes the slow way.
    all_matched = len(found) == lines or (len(found) == lines - 1 and body.endswith("\n"))
    if not all_matched and len(found) != lines - len(BLANK_LINE.findall(body)):
        return None
    return found, vote_at, points_at


def _tally_votes_fast(text: str, cells: Cells | None = None) -> Tallied | None:
    """The same count as ``_tally_votes`` for the usual file (see ``_vote_cells``), with a
    Counter in C. Ballot and line numbers are not kept: a file with an error is parsed again
    the general way, which says where the error is."""
    cells = cells or _vote_cells(text)
    if cells is None:
        return None
    found, vote_at, points_at = cells
    keys = found if points_at < 0 or points_at > vote_at else [(v, p) for p, v in found]
    tallied: Tallied = {}
    for key, count in Counter(keys).items():
        vote, points = (key, "") if points_at < 0 else key
        clean = (vote.strip(), points.strip())
        seen = tallied.get(clean)
        if seen is None:
            tallied[clean] = [count, 0, 0]
        else:
            seen[0] += count
    return tallied


def _quick_positions(cells_text: str, projects: list[Project]) -> Callable[[str], int] | None:
    """What both quick paths need: a project's index from its id. None when the distinct
    cells (joined in ``cells_text``) hold spaces to tidy, or two projects share an id: the
    general path then parses the file and says what is wrong."""
    if " " in cells_text or "\t" in cells_text or "\r" in cells_text:
        return None
    index = {p.id: i for i, p in enumerate(projects)}
    return index.__getitem__ if len(index) == len(projects) else None


def _unscored_groups(
    text: str, projects: list[Project], cells: Cells | None = None, ranked: bool = False
) -> tuple[list[BallotGroup], int] | None:
    """For approval, choose-1 and (``ranked``) ordinal ballots in the usual file, the ballot
    groups straight from the distinct vote cells: each distinct cell is split and mapped
    once, in one tight loop; a ranking keeps its order, a set of approvals is sorted.
    None if anything is unusual (points, spaces, unknown or repeated projects): the general
    path then parses it and says what is wrong."""
    cells = cells or _vote_cells(text)
    if cells is None or cells[2] >= 0:
        return None
    counts = Counter(cells[0])
    position = _quick_positions("\x00".join(counts), projects)
    if position is None:
        return None
    try:
        rankings = [tuple(map(position, vote.split(","))) if vote else () for vote in counts]
    except KeyError:
        return None
    if any(len(set(chosen)) != len(chosen) for chosen in rankings):
        return None
    if ranked:  # distinct cells are distinct rankings: nothing to merge
        groups = [BallotGroup(r, None, n) for r, n in zip(rankings, counts.values(), strict=True)]
    else:  # "b,c" and "c,b" are one set of approvals
        grouped: dict[tuple[int, ...], int] = {}
        for chosen, count in zip(rankings, counts.values(), strict=True):
            key = tuple(sorted(chosen))
            grouped[key] = grouped.get(key, 0) + count
        groups = [BallotGroup(p, None, n) for p, n in grouped.items()]
    return groups, len(cells[0])


def _scored_groups(
    text: str, projects: list[Project], cells: Cells | None = None
) -> tuple[list[BallotGroup], int] | None:
    """For cumulative and scoring ballots in the usual file, the ballot groups straight from
    the distinct (vote, points) cells, as ``_unscored_groups`` does for the others. Ballots
    are merged on the text of their points once each distinct number is written one way
    ("1.0" as "1"), so that no Fraction is hashed per ballot. None if anything is unusual."""
    cells = cells or _vote_cells(text)
    if cells is None or cells[2] < 0:
        return None
    found, vote_at, points_at = cells
    counts = Counter(found)
    if points_at < vote_at:
        counts = Counter({(vote, points): n for (points, vote), n in counts.items()})
    position = _quick_positions("\x00".join(chain.from_iterable(counts)), projects)
    if position is None:
        return None
    values: dict[str, Fraction] = {}  # each distinct number as written, parsed once
    canonical: dict[str, str] = {}  # ... and the one way it is written here
    grouped: dict[tuple[tuple[int, str], ...], int] = {}
    try:
        for (vote, points), count in counts.items():
            chosen = tuple(map(position, vote.split(","))) if vote else ()
            given = points.split(",") if points else []
            if len(given) != len(chosen) or len(set(chosen)) != len(chosen):
                return None
            for item in given:
                if item not in canonical:
                    value = _number(item, "points", 0)
                    canonical[item] = str(value)
                    values[canonical[item]] = value
            key = tuple(sorted(zip(chosen, map(canonical.__getitem__, given), strict=True)))
            grouped[key] = grouped.get(key, 0) + count
    except (KeyError, PbFormatError):
        return None
    groups = [
        BallotGroup(
            tuple(project for project, _ in key),
            tuple(values[number] for _, number in key),
            count,
        )
        for key, count in grouped.items()
    ]
    return groups, len(found)


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


def _parse(text: str, *, fast: bool = True) -> Election:
    heading = VOTES_HEADING.search(text)
    head = text[: heading.start()] if heading else text
    votes = text[heading.end() :].lstrip("\r").removeprefix("\n") if heading else ""
    meta, projects = _read_head(head)
    cells = _vote_cells(votes) if fast and heading else None
    vote_type = meta["vote_type"]
    if cells is not None and vote_type in VOTE_TYPES:  # an unknown type: the general path says so
        ordered = sorted(projects, key=lambda p: p.id)
        if vote_type in ("cumulative", "scoring"):
            quick = _scored_groups(votes, ordered, cells)
        else:
            quick = _unscored_groups(votes, ordered, cells, ranked=vote_type == "ordinal")
        if quick is not None:
            groups, voters = quick
            return Election(
                budget=_number(meta["budget"], "the budget", 0),
                vote_type=vote_type,
                projects=ordered,
                groups=groups,
                meta=meta,
                voter_count=voters,
            )
    tallied = _tally_votes_fast(votes, cells) if cells is not None else None
    if tallied is not None:
        try:
            return _election(meta, projects, tallied)
        except PbFormatError:
            return _parse(text, fast=False)  # again the slow way, to say on which line
    tallied = _tally_votes(votes, head.count("\n") + 1) if heading else {}
    return _election(meta, projects, tallied)


def _read_head(head: str) -> tuple[dict[str, str], list[Project]]:
    """The META and PROJECTS sections, checked: a budget, a vote type, some projects."""
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
    _number(meta["budget"], "the budget", 0)
    if not projects:
        raise PbFormatError("the file has no PROJECTS")
    return meta, projects


def _election(meta: dict[str, str], projects: list[Project], tallied: Tallied) -> Election:
    vote_type = meta["vote_type"]
    scored = vote_type in ("cumulative", "scoring")
    ballots: list[tuple[list[str], list[Fraction] | None]] = []
    numbers: dict[str, Fraction] = {}  # the few distinct points given, each parsed once
    for (vote, points), (_, number, line) in tallied.items():
        names = vote.split(",") if vote else []
        if " " in vote or "" in names:  # rare: tidy spaces and empty items
            names = [v.strip() for v in names if v.strip()]
        given = None
        if points:
            given = []
            for item in points.split(","):
                value = numbers.get(item)
                if value is None:
                    value = numbers[item] = _number(item, "points", line)
                given.append(value)
        if scored and given is None and names:
            raise PbFormatError(f"ballot {number} has projects but no points")
        ballots.append((names, (given or []) if scored else None))
    return Election.build(
        budget=_number(meta["budget"], "the budget", 0),
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
