"""An election: projects with costs, a budget, and ballots grouped by their content."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain

import numpy as np

VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")


class PbFormatError(ValueError):
    """A .pb file (or election data) that cannot be counted, with what is wrong in it."""


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


@dataclass
class Election:
    """Projects are kept sorted by id, so "lowest index" is pabutools' lexicographic tie-break."""

    budget: Fraction
    vote_type: str
    projects: list[Project]
    groups: list[BallotGroup]
    meta: dict[str, str] = field(default_factory=dict)
    voter_count: int = 0

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
        for fast counting; satisfactions are floats. Built with numpy from the ballots
        flattened once, not pair by pair in Python."""
        lengths = np.fromiter(
            (len(g.projects) for g in self.groups), dtype=np.int64, count=len(self.groups)
        )
        total = int(lengths.sum())
        projects = np.fromiter(
            chain.from_iterable(g.projects for g in self.groups), dtype=np.int64, count=total
        )
        groups = np.repeat(np.arange(len(self.groups), dtype=np.int64), lengths)
        if self.vote_type in ("approval", "choose-1"):
            sats = np.array([float(c) for c in self.costs])[projects] if total else np.zeros(0)
        elif self.vote_type == "ordinal":
            starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
            rank = np.arange(total, dtype=np.int64) - starts
            sats = (np.repeat(lengths, lengths) - rank - 1).astype(float)
        else:
            sats = np.fromiter(
                (float(p) for g in self.groups for p in (g.points or ())), dtype=float, count=total
            )
        keep = sats > 0
        return groups[keep], projects[keep], sats[keep]

    def approvals(self) -> list[int]:
        """How many ballots name each project (the "votes" of greedy counting)."""
        lengths = np.fromiter(
            (len(g.projects) for g in self.groups), dtype=np.int64, count=len(self.groups)
        )
        counts = np.fromiter((g.count for g in self.groups), dtype=np.int64, count=len(self.groups))
        projects = np.fromiter(
            chain.from_iterable(g.projects for g in self.groups),
            dtype=np.int64,
            count=int(lengths.sum()),
        )
        weights = np.repeat(counts, lengths)
        votes = np.bincount(projects, weights=weights, minlength=len(self.projects))
        return [int(v) for v in np.rint(votes).astype(np.int64)]

    def points(self) -> list[Fraction]:
        """Total points per project for cumulative and scoring ballots."""
        totals = [Fraction(0)] * len(self.projects)
        for group in self.groups:
            for p, s in zip(group.projects, group.points or (), strict=False):
                totals[p] += s * group.count
        return totals
