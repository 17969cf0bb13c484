"""The ranking engine (ADR 0036): hand-counted examples, a plain-Python reference counted
beside it on random ballots, SVVAMP's Borda and Schulze on complete ballots, and its speed."""

import random
import time
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coproduce.surveys.ranking import RankingError, RankResult, rank, read_rankings_csv

# Wikipedia's worked example of the Schulze method: 45 voters, candidates A–E.
WIKIPEDIA_GROUPS = [
    ("ACBED", 5),
    ("ADECB", 5),
    ("BEDAC", 8),
    ("CABED", 3),
    ("CAEBD", 7),
    ("CBADE", 2),
    ("DCEBA", 7),
    ("EBADC", 8),
]
WIKIPEDIA_BALLOTS = [list(order) for order, voters in WIKIPEDIA_GROUPS for _ in range(voters)]


def reference_borda(ballots: Sequence[Sequence[str]], options: list[str]) -> dict[str, int]:
    scores = dict.fromkeys(options, 0)
    for ballot in ballots:
        for position, name in enumerate(ballot, start=1):
            scores[name] += len(ballot) - position + 1
    return scores


def reference_pairwise(
    ballots: Sequence[Sequence[str]], options: list[str]
) -> dict[str, dict[str, int]]:
    d = {x: dict.fromkeys(options, 0) for x in options}
    for ballot in ballots:
        place = {name: position for position, name in enumerate(ballot)}
        for x in options:
            for y in options:
                if x != y and x in place and (y not in place or place[x] < place[y]):
                    d[x][y] += 1
    return d


def reference_strongest_paths(
    d: dict[str, dict[str, int]], options: list[str]
) -> dict[str, dict[str, int]]:
    p = {x: {y: d[x][y] if d[x][y] > d[y][x] else 0 for y in options} for x in options}
    for i in options:
        for j in options:
            if i == j:
                continue
            for k in options:
                if k not in (i, j):
                    p[j][k] = max(p[j][k], min(p[j][i], p[i][k]))
    return p


def reference_tiers(options: list[str], beats: dict[str, set[str]]) -> list[list[str]]:
    remaining = list(options)
    tiers = []
    while remaining:
        tier = [x for x in remaining if not any(x in beats[y] for y in remaining)]
        tiers.append(tier)
        remaining = [x for x in remaining if x not in tier]
    return tiers


def reference_rank(ballots: list[list[str]], options: list[str], method: str) -> RankResult:
    """The definitions of ADR 0036 counted one ballot and one pair at a time."""
    if method == "borda":
        scores = reference_borda(ballots, options)
        beats = {x: {y for y in options if scores[x] > scores[y]} for x in options}
        order = reference_tiers(options, beats)
        ranked = [name for tier in order for name in tier]
        return RankResult(method, order, {name: scores[name] for name in ranked}, None)
    d = reference_pairwise(ballots, options)
    p = reference_strongest_paths(d, options)
    beats = {x: {y for y in options if y != x and p[x][y] > p[y][x]} for x in options}
    order = reference_tiers(options, beats)
    ranked = [name for tier in order for name in tier]
    pairwise = {x: {y: d[x][y] for y in ranked if y != x} for x in ranked}
    return RankResult(method, order, None, pairwise)


def test_wikipedia_schulze_example() -> None:
    result = rank(WIKIPEDIA_BALLOTS, "ABCDE", "schulze")
    assert result.order == [["E"], ["A"], ["C"], ["B"], ["D"]]
    assert result.scores is None
    assert result.pairwise == {
        "E": {"A": 23, "C": 21, "B": 27, "D": 31},
        "A": {"E": 22, "C": 26, "B": 20, "D": 30},
        "C": {"E": 24, "A": 19, "B": 29, "D": 17},
        "B": {"E": 18, "A": 25, "C": 16, "D": 33},
        "D": {"E": 14, "A": 15, "C": 28, "B": 12},
    }


def test_borda_with_partial_ballots_and_a_tie() -> None:
    ballots = [
        ["Park", "Library", "Pool"],  # k=3: 3, 2, 1
        ["Library", "Park"],  # k=2: 2, 1
        [],
        ["Pool", "Bench", "Library"],  # k=3: 3, 2, 1
    ]
    result = rank(ballots, ["Park", "Library", "Pool", "Bench", "Hall"], "borda")
    # Park 3+1 = 4; Library 2+2+1 = 5; Pool 1+3 = 4; Bench 2; Hall 0.
    assert result.order == [["Library"], ["Park", "Pool"], ["Bench"], ["Hall"]]
    assert result.scores == {"Library": 5, "Park": 4, "Pool": 4, "Bench": 2, "Hall": 0}
    assert list(result.scores) == ["Library", "Park", "Pool", "Bench", "Hall"]
    assert result.pairwise is None


def test_schulze_puts_a_ranked_option_above_every_unranked_one() -> None:
    ballots = [["A"], ["B", "A"], ["C"], []]
    result = rank(ballots, ["A", "B", "C"], "schulze")
    # d[A][B]: A ranked, B not (ballot 1) = 1; d[B][A] = 1 (ballot 2). d[A][C] = 2, d[C][A] = 1.
    # d[B][C] = 1, d[C][B] = 1. Links: A->C (2). So A beats C; B ties both.
    assert result.pairwise == {
        "A": {"B": 1, "C": 2},
        "B": {"A": 1, "C": 1},
        "C": {"A": 1, "B": 1},
    }
    assert result.order == [["A", "B"], ["C"]]


def test_schulze_tiers_are_iterated_winners_when_indifference_is_not_transitive() -> None:
    # A beats B (2 to 0); C ties A (1–1) and B (1–1): C is a winner beside A, B comes after.
    result = rank([["A", "B", "C"], ["C", "A", "B"]], ["A", "B", "C"], "schulze")
    assert result.order == [["A", "C"], ["B"]]


def test_options_in_a_tier_keep_the_order_given() -> None:
    ballots = [["A", "B"], ["B", "A"]]
    assert rank(ballots, ["B", "C", "A"], "borda").order == [["B", "A"], ["C"]]
    assert rank(ballots, ["B", "C", "A"], "schulze").order == [["B", "A"], ["C"]]
    assert rank(ballots, ["A", "B", "C"], "schulze").order == [["A", "B"], ["C"]]


def test_empty_ballots_and_no_ballots_rank_everything_level() -> None:
    cases: list[list[list[str]]] = [[], [[], []]]
    for ballots in cases:
        borda = rank(ballots, ["X", "Y"], "borda")
        assert (borda.order, borda.scores) == ([["X", "Y"]], {"X": 0, "Y": 0})
        schulze = rank(ballots, ["X", "Y"], "schulze")
        assert (schulze.order, schulze.pairwise) == ([["X", "Y"]], {"X": {"Y": 0}, "Y": {"X": 0}})
    assert rank([[]], [], "schulze") == RankResult("schulze", [], None, {})


@pytest.mark.parametrize(
    ("ballots", "message"),
    [
        ([["A"], ["B", "A", "B"]], "row 2 names “B” twice"),
        ([["A"], [], ["A", "Z"]], "row 3 names “Z”, which is not one of the options"),
        ([["A", "A", "Z"]], "row 1 names “Z”, which is not one of the options"),
        ([["A", "B", "C", "A"]], "row 1 names “A” twice"),
    ],
)
def test_a_bad_ballot_names_its_row(ballots: list[list[str]], message: str) -> None:
    for method in ("borda", "schulze"):
        with pytest.raises(RankingError) as raised:
            rank(ballots, ["A", "B", "C"], method)
        assert str(raised.value) == message


def test_an_unknown_method_or_a_repeated_option_is_refused() -> None:
    with pytest.raises(RankingError, match="unknown method 'copeland': choose borda or schulze"):
        rank([], ["A"], "copeland")
    with pytest.raises(RankingError, match="the options list a name twice"):
        rank([], ["A", "A"], "borda")
    assert issubclass(RankingError, ValueError)


def test_reading_a_rankings_csv() -> None:
    text = '\ufeff Park , Library ,,\r\n\r\n"Hall, upstairs",Park\r\n , \r\nPool\r\n'
    ballots, seen = read_rankings_csv(text)
    assert ballots == [["Park", "Library"], [], ["Hall, upstairs", "Park"], [], ["Pool"]]
    assert seen == ["Park", "Library", "Hall, upstairs", "Pool"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A,B\nB,A,B\n", "row 2 names “B” twice"),
        ("A,B\nA, b ,B\n\nA,,B\n", "row 4 has a blank cell between two options"),
        ("A\n" + "x" * 200_000, "row 2: field larger than field limit (131072)"),
        ("", "the file has no rows: give one respondent's ranking a row"),
    ],
)
def test_a_bad_csv_names_its_row(text: str, message: str) -> None:
    with pytest.raises(RankingError) as raised:
        read_rankings_csv(text)
    assert str(raised.value) == message


names = st.sampled_from(["A", "B", "C", "D", "E", "F"])
ballot_lists = st.lists(st.lists(names, unique=True, max_size=6), max_size=25)


@settings(max_examples=300, deadline=None)
@given(
    ballots=ballot_lists,
    size=st.integers(min_value=1, max_value=6),
    method=st.sampled_from(["borda", "schulze"]),
)
def test_the_engine_matches_the_reference_on_random_ballots(
    ballots: list[list[str]], size: int, method: str
) -> None:
    options = sorted({name for ballot in ballots for name in ballot} | set("ABCDEF"[:size]))
    assert rank(ballots, options, method) == reference_rank(ballots, options, method)


@settings(max_examples=200, deadline=None)
@given(ballots=ballot_lists)
def test_schulze_beating_is_transitive_and_no_tier_holds_a_beaten_option(
    ballots: list[list[str]],
) -> None:
    options = list("ABCDEF")
    p = reference_strongest_paths(reference_pairwise(ballots, options), options)
    beats = {x: {y for y in options if y != x and p[x][y] > p[y][x]} for x in options}
    for x in options:
        for y in beats[x]:
            assert beats[y] <= beats[x]
    order = rank(ballots, options, "schulze").order
    for number, tier in enumerate(order):
        assert not any(beats[x] & set(tier) for x in tier)
        earlier = {x for before in order[:number] for x in before}
        if number:
            assert all(any(y in beats[x] for x in earlier) for y in tier)


@settings(max_examples=100, deadline=None)
@given(
    size=st.integers(min_value=2, max_value=6),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    voters=st.integers(min_value=1, max_value=30),
)
def test_svvamp_agrees_on_complete_ballots(size: int, seed: int, voters: int) -> None:
    """SVVAMP counts complete rankings only: there its Borda score is ours less one point per
    ballot (it gives the last place 0), and its widest paths order the options as ours do."""
    svvamp = pytest.importorskip("svvamp")
    generator = random.Random(seed)
    options = [f"option {i}" for i in range(size)]
    indices = [generator.sample(range(size), size) for _ in range(voters)]
    ballots = [[options[i] for i in ballot] for ballot in indices]
    profile = svvamp.Profile(preferences_rk=np.array(indices), sort_voters=False)

    theirs = svvamp.RuleBorda()(profile).scores_
    borda = rank(ballots, options, "borda")
    assert borda.scores == {name: int(theirs[i]) + voters for i, name in enumerate(options)}

    widest = svvamp.RuleSchulze()(profile).scores_
    beats = {
        x: {y for j, y in enumerate(options) if widest[i, j] > widest[j, i]}
        for i, x in enumerate(options)
    }
    assert rank(ballots, options, "schulze").order == reference_tiers(options, beats)


def test_a_hundred_thousand_ballots_of_ten_options_take_well_under_a_second() -> None:
    generator = random.Random(36)
    options = [f"option {i}" for i in range(10)]
    ballots = [generator.sample(options, 10) for _ in range(100_000)]
    for method in ("borda", "schulze"):
        fastest = min(_seconds(ballots, options, method) for _ in range(2))
        assert fastest < 1.0, f"{method} took {fastest:.2f} s"


def _seconds(ballots: list[list[str]], options: list[str], method: str) -> float:
    started = time.perf_counter()
    rank(ballots, options, method)
    return time.perf_counter() - started
