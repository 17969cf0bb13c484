"""pabutools, the research reference, run as our engine's rules are (dev dependency only)."""

from typing import Any

from pabutools.election import (
    Additive_Borda_Sat,
    Additive_Cardinal_Sat,
    Cost_Sat,
    parse_pabulib,
)
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    max_additive_utilitarian_welfare,
    method_of_equal_shares,
    sequential_phragmen,
)

# Rules pabutools has; greedy-no-skip and greedy-threshold it does not.
REFERENCE_RULES = ("greedy", "mes", "mes-add1", "mes-add1-greedy", "phragmen", "max-utilitarian")
ORDER_MATTERS = {"greedy", "mes", "mes-add1", "mes-add1-greedy"}


def satisfaction_for(vote_type: str) -> Any:
    return {
        "ordinal": Additive_Borda_Sat,
        "cumulative": Additive_Cardinal_Sat,
        "scoring": Additive_Cardinal_Sat,
    }.get(vote_type, Cost_Sat)


def load(path: str) -> tuple[Any, Any]:
    return parse_pabulib(path)


def reference(instance: Any, profile: Any, rule: str) -> list[str] | None:
    """The projects pabutools funds (None where it has no such rule for these ballots)."""
    sat = satisfaction_for(instance.meta["vote_type"])
    if rule == "greedy":
        result = greedy_utilitarian_welfare(instance, profile, sat_class=sat)
    elif rule == "mes":
        result = method_of_equal_shares(instance, profile, sat_class=sat)
    elif rule == "mes-add1":
        result = method_of_equal_shares(instance, profile, sat_class=sat, voter_budget_increment=1)
    elif rule == "mes-add1-greedy":
        result = completion_by_rule_combination(
            instance,
            profile,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [{"sat_class": sat, "voter_budget_increment": 1}, {"sat_class": sat}],
        )
    elif rule == "phragmen":
        if instance.meta["vote_type"] not in ("approval", "choose-1"):
            return None
        result = sequential_phragmen(instance, profile)
    elif rule == "max-utilitarian":
        result = max_additive_utilitarian_welfare(instance, profile, sat_class=sat)
    else:
        return None
    return [p.name for p in result]
