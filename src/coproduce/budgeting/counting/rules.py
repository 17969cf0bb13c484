"""The counting rules, and ``tally`` which picks one by name.

Tie-breaking everywhere is pabutools' default: among tied projects, the one whose id sorts
first (projects are kept in id order, so the lowest index). Greedy and the utilitarian
maximum compute exactly with fractions; the Method of Equal Shares and Phragmén use
floating point over ballots grouped by content, and are tested against pabutools' exact
arithmetic on real elections.
"""

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import accumulate
from math import inf, lcm

import numpy as np

from coproduce.budgeting.counting import _mes_kernel
from coproduce.budgeting.counting.election import Election, by_project

Score = Fraction | float


class UnsupportedRule(ValueError):
    """A rule this engine does not count, with the reason."""


@dataclass(frozen=True)
class Outcome:
    rule: str
    selected: list[str]
    spent: Fraction
    budget: Fraction
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        def number(value: Fraction) -> int | float:
            return value.numerator if value.denominator == 1 else float(value)

        return {
            "rule": self.rule,
            "selected": self.selected,
            "spent": number(self.spent),
            "budget": number(self.budget),
        }


# --- greedy ----------------------------------------------------------------------------


def total_satisfaction(election: Election) -> list[Fraction]:
    """Each project's satisfaction summed over voters, exactly."""
    groups, projects, sats = election.satisfaction_table()
    counts = election.table.counts.astype(float)
    weighted = sats * counts[groups] if len(groups) else sats
    totals = np.bincount(projects, weights=weighted, minlength=len(election.projects))
    if np.all(sats == np.round(sats)) and totals.max(initial=0) < 2**53:
        return [Fraction(int(t)) for t in totals]  # whole numbers: exact in floating point
    exact = [Fraction(0)] * len(election.projects)
    for group, pairs in zip(election.groups, election.satisfaction(), strict=True):
        for project, sat in pairs:
            exact[project] += sat * group.count
    return exact


def welfare_density(election: Election) -> list[Score]:
    """Satisfaction per unit of cost: pabutools' greedy order (votes, for approval)."""
    densities: list[Score] = []
    for project, total in zip(election.projects, total_satisfaction(election), strict=True):
        if total <= 0:
            densities.append(Fraction(0))
        elif project.cost == 0:
            densities.append(inf)
        else:
            densities.append(total / project.cost)
    return densities


def by_score(scores: Sequence[Score]) -> list[int]:
    """Projects from the highest score down; ties to the id that sorts first."""
    return sorted(range(len(scores)), key=lambda j: (-scores[j], j))


def fill(
    election: Election, order: list[int], chosen: list[int] | None = None, skip: bool = True
) -> list[int]:
    """Fund projects in ``order`` while they fit; skip one that does not, or stop there."""
    chosen = list(chosen or [])
    left = election.budget - sum((election.projects[j].cost for j in chosen), Fraction(0))
    for j in order:
        if j in chosen:
            continue
        cost = election.projects[j].cost
        if cost <= left:
            chosen.append(j)
            left -= cost
        elif not skip:
            break
    return chosen


def greedy(election: Election) -> list[int]:
    return fill(election, by_score(welfare_density(election)))


def greedy_no_skip(election: Election) -> list[int]:
    return fill(election, by_score(welfare_density(election)), skip=False)


def threshold_from(election: Election) -> Fraction:
    raw = election.meta.get("min_project_score_threshold")
    if raw is None:
        raise UnsupportedRule("greedy-threshold needs min_project_score_threshold in META")
    return Fraction(raw)


def published_scores(election: Election) -> list[Fraction]:
    """The score cities publish and rank by: votes for approval and choose-1, points for
    cumulative and scoring ballots, and positional points for ordinal ballots (a ballot of
    length k gives k points to its first choice, down to 1 for its last: Kraków's count).
    """
    if election.vote_type in ("cumulative", "scoring"):
        return election.points()
    if election.vote_type == "ordinal":
        table = election.table
        positional = np.repeat(table.lengths, table.lengths) - table.ranks
        return [Fraction(v) for v in election.weighted_sum(positional.astype(float))]
    return [Fraction(v) for v in election.approvals()]


def greedy_threshold(election: Election) -> list[int]:
    """Greedy among the projects whose published score reaches the threshold."""
    threshold = threshold_from(election)
    scores = published_scores(election)
    order = [j for j in by_score(welfare_density(election)) if scores[j] >= threshold]
    return fill(election, order)


# --- the Method of Equal Shares ----------------------------------------------------------


class EqualShares:
    """MES over ballot groups, prepared once per election and run for any voter budget."""

    def __init__(self, election: Election) -> None:
        self.election = election
        projects = len(election.projects)
        self.costs = np.array([float(p.cost) for p in election.projects])
        self.counts = election.table.counts.astype(float)
        groups, owners, sats = election.satisfaction_table()
        order = by_project(owners, projects)  # supporters of each project together
        self.groups, self.sats = groups[order], sats[order]
        self.start = np.zeros(projects + 1, dtype=np.int64)
        self.start[1:] = np.cumsum(np.bincount(owners, minlength=projects))
        self.total_sat = np.bincount(
            owners, weights=sats * self.counts[groups] if len(groups) else sats, minlength=projects
        ).astype(float)
        supported = self.total_sat > 0
        # pabutools funds supported projects that cost nothing before anything else
        self.free = [int(j) for j in np.flatnonzero(supported & (self.costs == 0))]
        self.candidates = np.flatnonzero(supported & (self.costs > 0)).astype(np.int64)

    def run(self, per_voter: float, stop_above: float = inf) -> list[int]:
        """The MES outcome when every voter starts with ``per_voter`` (stopping early once
        the funded projects cost more than ``stop_above``)."""
        chosen = _mes_kernel.run(
            per_voter,
            self.counts,
            self.start,
            self.groups,
            self.sats,
            self.costs,
            self.total_sat,
            self.candidates,
            stop_above - float(sum(self.costs[self.free])),
        )
        return self.free + [int(j) for j in chosen]

    def spent(self, chosen: list[int]) -> Fraction:
        return sum((self.election.projects[j].cost for j in chosen), Fraction(0))

    def exhaustive(self, chosen: list[int]) -> bool:
        left = self.election.budget - self.spent(chosen)
        taken = set(chosen)
        return all(self.election.projects[j].cost > left for j in self.candidates if j not in taken)

    def with_increments(
        self, increment: float = 1.0, *, until_exhaustive: bool = True
    ) -> list[int]:
        """Raise every voter's budget by ``increment`` while the outcome stays within budget.

        As pabutools does (``until_exhaustive``): stop at the first exhaustive outcome, or
        return the last one within the budget when the next would overspend. Without
        ``until_exhaustive``, as equalshares.net (which some cities ran) does: keep raising
        past exhaustive outcomes and return the last one within the budget.
        """
        voters = max(self.election.voter_count, 1)
        per_voter = float(self.election.budget) / voters
        previous = list(self.free)
        while True:
            chosen = self.run(per_voter, stop_above=float(self.election.budget) * (1 + 1e-9))
            if self.spent(chosen) > self.election.budget:
                return previous
            if until_exhaustive and self.exhaustive(chosen):
                return chosen
            previous = chosen
            per_voter += increment


def mes(election: Election) -> list[int]:
    voters = max(election.voter_count, 1)
    return EqualShares(election).run(float(election.budget) / voters)


def mes_add1(election: Election) -> list[int]:
    return EqualShares(election).with_increments(1.0)


def mes_add1_greedy(election: Election) -> list[int]:
    return fill(election, by_score(welfare_density(election)), mes_add1(election))


# --- sequential Phragmén ------------------------------------------------------------------


def phragmen(election: Election) -> list[int]:
    """Sequential Phragmén for approval ballots, stopping when the next pick does not fit.

    Each round every project's load is what its supporters already carry, plus its cost,
    over its approvals. What they carry is kept per project and changed only where a pick
    moved it: for the ballots that supported the pick, on the projects those ballots name."""
    if election.vote_type not in ("approval", "choose-1"):
        raise UnsupportedRule("sequential Phragmén counts approval and choose-1 ballots only")
    table = election.table
    count = len(election.projects)
    counts = table.counts.astype(float)
    order = by_project(table.projects, count)
    bounds = np.searchsorted(table.projects[order], np.arange(count + 1))
    supporters = table.owners[order]  # each project's ballot groups, together
    costs = np.array([float(p.cost) for p in election.projects])
    approvals = np.array(election.approvals(), dtype=float)
    loads = np.zeros(len(counts))
    carried = np.zeros(count)
    left = election.budget
    remaining = np.array([p.cost <= election.budget for p in election.projects], dtype=bool)
    chosen: list[int] = []
    while remaining.any():
        with np.errstate(divide="ignore", invalid="ignore"):
            load = np.where(approvals > 0, (carried + costs) / approvals, inf)
        best = load[remaining].min()
        tied = np.flatnonzero(remaining & (load == best))  # all, if none has votes
        if any(election.projects[j].cost > left for j in tied):
            break
        pick = int(tied[0])
        chosen.append(pick)
        remaining[pick] = False
        left -= election.projects[pick].cost
        moved = supporters[bounds[pick] : bounds[pick + 1]]
        change = (best - loads[moved]) * counts[moved]
        loads[moved] = best
        lengths = table.lengths[moved]
        entries = np.arange(lengths.sum()) + np.repeat(
            table.offsets[moved] - (np.cumsum(lengths) - lengths), lengths
        )
        carried += np.bincount(
            table.projects[entries], weights=np.repeat(change, lengths), minlength=count
        )
    return chosen


# --- utilitarian maximum -----------------------------------------------------------------


def whole_numbers(values: Sequence[Fraction]) -> list[int]:
    """``values`` times the least common multiple of their denominators."""
    scale = lcm(*(v.denominator for v in values)) if values else 1
    return [int(v * scale) for v in values]


def max_utilitarian(election: Election) -> list[int]:
    """The affordable set with the greatest total satisfaction (exact branch and bound).

    It runs in whole numbers, which Python compares far faster than fractions: the
    satisfactions are scaled by one factor, and the costs with the budget by another,
    which changes no comparison the search makes."""
    weights = whole_numbers(total_satisfaction(election))
    *costs, budget = whole_numbers([*election.costs, election.budget])
    free = [j for j in range(len(costs)) if costs[j] == 0 and weights[j] > 0]
    items = [j for j in range(len(costs)) if 0 < costs[j] <= budget and weights[j] > 0]
    items.sort(key=lambda j: (-Fraction(weights[j], costs[j]), j))
    best_value, best_set = -1, []
    spent = list(accumulate((costs[j] for j in items), initial=0))  # before each item
    gained = list(accumulate((weights[j] for j in items), initial=0))

    def cannot_beat_best(start: int, room: int, value: int) -> bool:
        """Whether even the fractional relaxation from here is no better than the best:
        the items from ``start`` that fit whole (found by bisection over the running
        costs), then the part of the next one that fits."""
        end = bisect_right(spent, spent[start] + room, lo=start) - 1
        value += gained[end] - gained[start]
        if end == len(items):
            return value <= best_value
        j, room = items[end], spent[start] + room - spent[end]
        # value + weights[j] * room / costs[j] <= best_value, without dividing
        return (value - best_value) * costs[j] + weights[j] * room <= 0

    stack: list[tuple[int, int, int, list[int]]] = [(0, budget, 0, [])]
    while stack:
        start, room, value, taken = stack.pop()
        if value > best_value:
            best_value, best_set = value, taken
        if start == len(items) or cannot_beat_best(start, room, value):
            continue
        j = items[start]
        stack.append((start + 1, room, value, taken))
        if costs[j] <= room:
            stack.append((start + 1, room - costs[j], value + weights[j], [*taken, j]))
    return free + sorted(best_set)


# --- the rules by name -----------------------------------------------------------------

RULES: dict[str, Callable[[Election], list[int]]] = {
    "greedy": greedy,
    "greedy-no-skip": greedy_no_skip,
    "greedy-threshold": greedy_threshold,
    "mes": mes,
    "mes-add1": mes_add1,
    "mes-add1-greedy": mes_add1_greedy,
    "phragmen": phragmen,
    "max-utilitarian": max_utilitarian,
}


def outcome(
    election: Election, rule: str, chosen: list[int], notes: list[str] | None = None
) -> Outcome:
    return Outcome(
        rule=rule,
        selected=[election.projects[j].id for j in chosen],
        spent=sum((election.projects[j].cost for j in chosen), Fraction(0)),
        budget=election.budget,
        notes=notes or [],
    )
