"""The rule a .pb file's META says the city used, with its parameters; or why not. A rule
of Coproduce's own (``RULES``) that no city's name matches, as a file the platform exported
may name, is counted as such, over every project in the file (the platform counts only
the projects someone voted for; "greedy" and its kin are read as the cities' rules).

Cities rank projects by their published score (votes, points, or positional points for
ranked ballots), not by score per unit of cost as pabutools' greedy does; for approval
ballots the two orders are the same.
"""

from collections.abc import Callable

from coproduce.budgeting.counting.election import Election
from coproduce.budgeting.counting.rules import (
    RULES,
    EqualShares,
    Outcome,
    UnsupportedRule,
    by_score,
    fill,
    mes_add1,
    outcome,
    published_scores,
    threshold_from,
)


def city_greedy(election: Election) -> list[int]:
    return fill(election, by_score(published_scores(election)))


def city_greedy_no_skip(election: Election) -> list[int]:
    return fill(election, by_score(published_scores(election)), skip=False)


def city_greedy_threshold(election: Election) -> list[int]:
    threshold = threshold_from(election)
    scores = published_scores(election)
    return fill(election, [j for j in by_score(scores) if scores[j] >= threshold])


def preferences(election: Election, first: list[int], second: list[int]) -> tuple[int, int]:
    """How many voters have more of their approved projects funded in ``first`` than in
    ``second``, and how many the other way round (voters with as many in both abstain)."""
    a, b = set(first), set(second)
    prefer_first = prefer_second = 0
    for group in election.groups:
        in_first = sum(1 for p in group.projects if p in a)
        in_second = sum(1 for p in group.projects if p in b)
        if in_first > in_second:
            prefer_first += group.count
        elif in_second > in_first:
            prefer_second += group.count
    return prefer_first, prefer_second


def equal_shares_with_comparison(election: Election) -> tuple[list[int], list[str]]:
    """The Method of Equal Shares as equalshares.net runs it for cities, and then its
    comparison step.

    Every voter's share is raised by one unit at a time for as long as the outcome stays
    within the budget; then that outcome is compared with greedy by votes, voter by voter,
    by how many of the projects each approved are funded. Greedy's outcome is used only if
    more voters prefer it than prefer Equal Shares'.
    """
    equal_shares = EqualShares(election).with_increments(1.0, until_exhaustive=False)
    by_votes = city_greedy(election)
    prefer_mes, prefer_greedy = preferences(election, equal_shares, by_votes)
    winner = by_votes if prefer_greedy > prefer_mes else equal_shares
    note = (
        f"comparison step: {prefer_mes} voters prefer Equal Shares' outcome, "
        f"{prefer_greedy} greedy's; {'greedy' if winner is by_votes else 'Equal Shares'} is used"
    )
    return winner, [note]


OFFICIAL: dict[str, tuple[str, Callable[[Election], list[int]]]] = {
    "greedy": ("greedy by published score", city_greedy),
    "greedy-no-skip": (
        "greedy by published score, stopping at the first misfit",
        city_greedy_no_skip,
    ),
    "greedy-threshold": (
        "greedy by published score above min_project_score_threshold",
        city_greedy_threshold,
    ),
    "equalshares/add1": ("mes-add1", mes_add1),
}


WITH_NOTES: dict[str, tuple[str, Callable[[Election], tuple[list[int], list[str]]]]] = {
    "equalshares/add1-comparison": (
        "Equal Shares raised by one unit while within budget, compared with greedy",
        equal_shares_with_comparison,
    ),
}


def official(election: Election) -> Outcome:
    name = election.meta.get("rule", "")
    if name in WITH_NOTES:
        label, counted = WITH_NOTES[name]
        chosen, notes = counted(election)
        return outcome(election, f"official: {name} ({label})", chosen, notes)
    if name not in OFFICIAL and name in RULES:
        # a file Coproduce exported names the rule its process counted with
        return outcome(
            election, f"official: {name} (as Coproduce counts it)", RULES[name](election)
        )
    if name not in OFFICIAL:
        comment = election.meta.get("comment", "").strip()
        raise UnsupportedRule(
            f"the official rule {name or '(none given)'!r} is a local rule this engine does "
            f"not reproduce" + (f"; the file says: {comment}" if comment else "")
        )
    label, rule = OFFICIAL[name]
    return outcome(election, f"official: {name} ({label})", rule(election))
