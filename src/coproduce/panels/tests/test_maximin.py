"""``sortition.maximin`` is the library's maximin with a shorter start: the same optimum (the
smallest chance of selection) as ``find_distribution_maximin``, with fewer rounds."""

import random

import pytest
from sortition_algorithms.committee_generation import find_distribution_maximin
from sortition_algorithms.utils import set_random_provider

from coproduce.panels import sortition

QUOTAS = [
    {"feature": "age", "value": "young", "min": 2, "max": 5},
    {"feature": "age", "value": "middle", "min": 2, "max": 5},
    {"feature": "age", "value": "old", "min": 2, "max": 5},
    {"feature": "area", "value": "north", "min": 3, "max": 7},
    {"feature": "area", "value": "south", "min": 3, "max": 7},
]


def smallest_chance(
    committees: list[frozenset[str]], chances: list[float], ids: list[str]
) -> float:
    return min(sum(p for c, p in zip(committees, chances, strict=True) if key in c) for key in ids)


def test_the_shorter_start_reaches_the_librarys_optimum() -> None:
    rng = random.Random(3)
    rows = [
        {
            "id": str(n),
            "age": rng.choice(["young", "middle", "middle", "old"]),
            "area": rng.choice(["north", "south", "south"]),
        }
        for n in range(1, 121)
    ]
    features = sortition.features_from_rows(QUOTAS)
    people = sortition.people_from_rows(rows, features, households=False)
    ids, size = list(people), 10
    set_random_provider(5)
    ours = smallest_chance(*sortition.maximin(features, people, size, []), ids)
    set_random_provider(5)
    library, chances, _ = find_distribution_maximin(features, people, size, [], sortition.SOLVER)
    set_random_provider(None)
    assert ours == pytest.approx(smallest_chance(library, chances, ids), abs=0.001)
    assert sortition.start_rounds(people.count, size) < people.count


@pytest.mark.parametrize(
    ("pool", "size", "rounds"), [(2000, 40, 100), (300, 20, 30), (30, 8, 20), (12, 8, 12)]
)
def test_the_start_has_two_rounds_per_panels_worth_of_the_pool(pool, size, rounds) -> None:
    assert sortition.start_rounds(pool, size) == rounds
