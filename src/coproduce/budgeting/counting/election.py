"""An election: projects with costs, a budget, and ballots grouped by their content."""

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain

import numpy as np

VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")


class PbFormatError(ValueError):
    """A .pb file (or election data) that cannot be counted, with what is wrong in it."""


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Parsing and counting make many small objects and no reference cycles, yet new
    objects make Python's cycle collector walk the heap again (a third to a half of the
    parse time on large files; tens of milliseconds for one full pass over the heap of a
    process that has loaded numba). It is paused while they run and restored after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class Project:
    id: str
    cost: Fraction
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(slots=True)  # not frozen: large files make tens of thousands of these
class BallotGroup:
    """Identical ballots, counted once with their multiplicity.

    ``projects`` are indices into ``Election.projects`` in the ballot's order (the ranking,
    for ordinal ballots); ``points`` go with them for cumulative and scoring ballots.
    """

    projects: tuple[int, ...]
    points: tuple[Fraction, ...] | None
    count: int


def by_project(projects: np.ndarray, count: int) -> np.ndarray:
    """The stable order of entries by project. With fewer than 32,768 projects the indices
    fit in 16 bits, for which numpy's stable sort is a radix sort, several times faster."""
    return np.argsort(projects.astype(np.int16) if count < 2**15 else projects, kind="stable")


@dataclass(frozen=True)
class BallotTable:
    """The same ballot groups as flat arrays, which is what the counting rules read.

    Group ``g`` names ``projects[offsets[g]:offsets[g + 1]]`` (in ranked order for ordinal
    ballots), with ``points`` (as floats) beside them for cumulative and scoring ballots,
    and was cast by ``counts[g]`` voters. A large file is parsed straight into this form,
    without a Python object per ballot; ``Election.groups`` is then made only if asked for.
    """

    offsets: np.ndarray
    projects: np.ndarray
    counts: np.ndarray
    points: np.ndarray | None = None

    @classmethod
    def from_lengths(
        cls,
        lengths: np.ndarray,
        projects: np.ndarray,
        counts: np.ndarray,
        points: np.ndarray | None = None,
    ) -> "BallotTable":
        """The table of groups with ``lengths`` projects each, one after another."""
        offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        return cls(offsets, projects.astype(np.int64), counts, points)

    @classmethod
    def from_groups(cls, groups: Sequence[BallotGroup], scored: bool) -> "BallotTable":
        lengths = np.fromiter((len(g.projects) for g in groups), dtype=np.int64, count=len(groups))
        total = int(lengths.sum())
        return cls.from_lengths(
            lengths,
            projects=np.fromiter(
                chain.from_iterable(g.projects for g in groups), dtype=np.int64, count=total
            ),
            counts=np.fromiter((g.count for g in groups), dtype=np.int64, count=len(groups)),
            points=np.fromiter(
                (float(p) for g in groups for p in (g.points or ())), dtype=float, count=total
            )
            if scored
            else None,
        )

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    @property
    def owners(self) -> np.ndarray:
        """The group each entry of ``projects`` belongs to."""
        return np.repeat(np.arange(len(self.counts), dtype=np.int64), self.lengths)

    @property
    def ranks(self) -> np.ndarray:
        """Each entry's place on its ballot, from 0."""
        return np.arange(len(self.projects), dtype=np.int64) - np.repeat(
            self.offsets[:-1], self.lengths
        )

    def groups(self) -> list[BallotGroup]:
        """The groups as objects, for ballots without points (the only ones parsed straight
        into a table)."""
        if self.points is not None:
            raise ValueError("a table of scored ballots is made from its groups, not the reverse")
        offsets, projects = self.offsets.tolist(), self.projects.tolist()
        return [
            BallotGroup(tuple(projects[start:end]), None, count)
            for start, end, count in zip(offsets, offsets[1:], self.counts.tolist(), strict=False)
        ]


class Election:
    """Projects are kept sorted by id, so "lowest index" is pabutools' lexicographic tie-break.

    The ballots are held as ``groups`` (objects), as a ``table`` (arrays), or both: each is
    made from the other the first time it is asked for.
    """

    def __init__(
        self,
        *,
        budget: Fraction,
        vote_type: str,
        projects: list[Project],
        groups: list[BallotGroup] | None = None,
        table: BallotTable | None = None,
        meta: dict[str, str] | None = None,
        voter_count: int = 0,
    ) -> None:
        if groups is None and table is None:
            raise ValueError("an election needs its ballots, as groups or as a table")
        self.budget = budget
        self.vote_type = vote_type
        self.projects = projects
        self.meta = meta if meta is not None else {}
        self.voter_count = voter_count
        self._groups = groups
        self._table = table

    @property
    def groups(self) -> list[BallotGroup]:
        if self._groups is None:
            assert self._table is not None
            self._groups = self._table.groups()
        return self._groups

    @property
    def table(self) -> BallotTable:
        if self._table is None:
            scored = self.vote_type in ("cumulative", "scoring")
            self._table = BallotTable.from_groups(self.groups, scored)
        return self._table

    @classmethod
    def build(
        cls,
        *,
        budget: Fraction | int,
        vote_type: str,
        projects: Sequence[Project],
        ballots: Sequence[tuple[Sequence[str], Sequence[Fraction] | None]],
        meta: dict[str, str] | None = None,
        counts: Sequence[int] | None = None,
        numbers: Sequence[int] | None = None,
    ) -> "Election":
        """Make an election from ballots that name projects by id.

        ``counts`` says how many voters cast each ballot (one each if not given), and
        ``numbers`` the ballot's place in its source, for error messages.
        """
        if vote_type not in VOTE_TYPES:
            raise PbFormatError(f"unknown vote_type {vote_type!r}; expected one of {VOTE_TYPES}")
        ordered = sorted(projects, key=lambda p: p.id)
        index = {p.id: i for i, p in enumerate(ordered)}
        if len(index) != len(ordered):
            raise PbFormatError("two projects have the same project_id")
        weights = counts if counts is not None else [1] * len(ballots)
        places = numbers if numbers is not None else range(1, len(ballots) + 1)
        Key = tuple[tuple[int, ...], tuple[Fraction, ...] | None]
        grouped: dict[Key, int] = {}
        position = index.__getitem__
        for number, weight, (names, points) in zip(places, weights, ballots, strict=True):
            try:
                chosen = tuple(map(position, names))
            except KeyError as missing:
                raise PbFormatError(f"ballot {number} names unknown project {missing}") from None
            if len(set(chosen)) != len(chosen):
                raise PbFormatError(f"ballot {number} names a project twice")
            if points is not None:
                if len(points) != len(chosen):
                    raise PbFormatError(
                        f"ballot {number} has {len(chosen)} projects but {len(points)} points"
                    )
                if vote_type != "ordinal":
                    pairs = sorted(zip(chosen, points, strict=True))
                    chosen = tuple(p for p, _ in pairs)
                    points = tuple(s for _, s in pairs)
                key: Key = (chosen, tuple(points))
            else:
                key = (chosen if vote_type == "ordinal" else tuple(sorted(chosen)), None)
            grouped[key] = grouped.get(key, 0) + weight
        groups = [BallotGroup(projects=p, points=s, count=n) for (p, s), n in grouped.items()]
        return cls(
            budget=Fraction(budget),
            vote_type=vote_type,
            projects=list(ordered),
            groups=groups,
            meta=dict(meta or {}),
            voter_count=sum(weights),
        )

    @property
    def costs(self) -> list[Fraction]:
        return [p.cost for p in self.projects]

    def satisfaction(self) -> list[list[tuple[int, Fraction]]]:
        """Per ballot group, the (project, satisfaction) pairs that are not zero.

        The measure that fits the ballot, as pabutools defines it: the project's cost for
        approval and choose-1, the points given for cumulative and scoring ballots, and the
        Borda score (ballot length minus position minus one) for ordinal ballots.
        """
        costs = self.costs
        result: list[list[tuple[int, Fraction]]] = []
        for group in self.groups:
            if self.vote_type in ("approval", "choose-1"):
                pairs = [(p, costs[p]) for p in group.projects]
            elif self.vote_type == "ordinal":
                length = len(group.projects)
                pairs = [(p, Fraction(length - rank - 1)) for rank, p in enumerate(group.projects)]
            else:
                assert group.points is not None
                pairs = list(zip(group.projects, group.points, strict=True))
            result.append([(p, s) for p, s in pairs if s > 0])
        return result

    def satisfaction_table(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The same as ``satisfaction`` as three flat arrays (group, project, satisfaction),
        for fast counting; satisfactions are floats."""
        table = self.table
        projects = table.projects
        if self.vote_type in ("approval", "choose-1"):
            sats = np.array([float(c) for c in self.costs])[projects]
        elif self.vote_type == "ordinal":
            sats = (np.repeat(table.lengths, table.lengths) - table.ranks - 1).astype(float)
        else:
            assert table.points is not None
            sats = table.points
        keep = sats > 0
        return table.owners[keep], projects[keep], sats[keep]

    def approvals(self) -> list[int]:
        """How many ballots name each project (the "votes" of greedy counting)."""
        return self.weighted_sum(np.ones(len(self.table.projects)))

    def weighted_sum(self, values: np.ndarray) -> list[int]:
        """Per project, ``values`` (one per entry of the table, whole numbers) summed over
        voters: exact in floating point, as totals stay far below 2**53."""
        table = self.table
        weights = values * np.repeat(table.counts, table.lengths)
        totals = np.bincount(table.projects, weights=weights, minlength=len(self.projects))
        return [int(v) for v in np.rint(totals).astype(np.int64)]

    def points(self) -> list[Fraction]:
        """Total points per project for cumulative and scoring ballots."""
        totals = [Fraction(0)] * len(self.projects)
        for group in self.groups:
            for p, s in zip(group.projects, group.points or (), strict=False):
                totals[p] += s * group.count
        return totals
