"""Rank a survey's options from respondents' rankings, by Borda count or by Schulze's method.

A plain module (numpy, no Django) so that the web app and ``coproduce survey rank`` count
with the same engine, and so that the shell command starts without loading Django (ADR 0036).

A ballot lists option names, best first, and may rank fewer than all (or none). Definitions:

- Borda: on a ballot ranking k options, the option at position p (1-based) scores k - p + 1;
  an option the ballot leaves out scores 0. Options are ordered by total score; equal totals
  are a tie.
- Schulze: d[x][y] counts the ballots ranking x above y; a ranked option is above every
  unranked one, and two unranked options are neither above the other. A link x -> y exists
  when d[x][y] > d[y][x], with strength d[x][y]; p[x][y] is the strength of the widest path
  from x to y (0 if none), and x beats y when p[x][y] > p[y][x]. That relation is a strict
  partial order (Schulze 2011), so the tiers are its iterated winners: the first tier holds
  every option that no option beats, the next every option that no remaining option beats,
  and so on. When the relation is a weak order these tiers are exactly its classes of
  indifference; either way no option beats another in its own tier.

Within a tier, options keep the order of ``options`` as given to :func:`rank`.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

METHODS = ("borda", "schulze")

IntMatrix = npt.NDArray[np.int64]


class RankingError(ValueError):
    """A ballot, file or method the engine cannot count; the message says which row and why."""


@dataclass(frozen=True)
class RankResult:
    """The ranking: tiers best first, with Borda's scores or Schulze's pairwise counts.

    ``scores`` and ``pairwise`` list options in the ranking's order (tier by tier).
    ``pairwise[x][y]`` is d[x][y], the ballots ranking x above y, for every y other than x.
    """

    method: str
    order: list[list[str]]
    scores: dict[str, int] | None
    pairwise: dict[str, dict[str, int]] | None


def rank(ballots: Sequence[Sequence[str]], options: Sequence[str], method: str) -> RankResult:
    """Rank ``options`` from ``ballots`` (names, best first) by ``method``: borda or schulze."""
    if method not in METHODS:
        raise RankingError(f"unknown method {method!r}: choose borda or schulze")
    names = list(options)
    if len(set(names)) != len(names):
        raise RankingError("the options list a name twice")
    return rank_positions(_positions(ballots, names), names, method)


def rank_positions(positions: IntMatrix, options: Sequence[str], method: str) -> RankResult:
    """Rank from a ballots × options matrix of 1-based places (0: unranked), as
    :func:`positions_of` makes from stored answers without naming each option."""
    if method not in METHODS:
        raise RankingError(f"unknown method {method!r}: choose borda or schulze")
    names = list(options)
    if method == "borda":
        totals = _borda_scores(positions)
        order = _tiers_by_score(names, totals)
        ranked = [name for tier in order for name in tier]
        index = {name: i for i, name in enumerate(names)}
        return RankResult(
            method=method,
            order=order,
            scores={name: int(totals[index[name]]) for name in ranked},
            pairwise=None,
        )
    pairwise = _pairwise(positions)
    order = _tiers_by_beating(names, _beats(_strongest_paths(pairwise)))
    ranked = [name for tier in order for name in tier]
    index = {name: i for i, name in enumerate(names)}
    return RankResult(
        method=method,
        order=order,
        scores=None,
        pairwise={
            x: {y: int(pairwise[index[x], index[y]]) for y in ranked if y != x} for x in ranked
        },
    )


def read_rankings_csv(text: str) -> tuple[list[list[str]], list[str]]:
    """Read a rankings CSV: no header, a respondent a row, option names best first.

    Names are stripped of surrounding spaces and blank cells at a row's end are ignored, so a
    blank row is an empty ballot. Returns the ballots and the names in order of first
    appearance; a blank cell between names, a name given twice on a row or a file without
    rows is a :class:`RankingError` naming the row.
    """
    ballots: list[list[str]] = []
    seen: dict[str, None] = {}
    try:
        for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")):
            ballot = _ballot_from_cells(row, len(ballots) + 1)
            ballots.append(ballot)
            seen.update(dict.fromkeys(ballot))
    except csv.Error as error:
        raise RankingError(f"row {len(ballots) + 1}: {error}") from None
    if not ballots:
        raise RankingError("the file has no rows: give one respondent's ranking a row")
    return ballots, list(seen)


def _ballot_from_cells(row: list[str], row_number: int) -> list[str]:
    cells = [cell.strip() for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    if "" in cells:
        raise RankingError(f"row {row_number} has a blank cell between two options")
    _refuse_repeats(cells, row_number)
    return cells


def _refuse_repeats(ballot: Sequence[str], row_number: int) -> None:
    named: set[str] = set()
    for name in ballot:
        if name in named:
            raise RankingError(f"row {row_number} names “{name}” twice")
        named.add(name)


def _positions(ballots: Sequence[Sequence[str]], names: list[str]) -> IntMatrix:
    """A ballots × options matrix: each option's 1-based position on the ballot, 0 if unranked.

    Names are looked up in one pass over all ballots; unknown names and repeats are then
    found with numpy, so 100,000 ballots take a few tens of milliseconds.
    """
    index = {name: i for i, name in enumerate(names)}
    lengths = np.fromiter((len(ballot) for ballot in ballots), dtype=np.int64, count=len(ballots))
    flat = np.fromiter(
        (index.get(name, -1) for ballot in ballots for name in ballot),
        dtype=np.int64,
        count=int(lengths.sum()),
    )
    ends = np.cumsum(lengths)
    unknown = np.flatnonzero(flat < 0)
    if unknown.size:
        row = int(np.searchsorted(ends, unknown[0], side="right"))
        name = ballots[row][int(unknown[0] - (ends[row] - lengths[row]))]
        raise RankingError(f"row {row + 1} names “{name}”, which is not one of the options")
    positions = positions_of(flat, lengths, len(names))
    repeated = np.flatnonzero(np.count_nonzero(positions, axis=1) != lengths)
    if repeated.size:
        _refuse_repeats(ballots[int(repeated[0])], int(repeated[0]) + 1)
    return positions


def positions_of(flat: IntMatrix, lengths: IntMatrix, count: int) -> IntMatrix:
    """The places matrix of ballots given as option indices one after another, best first
    (``flat``), with each ballot's length; ``count`` options in all."""
    ends = np.cumsum(lengths)
    rows = np.repeat(np.arange(lengths.size), lengths)
    places = np.arange(flat.size) - np.repeat(ends - lengths, lengths) + 1
    positions = np.zeros((lengths.size, count), dtype=np.int64)
    positions[rows, flat] = places
    return positions


def _borda_scores(positions: IntMatrix) -> IntMatrix:
    ranked_count = np.count_nonzero(positions, axis=1)[:, None]
    points = np.where(positions > 0, ranked_count - positions + 1, 0)
    return np.asarray(points.sum(axis=0), dtype=np.int64)


def _pairwise(positions: IntMatrix) -> IntMatrix:
    """d[x][y]: the ballots ranking x above y (an unranked option sits below every ranked one)."""
    count = positions.shape[1]
    keys = np.where(positions > 0, positions, count + 1)
    d = np.zeros((count, count), dtype=np.int64)
    for x in range(count):
        d[x] = np.count_nonzero(keys[:, x, None] < keys, axis=0)
    return d


def _strongest_paths(d: IntMatrix) -> IntMatrix:
    """p[x][y]: the widest path from x to y over links d[x][y] > d[y][x] (Floyd–Warshall)."""
    p = np.where(d > d.T, d, 0)
    for via in range(len(p)):
        np.maximum(p, np.minimum(p[:, via, None], p[None, via, :]), out=p)
    np.fill_diagonal(p, 0)
    return p


def _beats(p: IntMatrix) -> npt.NDArray[np.bool_]:
    return np.asarray(p > p.T)


def _tiers_by_score(names: list[str], totals: IntMatrix) -> list[list[str]]:
    by_score: dict[int, list[str]] = {}
    for name, total in zip(names, totals.tolist(), strict=True):
        by_score.setdefault(total, []).append(name)
    return [by_score[score] for score in sorted(by_score, reverse=True)]


def _tiers_by_beating(names: list[str], beats: npt.NDArray[np.bool_]) -> list[list[str]]:
    """Iterated winners: each tier holds the remaining options that no remaining option beats."""
    remaining = np.ones(len(names), dtype=bool)
    tiers: list[list[str]] = []
    while remaining.any():
        beaten = beats[remaining].any(axis=0)
        tier = remaining & ~beaten
        if not tier.any():  # a cycle: impossible for strongest paths, kept as one tier
            tier = remaining.copy()
        tiers.append([names[i] for i in np.flatnonzero(tier)])
        remaining &= ~tier
    return tiers
