"""Count an election under a rule named by the process: one of the rules, or the city's own
official method, which combines them (``official.py``)."""

from coproduce.budgeting.counting.election import Election, cycle_collector_paused
from coproduce.budgeting.counting.official import official
from coproduce.budgeting.counting.rules import RULES, Outcome, UnsupportedRule, outcome


def tally(election: Election, rule: str) -> Outcome:
    """Count ``election`` under ``rule`` (a name in RULES, or "official")."""
    with cycle_collector_paused():
        if rule == "official":
            return official(election)
        if rule not in RULES:
            names = ", ".join(RULES)
            raise UnsupportedRule(f"unknown rule {rule!r}; use one of {names} or official")
        return outcome(election, rule, RULES[rule](election))
