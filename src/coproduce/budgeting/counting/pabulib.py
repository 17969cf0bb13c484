"""Reading and writing pabulib .pb files (the research community's format).

A file has three sections, each a semicolon-separated table under its name: META (key;value),
PROJECTS (project_id;cost;...) and VOTES (voter_id;vote[;points];...).
"""

import csv
import io
import random
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from fractions import Fraction
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from coproduce.budgeting.counting.election import (
    VOTE_TYPES,
    BallotGroup,
    BallotTable,
    Election,
    PbFormatError,
    Project,
    cycle_collector_paused,
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


# The distinct vote cells, each with how many rows have it: a cell is the vote's text, or
# (vote, points) for files with points; then how many rows there are, and whether the
# cells carry points.
Cells = tuple[dict[Any, int], int, bool]


def _vote_cells(text: str) -> Cells | None:
    """The vote (and points) cells of the rows of the VOTES section, counted; None unless
    the file is the usual kind (no quoting, the header on the first line, every row
    reaching those columns).

    The cells are cut out in C: a file of two columns (voter_id;vote) is split into lines
    and each line at its one semicolon; any other file is read by one regular expression,
    which takes a vote and the points just after it as one cell, split again only once
    for each distinct cell (a Python object per row is what costs)."""
    first_newline = text.find("\n")
    if '"' in text or first_newline < 0:
        return None
    header = [h.strip() for h in text[:first_newline].split(";")]
    vote_at = header.index("vote") if "vote" in header else -1
    points_at = header.index("points") if "points" in header else -1
    if vote_at < 1 or points_at == 0:
        return None
    if len(header) == 2 and points_at < 0:
        lines = text.split("\n")[1:]
        if not lines[-1]:
            lines.pop()  # after the final newline
        if text.count(";", first_newline) == len(lines):  # one a line
            return Counter([line.partition(";")[2] for line in lines]), len(lines), False
    together = points_at == vote_at + 1
    wanted = {vote_at} if together else {vote_at, points_at} - {-1}
    row = ";".join(f"({CELL})" if i in wanted else CELL for i in range(max(wanted) + 1))
    if together:
        row = row.replace(f"({CELL})", f"({CELL};{CELL})")
    # Each row after a newline (the header's is the first): a literal to look for first
    # makes the search skip quickly from one line to the next.
    found: list[Any] = re.compile("\n" + row).findall(text, first_newline)
    lines_in_body = text.count("\n", first_newline + 1) + 1
    # Every line matched (but an empty last one, after the final newline), or else every
    # line that is not blank: a row too short to reach the vote goes the slow way.
    all_matched = len(found) == lines_in_body or (
        len(found) == lines_in_body - 1 and text.endswith("\n")
    )
    if not all_matched:
        blank = len(BLANK_LINE.findall(text, first_newline + 1))
        if len(found) != lines_in_body - blank:
            return None
    tally: dict[Any, int] = Counter(found)
    if together:
        tally = {tuple(cell.split(";")): count for cell, count in tally.items()}
    elif points_at >= 0 and points_at < vote_at:
        tally = {(vote, points): count for (points, vote), count in tally.items()}
    return tally, len(found), points_at >= 0


def _tally_votes_fast(text: str, cells: Cells | None = None) -> Tallied | None:
    """The same count as ``_tally_votes`` for the usual file (see ``_vote_cells``), with a
    Counter in C. Ballot and line numbers are not kept: a file with an error is parsed again
    the general way, which says where the error is."""
    cells = cells or _vote_cells(text)
    if cells is None:
        return None
    distinct, _, scored = cells
    tallied: Tallied = {}
    for key, count in distinct.items():
        vote, points = key if scored else (key, "")
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


def _unscored_table(
    text: str, projects: list[Project], cells: Cells | None = None, ranked: bool = False
) -> tuple[BallotTable, int] | None:
    """For approval, choose-1 and (``ranked``) ordinal ballots in the usual file, the ballot
    table straight from the distinct vote cells, in numpy, with no Python object made per
    ballot (see ``_project_indices``). A ranking keeps its order; a set of approvals is put
    in order, and sets written in another order ("b,c" and "c,b") are merged. None if
    anything is unusual (points, spaces, unknown or repeated projects, empty items): the
    general path then parses it and says what is wrong."""
    cells = cells or _vote_cells(text)
    if cells is None or cells[2]:
        return None
    tally = cells[0]
    distinct = list(tally)  # in order of first appearance
    position = _quick_positions("\x00".join(distinct), projects)
    if position is None:
        return None
    filled = [cell for cell in distinct if cell]
    found = _project_indices(filled, projects, position)
    if found is None:
        return None
    chosen, lengths = found
    counts = np.fromiter(tally.values(), np.int64, len(distinct))
    if "" in tally:  # the empty ballot is put back at the end
        counts = np.delete(counts, distinct.index(""))
    starts = np.cumsum(lengths) - lengths
    first = np.zeros(len(chosen), dtype=bool)
    first[starts[lengths > 0]] = True
    if not np.all(first[1:] | (chosen[1:] > chosen[:-1])):
        # Some ballot does not name its projects in order (most files do, and then none
        # can name one twice, and equal sets are equal text, already counted together).
        sets = _bit_sets(chosen, starts, len(projects))
        if np.any(np.bitwise_count(sets).sum(axis=1) != lengths):
            return None  # a ballot names a project twice
        if not ranked:
            group, leaders = _equal_rows(sets)
            if len(leaders) < len(filled):  # sets written in another order: one group each
                counts = np.bincount(group, weights=counts).astype(np.int64)
                sets = sets[leaders]
            members = np.unpackbits(sets.astype("<u8").view(np.uint8), axis=1, bitorder="little")
            found_at = np.flatnonzero(members)  # each set's projects, in order
            chosen = found_at % members.shape[1]
            lengths = np.bincount(found_at // members.shape[1], minlength=len(sets))
    if "" in tally:
        lengths = np.append(lengths, 0)
        counts = np.append(counts, tally[""])
    return BallotTable.from_lengths(lengths, chosen, counts), cells[1]


def _bit_sets(chosen: np.ndarray, starts: np.ndarray, projects: int) -> np.ndarray:
    """Each ballot's projects as a bit set: one row of 64-bit words a ballot."""
    words = (projects + 63) // 64
    bit = np.left_shift(np.uint64(1), (chosen % 64).astype(np.uint64))
    sets = np.zeros((len(starts), words), dtype=np.uint64)
    for word in range(words):
        if len(starts):
            sets[:, word] = np.bitwise_or.reduceat(np.where(chosen // 64 == word, bit, 0), starts)
    return sets


def _equal_rows(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A group number for each row, shared by equal rows and given in the order of each
    group's first row, and those first rows. (``np.unique`` would sort the rows as raw
    bytes, several times slower than sorting the columns as numbers.)"""
    order = np.lexsort(rows.T[::-1])
    ordered = rows[order]
    starts = np.ones(len(rows), dtype=bool)
    starts[1:] = np.any(ordered[1:] != ordered[:-1], axis=1)
    leaders = order[starts]  # lexsort is stable: each run of equal rows starts with its first
    number = np.empty(len(leaders), dtype=np.int64)
    number[np.argsort(leaders)] = np.arange(len(leaders))
    group = np.empty(len(rows), dtype=np.int64)
    group[order] = number[np.cumsum(starts) - 1]
    return group, np.sort(leaders)


def _project_indices(
    cells: list[str], projects: list[Project], position: Callable[[str], int]
) -> tuple[np.ndarray, np.ndarray] | None:
    """The project index of every item of the (non-empty) vote cells, in order, and how
    many items each cell has; None if an item is not a project id as written.

    Where every project id is a plain whole number, as in most cities' files, numpy reads
    the items as numbers in C; an item written any other way ("07", "+7", "7.0") is caught
    because the ids' lengths no longer add up to the text's. Otherwise each item is looked
    up by its text."""
    if not cells:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ids = [p.id for p in projects]
    if all(i.isascii() and i.isdigit() and str(int(i)) == i for i in ids):
        values = np.array([int(i) for i in ids], dtype=np.int64)
        joined = ",-1,".join(cells)  # -1 marks where one cell ends and the next begins
        try:
            with warnings.catch_warnings():  # text it cannot read: a warning, or an error
                warnings.simplefilter("error", DeprecationWarning)
                numbers = np.fromstring(joined, dtype=np.int64, sep=",")
        except (ValueError, DeprecationWarning):
            return None
        ends = np.flatnonzero(numbers == -1)
        items = numbers[numbers != -1]
        if len(numbers) != joined.count(",") + 1 or len(ends) != len(cells) - 1:
            return None
        if values.max() < 2**24:  # a lookup table, faster than a search
            index = np.full(int(values.max()) + 2, -1, dtype=np.int64)
            index[values] = np.arange(len(values))
            chosen = index[np.clip(items, 0, len(index) - 1)]
            if np.any(chosen < 0):
                return None
        else:
            order = np.argsort(values)
            ordered = values[order]
            at = np.minimum(np.searchsorted(ordered, items), len(ordered) - 1)
            if np.any(ordered[at] != items):
                return None
            chosen = order[at]
        written = np.array([len(i) for i in ids])[chosen].sum() + len(numbers) - 1
        if written + 2 * len(ends) != len(joined):
            return None
        lengths = np.diff(ends, prepend=-1, append=len(numbers)) - 1
        return chosen, lengths
    names = ",".join(cells).split(",")
    try:
        chosen = np.fromiter(map(position, names), np.int64, len(names))
    except KeyError:
        return None  # an unknown project, or an empty item ("a,,b")
    lengths = np.fromiter((cell.count(",") + 1 for cell in cells), np.int64, len(cells))
    return chosen, lengths


def _scored_groups(
    text: str, projects: list[Project], cells: Cells | None = None
) -> tuple[list[BallotGroup], BallotTable, int] | None:
    """For cumulative and scoring ballots in the usual file, the ballot groups straight from
    the distinct (vote, points) cells, as ``_unscored_table`` does for the others, and
    their table. Ballots are merged on the text of their points once each distinct number
    is written one way ("1.0" as "1"), so that no Fraction is hashed per ballot. None if
    anything is unusual."""
    cells = cells or _vote_cells(text)
    if cells is None or not cells[2]:
        return None
    counts = cells[0]
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
    floats = {number: float(value) for number, value in values.items()}
    groups: list[BallotGroup] = []
    entries: list[tuple[int, str]] = []
    for key, count in grouped.items():
        chosen, numbers = zip(*key, strict=True) if key else ((), ())
        groups.append(BallotGroup(chosen, tuple(map(values.__getitem__, numbers)), count))
        entries.extend(key)
    table = BallotTable.from_lengths(
        np.fromiter(map(len, grouped), np.int64, len(grouped)),
        projects=np.fromiter((p for p, _ in entries), np.int64, len(entries)),
        counts=np.fromiter(grouped.values(), np.int64, len(grouped)),
        points=np.fromiter((floats[n] for _, n in entries), float, len(entries)),
    )
    return groups, table, cells[1]


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


def parse_pb(text: str) -> Election:
    """Parse the text of a .pb file; raise PbFormatError saying what is wrong, and where.

    Identical ballots are counted once: large files repeat the same ballots many times, so
    each distinct ballot is parsed only once.
    """
    with cycle_collector_paused():
        return _parse(text)


def _parse(text: str, *, fast: bool = True) -> Election:
    heading = VOTES_HEADING.search(text)
    head = text[: heading.start()] if heading else text
    votes = ""
    if heading:  # the section after its heading line, copied once (it is most of the file)
        start = heading.end()
        while text.startswith("\r", start):
            start += 1
        votes = text[start + text.startswith("\n", start) :]
    meta, projects = _read_head(head)
    cells = _vote_cells(votes) if fast and heading else None
    vote_type = meta["vote_type"]
    if cells is not None and vote_type in VOTE_TYPES:  # an unknown type: the general path says so
        ordered = sorted(projects, key=lambda p: p.id)
        quick: tuple[list[BallotGroup] | None, BallotTable, int] | None
        if vote_type in ("cumulative", "scoring"):
            quick = _scored_groups(votes, ordered, cells)
        else:
            unscored = _unscored_table(votes, ordered, cells, ranked=vote_type == "ordinal")
            quick = None if unscored is None else (None, *unscored)
        if quick is not None:
            groups, table, voters = quick
            return Election(
                budget=_number(meta["budget"], "the budget", 0),
                vote_type=vote_type,
                projects=ordered,
                groups=groups,
                table=table,
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
        text = Path(path).read_bytes().decode("utf-8-sig")  # quicker than a text-mode read
    except UnicodeDecodeError:
        raise PbFormatError(f"{path} is not UTF-8 text") from None
    if "\r" in text:  # line endings as a text-mode read gives them
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return parse_pb(text)


def _format(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))


def write_pb(
    election: Election, selected: Iterable[str] = (), shuffle: random.Random | None = None
) -> str:
    """The election as .pb text; ``selected`` marks funded projects in a selected column.

    With ``shuffle``, each voter's ballot is written on its own line in an order it draws
    and numbered afresh, so the file keeps no trace of the order ballots came in; without
    it, voters are written group by group (a secret ballot's export passes one: ADR 0021).
    """
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
    lines = [
        [",".join(election.projects[p].id for p in group.projects)]
        + ([",".join(_format(s) for s in group.points or ())] if with_points else [])
        for group in election.groups
    ]
    voters = [
        line for line, group in zip(lines, election.groups, strict=True) for _ in range(group.count)
    ]
    if shuffle is not None:
        shuffle.shuffle(voters)
    writer.writerows([number, *line] for number, line in enumerate(voters, start=1))
    return out.getvalue()
