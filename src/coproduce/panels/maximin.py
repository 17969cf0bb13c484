"""The library's maximin (``sortition_algorithms.committee_generation.maximin``), driven
through ``highspy`` with arrays so a pool of 2,000 is drawn in minutes (ADR 0054).

The algorithm is the library's, step for step: a multiplicative-weights start of one round a
person, a committee for each person no round covered, column generation on the maximin LP
with the library's heuristic for extra committees, and the primal LP on the committees found.
The random numbers come from the library's ``random_provider()`` in the library's order.

What differs is the driving. The library builds each objective as a ``highspy`` expression of
2,000 terms, reads the solution one variable at a time, and solves every committee programme
as a MIP, whose set-up alone costs HiGHS about 0.1 s. Here the committee programme (built by
the library's ``setup_committee_generation``, quotas and households included) changes only
its costs, and each weighting is first solved as the LP relaxation, warm from the last
basis: when that optimum is integral it is the programme's optimum, and only a fractional
one is handed to the MIP. The maximin LP is one model that gains a row per committee and is
re-solved warm by the dual simplex. Committees are kept in the order found and people in the
pool's order, so a seed gives the same draw under any hash seed.
"""

from collections.abc import Callable, Sequence

import highspy
import numpy as np
from numpy.typing import NDArray
from sortition_algorithms import errors
from sortition_algorithms.committee_generation.common import EPS, setup_committee_generation
from sortition_algorithms.committee_generation.solver import HighsSolver
from sortition_algorithms.features import FeatureCollection
from sortition_algorithms.people import People
from sortition_algorithms.progress import ProgressReporter, coerce_reporter, phase
from sortition_algorithms.utils import random_provider

# A relaxation value this close to 0 or 1 counts as integral.
INTEGRALITY_TOLERANCE = 1e-7
# The library's heuristic tries at most this many extra committees a maximin iteration.
HEURISTIC_COMMITTEES = 10

Committee = frozenset[str]
Floats = NDArray[np.float64]


def _new_highs(seed: int) -> highspy.Highs:
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("random_seed", seed)
    return highs


def _optimal(highs: highspy.Highs) -> bool:
    return bool(highs.getModelStatus() == highspy.HighsModelStatus.kOptimal)


class CommitteeFinder:
    """The committee programme: the feasible committee of greatest total weight."""

    def __init__(self, mip: highspy.Highs, ids: Sequence[str], columns: Sequence[int]) -> None:
        self.ids = list(ids)
        self.columns = np.asarray(columns, dtype=np.int32)
        self.mip = mip
        self.mip.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.relaxation = _new_highs(int(mip.getOptionValue("random_seed")[1]))
        lp = mip.getLp()
        lp.integrality_ = []
        self.relaxation.passModel(lp)
        self.relaxation.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.mip_solves = 0
        self.relaxation_solves = 0

    def best(self, weights: Floats, *, as_library: bool = False) -> NDArray[np.bool_]:
        """Who is in the committee of greatest weight (people in the pool's order).
        ``as_library`` solves the MIP straight away, as the library does, to its gap: among
        committees of nearly equal weight it then returns one the exact optimum would not.
        The MIP keeps HiGHS's own options: without presolve and feasibility jump it was
        faster a solve, but the first phase then found committees that took column
        generation 50 iterations and more at a pool of 2,000 instead of 9."""
        count = len(self.columns)
        if not as_library:
            self.relaxation.changeColsCost(count, self.columns, weights)
            self.relaxation.run()
            self.relaxation_solves += 1
        if not as_library and _optimal(self.relaxation):
            values = np.asarray(self.relaxation.getSolution().col_value)[self.columns]
            integral = np.abs(values - np.round(values)) <= INTEGRALITY_TOLERANCE
            if integral.all():
                return values > 0.5
        self.mip.changeColsCost(count, self.columns, weights)
        self.mip.run()
        self.mip_solves += 1
        if not self.mip.getSolution().value_valid:
            raise errors.SelectionError(
                message="The committee programme has no solution.",
                error_code="variables_without_value",
                error_params={"error": str(self.mip.getModelStatus())},
            )
        return np.asarray(self.mip.getSolution().col_value)[self.columns] > 0.5

    def committee(self, members: NDArray[np.bool_]) -> Committee:
        return frozenset(self.ids[i] for i in np.flatnonzero(members))


class MaximinLP:
    """The library's incremental LP: weights y on covered people and a bound z, minimising
    z with the weights summing to 1 and each committee's weight at most z."""

    def __init__(self, people_count: int, seed: int) -> None:
        self.highs = _new_highs(seed)
        self.people_count = people_count
        inf = highspy.kHighsInf
        # Column 0 is z, then one y a covered person.
        self.highs.addCol(1.0, 0.0, inf, 0, np.array([], np.int32), np.array([]))
        ones = np.ones(people_count)
        self.highs.addCols(
            people_count,
            np.zeros(people_count),
            np.zeros(people_count),
            ones,
            0,
            np.zeros(people_count, np.int32),
            np.array([], np.int32),
            np.array([]),
        )
        self.add_row(np.arange(1, people_count + 1, dtype=np.int32), ones, 1.0, 1.0)
        self.highs.changeObjectiveSense(highspy.ObjSense.kMinimize)
        self.solved = False

    def add_row(
        self, columns: NDArray[np.int32], values: Floats, lower: float, upper: float
    ) -> None:
        self.highs.addRows(
            1,
            np.array([lower]),
            np.array([upper]),
            len(columns),
            np.array([0], np.int32),
            columns,
            values,
        )

    def add_committee(self, members: NDArray[np.intp]) -> None:
        """Σ y over the committee − z ≤ 0; ``members`` are positions among the covered."""
        columns = np.concatenate(([0], members + 1)).astype(np.int32)
        values = np.concatenate(([-1.0], np.ones(len(members))))
        self.add_row(columns, values, -highspy.kHighsInf, 0.0)

    def solve(self) -> tuple[Floats, float]:
        """Re-solved from the last basis, a few rows more each time. The first solve, of
        every start committee, is the slow one (91 s at a pool of 2,000 by simplex): it is
        solved by interior point with crossover (8 s), which leaves a basis for the simplex
        to start from after it. Interior point for every solve took 61 iterations to
        converge where the simplex's took 9, each solve a few seconds longer than the last."""
        first = not self.solved
        if first:
            self.highs.setOptionValue("solver", "ipm")
            self.highs.setOptionValue("run_crossover", "on")
        self.highs.run()
        if first:
            self.highs.setOptionValue("solver", "simplex")
            self.solved = True
        if not _optimal(self.highs):
            raise errors.SelectionError(f"The maximin LP ended {self.highs.getModelStatus()}.")
        values = np.asarray(self.highs.getSolution().col_value)
        return values[1:].copy(), float(values[0])


def _maximin_primal(committees: Sequence[NDArray[np.intp]], covered: int, seed: int) -> Floats:
    """The library's ``_find_maximin_primal``: the chances of the committees that make the
    least chance of a covered person greatest; ``committees`` hold positions among the covered."""
    highs = _new_highs(seed)
    # Interior point: the simplex method took 87 s over this degenerate LP at a pool of
    # 2,000, interior point 18 s (any optimal chances will do, as for the library).
    highs.setOptionValue("solver", "ipm")
    inf = highspy.kHighsInf
    count = len(committees)
    # Row 0: the chances sum to 1; row 1 + k: person k's chance less the least is ≥ 0.
    highs.addRows(
        covered + 1,
        np.concatenate(([1.0], np.zeros(covered))),
        np.concatenate(([1.0], np.full(covered, inf))),
        0,
        np.zeros(covered + 1, np.int32),
        np.array([], np.int32),
        np.array([]),
    )
    starts = np.zeros(count, np.int32)
    rows = []
    position = 0
    for index, members in enumerate(committees):
        starts[index] = position
        rows.append(np.concatenate(([0], members + 1)))
        position += len(members) + 1
    indices = np.concatenate(rows).astype(np.int32)
    highs.addCols(
        count,
        np.zeros(count),
        np.zeros(count),
        np.ones(count),
        len(indices),
        starts,
        indices,
        np.ones(len(indices)),
    )
    highs.addCol(
        1.0, 0.0, 1.0, covered, np.arange(1, covered + 1, dtype=np.int32), -np.ones(covered)
    )
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    highs.run()
    if not _optimal(highs):
        raise errors.SelectionError(f"The maximin primal LP ended {highs.getModelStatus()}.")
    chances = np.maximum(np.asarray(highs.getSolution().col_value)[:count], 0.0)
    return chances / chances.sum()


def _committee_programme(
    features: FeatureCollection,
    people: People,
    size: int,
    check_same_address_columns: list[str],
) -> tuple[highspy.Highs, list[str], list[int]]:
    """The library's committee ILP (it checks the quotas and suggests relaxations), unwrapped
    to its HiGHS model and each person's column."""
    solver, agent_vars = setup_committee_generation(
        features, people, size, check_same_address_columns, "highspy"
    )
    if not isinstance(solver, HighsSolver):  # pragma: no cover - we ask for HiGHS
        raise TypeError("The committee programme is not HiGHS's.")
    ids = list(agent_vars)
    return solver._h, ids, [int(agent_vars[key].index) for key in ids]


def _multiplicative_weights(
    finder: CommitteeFinder, rounds: int, reporter: ProgressReporter
) -> tuple[list[NDArray[np.bool_]], set[Committee]]:
    """The library's first phase: each round the heaviest committee, whose members then
    weigh less (or, for a committee found before, all weights drawn towards 1)."""
    count = len(finder.ids)
    weights = np.array([random_provider().uniform(0.99, 1.0) for _ in range(count)])
    found: list[NDArray[np.bool_]] = []
    seen: set[Committee] = set()
    # After a committee found before, the library draws the weights towards 1, which keeps
    # the same committee the heaviest: only its MIP's tolerance brings another. The round
    # that follows is solved like the library's, so the start stays as varied as its.
    repeated = False
    with phase(
        reporter,
        "multiplicative_weights",
        total=rounds,
        message=f"Searching for diverse committees ({rounds} rounds)",
    ):
        for round_number in range(1, rounds + 1):
            members = finder.best(weights, as_library=repeated)
            committee = finder.committee(members)
            repeated = committee in seen
            if not repeated:
                seen.add(committee)
                found.append(members)
                weights[members] *= 0.8
            else:
                weights = 0.9 * weights + 0.1
            weights *= count / weights.sum()
            reporter.update(
                round_number,
                message=f"Round {round_number}/{rounds}: {len(found)} committees found",
            )
    return found, seen


def _cover_everyone(
    finder: CommitteeFinder, found: list[NDArray[np.bool_]], seen: set[Committee]
) -> NDArray[np.bool_]:
    """The library's second phase: for each person in no committee yet, a committee with
    them if there is one. Returns who is covered."""
    covered = np.zeros(len(finder.ids), dtype=bool)
    for members in found:
        covered |= members
    for person in range(len(finder.ids)):
        if covered[person]:
            continue
        weights = np.zeros(len(finder.ids))
        weights[person] = 1.0
        members = finder.best(weights)
        if members[person]:
            committee = finder.committee(members)
            if committee not in seen:
                seen.add(committee)
                found.append(members)
            covered |= members
    return covered


def find_distribution_maximin(
    features: FeatureCollection,
    people: People,
    number_people_wanted: int,
    check_same_address_columns: list[str],
    *,
    progress_reporter: ProgressReporter | None = None,
) -> tuple[list[Committee], list[float]]:
    """The committees and their chances that make the least chance of selection greatest,
    as the library's ``find_distribution_maximin`` finds them (to its tolerance ``EPS``)."""
    reporter = coerce_reporter(progress_reporter)
    mip, ids, columns = _committee_programme(
        features, people, number_people_wanted, check_same_address_columns
    )
    finder = CommitteeFinder(mip, ids, columns)
    found, seen = _multiplicative_weights(finder, people.count, reporter)
    covered = _cover_everyone(finder, found, seen)
    covered_positions = np.flatnonzero(covered)
    # Position among the covered of each person (covered people only are looked up).
    position_of = np.cumsum(covered) - 1

    def among_covered(members: NDArray[np.bool_]) -> NDArray[np.intp]:
        return np.asarray(position_of[np.flatnonzero(members)], dtype=np.intp)

    committees = [among_covered(start_members) for start_members in found]
    lp = MaximinLP(len(covered_positions), random_provider().randint())
    for positions in committees:
        lp.add_committee(positions)

    def weights_of_everyone(covered_weights: Floats) -> Floats:
        weights = np.zeros(len(ids))
        weights[covered_positions] = covered_weights
        return weights

    iteration = 0
    with phase(
        reporter, "maximin_optimization", total=None, message="Optimizing maximin distribution"
    ):
        while True:
            iteration += 1
            covered_weights, upper = lp.solve()
            members = finder.best(weights_of_everyone(covered_weights))
            positions = among_covered(members)
            value = float(covered_weights[positions].sum())
            reporter.update(
                iteration,
                message=(
                    f"Maximin iteration {iteration}: {len(committees)} committees, "
                    f"gap {value - upper:.2%}"
                ),
            )
            if value <= upper + EPS:
                break
            committee = finder.committee(members)
            if committee in seen:  # pragma: no cover - the LP keeps every known one below z
                raise errors.SelectionError("Maximin found a committee it already had.")
            seen.add(committee)
            committees.append(positions)
            found.append(members)
            lp.add_committee(positions)
            _add_heuristic_committees(
                finder,
                lp,
                covered_weights,
                positions,
                upper,
                value,
                weights_of_everyone,
                among_covered,
                seen,
                committees,
                found,
            )
    chances = _maximin_primal(committees, len(covered_positions), random_provider().randint())
    return [finder.committee(members) for members in found], [float(c) for c in chances]


def _add_heuristic_committees(
    finder: CommitteeFinder,
    lp: MaximinLP,
    covered_weights: Floats,
    positions: NDArray[np.intp],
    upper: float,
    value: float,
    weights_of_everyone: Callable[[Floats], Floats],
    among_covered: Callable[[NDArray[np.bool_]], NDArray[np.intp]],
    seen: set[Committee],
    committees: list[NDArray[np.intp]],
    found: list[NDArray[np.bool_]],
) -> None:
    """The library's heuristic: scale the weights so the last committee meets the bound,
    and look for another committee over it, without solving the LP again."""
    weights = covered_weights.copy()
    for _ in range(HEURISTIC_COMMITTEES):
        weights[positions] *= upper / value
        total = float(weights.sum())
        if total < EPS:
            return
        weights /= total
        upper /= total
        members = finder.best(weights_of_everyone(weights))
        positions = among_covered(members)
        value = float(weights[positions].sum())
        committee = finder.committee(members)
        if value <= upper + EPS or committee in seen:
            return
        seen.add(committee)
        committees.append(positions)
        found.append(members)
        lp.add_committee(positions)
