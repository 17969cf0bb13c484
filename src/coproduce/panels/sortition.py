"""Stratified selection by lot, through the ``sortition-algorithms`` library, with no
Django: the command line runs it without loading the site, and the task's service feeds it
rows from the database (ADR 0042).

Features and people use the library's CSV layout: features ``feature,value,min,max``; people
an ``id`` column, one column per feature and, for the one-per-household check, ``address``
and ``postcode``.
"""

import contextlib
import csv
import io
import logging
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sortition_algorithms import errors
from sortition_algorithms.committee_generation import common as library_common
from sortition_algorithms.committee_generation import (
    find_distribution_nash,
    find_random_sample_legacy,
    standardize_distribution,
)
from sortition_algorithms.committee_generation import maximin as library_maximin
from sortition_algorithms.committee_generation.solver import (
    HighsSolver,
    Solver,
    SolverSense,
    create_solver,
)
from sortition_algorithms.core import lottery_rounding
from sortition_algorithms.features import FeatureCollection, check_desired, read_in_features
from sortition_algorithms.people import (
    People,
    check_enough_people_for_every_feature_value,
    read_in_people,
)
from sortition_algorithms.progress import ProgressReporter
from sortition_algorithms.settings import Settings
from sortition_algorithms.utils import set_log_level, set_random_provider

from coproduce.panels import maximin as our_maximin

ALGORITHMS = ("maximin", "nash", "legacy")
ID_COLUMN = "id"
HOUSEHOLD_COLUMNS = ["address", "postcode"]
# Legacy draws one panel and reports no distribution: its probabilities are estimated from
# this many further draws, seeded from the recorded seed so the estimate is reproducible.
LEGACY_ESTIMATE_DRAWS = 100
MAX_SEED = 2**31 - 1
# The solver every algorithm uses, for the draw and the command line alike: HiGHS, free.
SOLVER = "highspy"

# The library logs each step, and each legacy retry as a warning; we want only the result.
set_log_level(logging.ERROR)


class SelectionFailed(Exception):
    """The pool or the quotas do not allow a selection; ``lines`` say which and why."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = [line for line in lines if line.strip()]
        super().__init__("\n".join(self.lines))


@dataclass(frozen=True)
class Draw:
    """One selection: who, how, and the fairness figures of the lottery behind it."""

    selected: list[str]
    algorithm: str
    seed: int
    min_probability: float
    probabilities: dict[str, float]  # "feature:category" -> a member's mean chance
    individual: dict[str, float] = field(repr=False)

    def as_json(self) -> dict[str, object]:
        return {
            "selected": self.selected,
            "algorithm": self.algorithm,
            "seed": self.seed,
            "min_probability": round(self.min_probability, 6),
            "probabilities": {key: round(p, 6) for key, p in self.probabilities.items()},
        }


class HighsSolvingOnce(HighsSolver):
    """The library's HiGHS solver, less its double solve: the library sets each objective
    with ``highspy``'s ``maximize``/``minimize``, which solve the programme, and then calls
    ``optimize``, which solves it again. Here setting the objective only sets it, so each
    programme is solved once, by ``optimize``, on the same model with the same options."""

    def set_objective(self, expr: Any, sense: SolverSense) -> None:
        self._objective_sense = sense
        maximize = sense == SolverSense.MAXIMIZE
        objective_sense = self._highspy.ObjSense
        self._h.setObjective(
            expr, objective_sense.kMaximize if maximize else objective_sense.kMinimize
        )


def _create_solver(
    backend: str = SOLVER,
    verbose: bool = False,
    seed: int | None = None,
    time_limit: float | None = None,
    mip_gap: float | None = None,
) -> Solver:
    """The library's ``create_solver``, with HiGHS solving each programme once."""
    if backend == SOLVER:
        return HighsSolvingOnce(verbose=verbose, seed=seed, time_limit=time_limit, mip_gap=mip_gap)
    return create_solver(backend, verbose, seed, time_limit, mip_gap)


# The library's modules that build solvers for maximin and Nash (by name, when called).
_SOLVER_USERS = (library_common, library_maximin)


@contextlib.contextmanager
def solving_once() -> Iterator[None]:
    """While it lasts, the library's maximin and Nash build ``HighsSolvingOnce``: the same
    algorithm, steps and random numbers, each programme solved once instead of twice."""
    saved = [module.create_solver for module in _SOLVER_USERS]
    for module in _SOLVER_USERS:
        module.create_solver = _create_solver  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module, original in zip(_SOLVER_USERS, saved, strict=True):
            module.create_solver = original  # type: ignore[attr-defined]


def _failure_lines(error: Exception) -> list[str]:
    lines = getattr(error, "all_lines", None)
    return list(lines) if lines else [str(error)]


def features_from_rows(rows: Iterable[Mapping[str, object]]) -> FeatureCollection:
    """The quotas, from rows with ``feature, value, min, max``."""
    body = [{key: str(value) for key, value in row.items()} for row in rows]
    try:
        features, _, _ = read_in_features(["feature", "value", "min", "max"], body)
    except errors.SortitionBaseError as error:
        raise SelectionFailed(_failure_lines(error)) from None
    return features


def people_from_rows(
    rows: Iterable[Mapping[str, str]], features: FeatureCollection, households: bool
) -> People:
    """The pool, from rows with ``id``, the features and (for households) the address."""
    body = [dict(row) for row in rows]
    head = list(body[0]) if body else [ID_COLUMN, *features, *HOUSEHOLD_COLUMNS]
    settings = _settings(households, 0, "legacy")
    try:
        people, _ = read_in_people(head, body, features, settings)
    except errors.SortitionBaseError as error:
        raise SelectionFailed(_failure_lines(error)) from None
    return people


def read_csv(text: str) -> list[dict[str, str]]:
    """Rows of a CSV text, each a dict by header."""
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), strict=True))


def _settings(households: bool, seed: int, algorithm: str) -> Settings:
    return Settings(
        id_column=ID_COLUMN,
        columns_to_keep=[],
        check_same_address=households,
        check_same_address_columns=HOUSEHOLD_COLUMNS if households else [],
        selection_algorithm=algorithm,
        solver_backend=SOLVER,
        random_number_seed=seed,
    )


def new_seed() -> int:
    return secrets.randbelow(MAX_SEED) + 1


def _category_probabilities(
    features: FeatureCollection, people: People, individual: Mapping[str, float]
) -> dict[str, float]:
    found: dict[str, float] = {}
    for feature_name, values in features.items():
        for value_name in values:
            members = [
                key
                for key, person in people.items()
                if person[feature_name].lower() == value_name.lower()
            ]
            chance = sum(individual[key] for key in members) / len(members) if members else 0.0
            found[f"{feature_name}:{value_name}"] = chance
    return found


def _legacy_once(
    features: FeatureCollection, people: People, size: int, columns: list[str]
) -> frozenset[str]:
    committees, _ = find_random_sample_legacy(people, features, size, columns, max_attempts=100)
    return committees[0]


def draw(
    features: FeatureCollection,
    people: People,
    size: int,
    *,
    algorithm: str = "maximin",
    seed: int | None = None,
    households: bool = False,
    progress: ProgressReporter | None = None,
) -> Draw:
    """Select ``size`` people meeting every quota, with a recorded seed; raise
    SelectionFailed naming the quotas that cannot be met."""
    if algorithm not in ALGORITHMS:
        raise SelectionFailed([f"The algorithm must be one of: {', '.join(ALGORITHMS)}."])
    if size < 1:
        raise SelectionFailed(["The panel must have at least one member."])
    if people.count < size:
        raise SelectionFailed(
            [f"The pool has {people.count} people, fewer than the {size} to select."]
        )
    seed = seed or new_seed()
    columns = HOUSEHOLD_COLUMNS if households else []
    try:
        check_desired(features, size)
        check_enough_people_for_every_feature_value(features, people)
        set_random_provider(seed)
        if algorithm == "legacy":
            chosen = _legacy_once(features, people, size, columns)
            counts = dict.fromkeys(people, 0)
            for extra in range(1, LEGACY_ESTIMATE_DRAWS + 1):
                set_random_provider(seed + extra)
                for key in _legacy_once(features, people, size, columns):
                    counts[key] += 1
            individual = {key: n / LEGACY_ESTIMATE_DRAWS for key, n in counts.items()}
        else:
            with solving_once():
                if algorithm == "maximin":
                    committees, chances = our_maximin.find_distribution_maximin(
                        features, people, size, columns, progress_reporter=progress
                    )
                else:
                    committees, chances, _ = find_distribution_nash(
                        features, people, size, columns, SOLVER, progress_reporter=progress
                    )
            committees, chances = standardize_distribution(committees, chances)
            individual = dict.fromkeys(people, 0.0)
            for committee, chance in zip(committees, chances, strict=True):
                for key in committee:
                    individual[key] += float(chance)
            chosen = lottery_rounding(committees, [float(c) for c in chances], 1)[0]
    except (errors.SortitionBaseError, ValueError, RuntimeError) as error:
        raise SelectionFailed(_failure_lines(error)) from None
    finally:
        set_random_provider(None)
    return Draw(
        selected=sorted(chosen, key=_natural),
        algorithm=algorithm,
        seed=seed,
        min_probability=min(individual.values()),
        probabilities=_category_probabilities(features, people, individual),
        individual=individual,
    )


def _natural(key: str) -> tuple[int, str]:
    """Numbers in numeric order, then names: ids read as people expect."""
    return (int(key), "") if key.isdigit() else (MAX_SEED, key)
