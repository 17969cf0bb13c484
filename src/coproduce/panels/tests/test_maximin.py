"""Our maximin driver (``panels.maximin``) against the library's ``find_distribution_maximin``
on small pools: the same least chance, committees that meet every quota, chances that sum
to 1, and the same result from the same seed."""

import random
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sortition_algorithms.committee_generation import find_distribution_maximin
from sortition_algorithms.features import FeatureCollection
from sortition_algorithms.people import People
from sortition_algorithms.utils import set_random_provider

from coproduce.panels import maximin, sortition

RANDOM_SEED = 11
CATEGORIES = {"age": ("young", "middle", "old"), "area": ("north", "south"), "work": "abcd"}


def invented(
    count: int, size: int, seed: int, households: bool
) -> tuple[FeatureCollection, People, list[str]]:
    """A pool of ``count`` with quotas of ±1 around each category's expected seats; with
    households, one person in five shares an address with the person before."""
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        shares = households and number > 1 and rng.random() < 0.2
        rows.append(
            {
                "id": str(number),
                **{name: rng.choice(values) for name, values in CATEGORIES.items()},
                "address": f"{number - 1 if shares else number} Street",
                "postcode": "B1",
            }
        )
    quotas = []
    for name, values in CATEGORIES.items():
        for value in values:
            seats = round(sum(row[name] == value for row in rows) / count * size)
            quotas.append(
                {"feature": name, "value": value, "min": max(0, seats - 1), "max": seats + 1}
            )
    features = sortition.features_from_rows(quotas)
    people = sortition.people_from_rows(rows, features, households=households)
    return features, people, sortition.HOUSEHOLD_COLUMNS if households else []


def least_chance(people: People, committees: list[frozenset[str]], chances: list[float]) -> float:
    individual = dict.fromkeys(people, 0.0)
    for committee, chance in zip(committees, chances, strict=True):
        for key in committee:
            individual[key] += chance
    return min(individual.values())


@contextmanager
def seeded() -> Iterator[None]:
    """The library's random numbers from ``RANDOM_SEED``, HiGHS solving each programme once."""
    set_random_provider(RANDOM_SEED)
    try:
        with sortition.solving_once():
            yield
    finally:
        set_random_provider(None)


def ours(
    features: FeatureCollection, people: People, size: int, columns: list[str]
) -> tuple[list[frozenset[str]], list[float]]:
    with seeded():
        return maximin.find_distribution_maximin(features, people, size, columns)


def the_librarys(
    features: FeatureCollection, people: People, size: int, columns: list[str]
) -> tuple[list[frozenset[str]], list[float]]:
    with seeded():
        committees, chances, _ = find_distribution_maximin(
            features, people, size, columns, sortition.SOLVER
        )
    return committees, chances


@pytest.mark.parametrize(
    ("count", "size", "seed", "households"),
    [(30, 6, 1, False), (30, 6, 2, True), (60, 10, 3, False), (60, 10, 4, True)],
)
def test_our_maximin_finds_the_librarys_least_chance_with_valid_committees(
    count: int, size: int, seed: int, households: bool
) -> None:
    features, people, columns = invented(count, size, seed, households)
    committees, chances = ours(features, people, size, columns)
    library_committees, library_chances = the_librarys(features, people, size, columns)

    assert least_chance(people, committees, chances) == pytest.approx(
        least_chance(people, library_committees, library_chances), abs=1e-6
    )
    assert sum(chances) == pytest.approx(1.0)
    assert all(chance >= 0 for chance in chances)
    assert len(set(committees)) == len(committees)
    households_of = people.households(columns) if columns else {}
    for committee in committees:
        assert len(committee) == size
        for name, values in features.items():
            counts = Counter(people.get_person_dict(key)[name] for key in committee)
            for value, quota in values.items():
                assert quota.min <= counts[value] <= quota.max, (name, value)
        for housemates in households_of.values():
            assert len(committee & set(housemates)) <= 1


def test_the_same_seed_gives_the_same_distribution() -> None:
    features, people, columns = invented(60, 10, 5, True)
    assert ours(features, people, 10, columns) == ours(features, people, 10, columns)
