"""The rule a .pb file's META says the city used, with its parameters; or why not."""

from coproduce.budgeting.counting.election import Election
from coproduce.budgeting.counting.rules import (
    Outcome,
    UnsupportedRule,
    greedy,
    greedy_no_skip,
    greedy_threshold,
    mes_add1,
    outcome,
)

OFFICIAL = {
    "greedy": ("greedy", greedy),
    "greedy-no-skip": ("greedy-no-skip", greedy_no_skip),
    "greedy-threshold": ("greedy-threshold", greedy_threshold),
    "equalshares/add1": ("mes-add1", mes_add1),
}


def official(election: Election) -> Outcome:
    name = election.meta.get("rule", "")
    if name not in OFFICIAL:
        comment = election.meta.get("comment", "").strip()
        raise UnsupportedRule(
            f"the official rule {name or '(none given)'!r} is a local rule this engine does "
            f"not reproduce" + (f"; the file says: {comment}" if comment else "")
        )
    label, rule = OFFICIAL[name]
    return outcome(election, f"official ({name} = {label})", rule(election))
