"""Every rule on a small election whose outcomes were worked out by hand.

Budget 11; projects a (6), b (5), c (4), d (1); 4 voters approve {a}, 3 {b, c}, 2 {c, d},
1 {d}: votes a 4, b 3, c 5, d 3.
"""

from fractions import Fraction

import pytest

from coproduce.budgeting.counting import UnsupportedRule, parse_pb, tally
from coproduce.budgeting.tests.test_pabulib import APPROVAL


def funded(rule: str, text: str = APPROVAL) -> list[str]:
    return tally(parse_pb(text), rule).selected


def test_greedy_funds_by_votes_and_skips_what_does_not_fit() -> None:
    # c (5 votes, 4) then a (4, 6) leaves 1: b (5) is skipped, d (1) fits
    assert funded("greedy") == ["c", "a", "d"]


def test_greedy_no_skip_stops_at_the_first_project_that_does_not_fit() -> None:
    assert funded("greedy-no-skip") == ["c", "a"]


def test_greedy_threshold_leaves_out_projects_under_the_threshold() -> None:
    text = APPROVAL.replace("rule;greedy", "rule;greedy-threshold\nmin_project_score_threshold;4")
    assert funded("greedy-threshold", text) == ["c", "a"]
    with pytest.raises(UnsupportedRule, match="min_project_score_threshold"):
        funded("greedy-threshold")


def test_equal_shares_without_completion() -> None:
    # 1.1 each: a and b are out of their supporters' reach; c costs its 5 supporters 0.8
    # each (0.2 per unit), d then costs 0.3 + 0.3 + 0.4 (0.4 per unit)
    assert funded("mes") == ["c", "d"]


def test_equal_shares_with_add_one_completion() -> None:
    # at 2.1 each: c (0.2 per unit), then a (1.5 each, 0.25), then d; 11 spent: exhaustive
    assert funded("mes-add1") == ["c", "a", "d"]
    assert funded("mes-add1-greedy") == ["c", "a", "d"]


def test_sequential_phragmen() -> None:
    # loads: d 1/3; c (2/3 + 4) / 5; a 6/4; then b (5) does not fit and the rule stops
    assert funded("phragmen") == ["d", "c", "a"]


def test_utilitarian_maximum() -> None:
    # cost-weighted approvals: a 24, b 15, c 20, d 3; best affordable set a, c, d = 47
    assert funded("max-utilitarian") == ["a", "c", "d"]


def test_ties_go_to_the_project_id_that_sorts_first() -> None:
    text = """META
key;value
budget;5
vote_type;approval
PROJECTS
project_id;cost
p9;5
p10;5
VOTES
voter_id;vote
1;p9,p10
2;p10,p9
"""
    for rule in ("greedy", "mes", "mes-add1", "phragmen"):
        assert funded(rule, text) == ["p10"], rule


def test_cumulative_greedy_uses_points_per_cost_and_the_city_uses_points() -> None:
    text = """META
key;value
budget;10
vote_type;cumulative
rule;greedy
PROJECTS
project_id;cost
big;10
small;2
VOTES
voter_id;vote;points
1;big,small;3,1
2;big;2
"""
    # points: big 5, small 1; per unit of cost: big 0.5, small 0.5 -> tie -> "big" first
    assert funded("greedy", text) == ["big"]
    assert funded("official", text) == ["big"]
    cheaper = text.replace("small;2", "small;1")  # small now 1 point per unit
    assert funded("greedy", cheaper) == ["small"]
    assert funded("official", cheaper) == ["big"]


def test_ordinal_ballots_use_borda_scores() -> None:
    text = """META
key;value
budget;3
vote_type;ordinal
rule;greedy
PROJECTS
project_id;cost
x;3
y;3
VOTES
voter_id;vote
1;x,y
2;y,x
3;y,x
"""
    # Borda (length - position - 1): x 1, y 2 -> greedy y; city points (3-2-1 style): x 4, y 5
    assert funded("greedy", text) == ["y"]
    assert funded("official", text) == ["y"]


def test_outcome_reports_spending() -> None:
    outcome = tally(parse_pb(APPROVAL), "greedy")
    assert (outcome.spent, outcome.budget) == (Fraction(11), Fraction(11))
    assert outcome.as_json() == {
        "rule": "greedy",
        "selected": ["c", "a", "d"],
        "spent": 11,
        "budget": 11,
    }


def test_unknown_rule_and_phragmen_on_ranked_ballots_are_refused() -> None:
    with pytest.raises(UnsupportedRule, match="unknown rule 'random'"):
        funded("random")
    with pytest.raises(UnsupportedRule, match="approval and choose-1 ballots only"):
        funded("phragmen", APPROVAL.replace("approval", "ordinal"))


COMPARISON = """META
key;value
budget;100
vote_type;approval
rule;equalshares/add1-comparison
PROJECTS
project_id;cost
a;50
b;50
c;50
VOTES
voter_id;vote
{votes}
"""


def comparison_election(ballots: list[str]) -> str:
    return COMPARISON.format(votes="\n".join(f"{i};{b}" for i, b in enumerate(ballots)))


def test_comparison_step_switches_to_greedy_when_more_voters_prefer_it() -> None:
    # Equal Shares funds a (for the six) and c (for the four); greedy by votes funds a and
    # b: the six have two funded projects instead of one, the four none instead of one.
    election = parse_pb(comparison_election(["a,b"] * 6 + ["c"] * 4))
    assert tally(election, "mes-add1").selected == ["a", "c"]
    result = tally(election, "official")
    assert result.selected == ["a", "b"]
    assert result.notes == [
        "comparison step: 4 voters prefer Equal Shares' outcome, 6 greedy's; greedy is used"
    ]


def test_comparison_step_keeps_equal_shares_when_greedy_is_not_preferred() -> None:
    # With five and five the vote is tied, and a tie keeps Equal Shares.
    election = parse_pb(comparison_election(["a,b"] * 5 + ["c"] * 5))
    result = tally(election, "official")
    assert sorted(result.selected) == ["a", "c"]
    assert result.notes == [
        "comparison step: 5 voters prefer Equal Shares' outcome, 5 greedy's; Equal Shares is used"
    ]
