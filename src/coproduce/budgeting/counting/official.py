"""The rule a .pb file's META says the city used, with its parameters; or why not.

Cities rank projects by their published score (votes, points, or positional points for
ranked ballots), not by score per unit of cost as pabutools' greedy does; for approval
ballots the two orders are the same.
"""

from collections.abc import Callable

from coproduce.budgeting.counting.election import Election
from coproduce.budgeting.counting.rules import (
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


WHY_NOT = {
    "equalshares/add1-comparison": "it ends with a comparison step between outcomes whose "
    "details the file does not give; mes-add1 and greedy can be counted on their own",
}


def official(election: Election) -> Outcome:
    name = election.meta.get("rule", "")
    if name in WHY_NOT:
        raise UnsupportedRule(f"the official rule {name!r} cannot be reproduced: {WHY_NOT[name]}")
    if name not in OFFICIAL:
        comment = election.meta.get("comment", "").strip()
        raise UnsupportedRule(
            f"the official rule {name or '(none given)'!r} is a local rule this engine does "
            f"not reproduce" + (f"; the file says: {comment}" if comment else "")
        )
    label, rule = OFFICIAL[name]
    return outcome(election, f"official: {name} ({label})", rule(election))
