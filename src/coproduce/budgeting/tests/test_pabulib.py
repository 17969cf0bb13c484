"""Reading and writing .pb files, and the clear errors malformed files get."""

import re
from fractions import Fraction

import pytest

from conftest import PABULIB
from coproduce.budgeting.counting import PbFormatError, parse_pb, write_pb

APPROVAL = """META
key;value
budget;11
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;votes;name
a;6;4;Allotments
b;5;3;Benches
c;4;5;Crossing
d;1;3;Dog bins
VOTES
voter_id;vote
1;a
2;a
3;a
4;a
5;b,c
6;c,b
7;b,c
8;c,d
9;d,c
10;d
"""


def test_reads_meta_projects_and_groups_identical_ballots() -> None:
    election = parse_pb(APPROVAL)
    assert election.budget == 11
    assert election.vote_type == "approval"
    assert [(p.id, p.cost) for p in election.projects] == [("a", 6), ("b", 5), ("c", 4), ("d", 1)]
    assert election.voter_count == 10
    assert sorted((g.projects, g.count) for g in election.groups) == [
        ((0,), 4),
        ((1, 2), 3),
        ((2, 3), 2),
        ((3,), 1),
    ]
    assert election.approvals() == [4, 3, 5, 3]
    assert election.projects[3].meta["name"] == "Dog bins"


def test_cumulative_points_and_ordinal_rankings_are_kept() -> None:
    cumulative = parse_pb("""META
key;value
budget;10
vote_type;cumulative
PROJECTS
project_id;cost
a;6
b;5
VOTES
voter_id;vote;points
1;b,a;1,2
2;a;3
3;;
""")
    assert cumulative.points() == [Fraction(5), Fraction(1)]
    assert sorted((g.projects, g.points, g.count) for g in cumulative.groups) == [
        ((), (), 1),
        ((0,), (Fraction(3),), 1),
        ((0, 1), (Fraction(2), Fraction(1)), 1),
    ]
    ordinal = parse_pb(APPROVAL.replace("approval", "ordinal"))
    assert sorted(g.projects for g in ordinal.groups) == [
        (0,),
        (1, 2),
        (2, 1),
        (2, 3),
        (3,),
        (3, 2),
    ]


def test_written_files_read_back_the_same() -> None:
    election = parse_pb(APPROVAL)
    again = parse_pb(write_pb(election, selected=["c", "a"]))
    assert [(p.id, p.cost) for p in again.projects] == [(p.id, p.cost) for p in election.projects]
    assert sorted((g.projects, g.count) for g in again.groups) == sorted(
        (g.projects, g.count) for g in election.groups
    )
    assert [p.meta["selected"] for p in again.projects] == ["1", "0", "1", "0"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("budget;11", "budget;lots"), "the budget 'lots' is not a number"),
        (("budget;11\n", ""), "META has no budget"),
        (("vote_type;approval", "vote_type;telepathy"), "unknown vote_type 'telepathy'"),
        (("a;6;4", "a;six;4"), "line 8: cost 'six' is not a number"),
        (("a;6;4", "a;-6;4"), "line 8: cost '-6' is negative"),
        (("10;d", "10;z"), "ballot 10 names unknown project 'z'"),
        (("10;d", "10;d,d"), "ballot 10 names a project twice"),
        (("b;5;3;Benches", "a;5;3;Benches"), "two projects have the same project_id"),
        (("META\nkey;value\n", "1;2\nMETA\nkey;value\n"), "line 1: data before the META section"),
    ],
)
def test_malformed_files_say_what_is_wrong(change: tuple[str, str], message: str) -> None:
    with pytest.raises(PbFormatError) as error:
        parse_pb(APPROVAL.replace(*change, 1))
    assert message in str(error.value)


def _shape(election) -> tuple:
    """What counting sees: budget, type, projects, voters and the ballot groups (any order)."""
    groups = sorted((g.projects, g.points or (), g.count) for g in election.groups)
    projects = [(p.id, p.cost) for p in election.projects]
    return election.budget, election.vote_type, projects, election.voter_count, groups


SCORED = APPROVAL.replace("vote_type;approval", "vote_type;cumulative").replace(
    "voter_id;vote\n", "voter_id;vote;points\n"
)
SCORED = "\n".join(
    line
    + (";" + ",".join(["1"] * len(line.split(";")[1].split(","))) if line[:1].isdigit() else "")
    for line in SCORED.split("\n")
)


@pytest.mark.parametrize(
    "text",
    [
        APPROVAL,
        APPROVAL.replace("\n", "\r\n"),  # Windows line endings
        APPROVAL.replace("5;b,c\n", "5;b, c\n"),  # a space to tidy
        APPROVAL.replace("5;b,c\n", "5;b,c\n\n   \n"),  # blank lines among the votes
        APPROVAL.replace("voter_id;vote\n1;a", "voter_id;vote;age\n1;a;40"),  # more columns
        APPROVAL.replace("vote_type;approval", "vote_type;choose-1"),
        SCORED,
        SCORED.replace("\n", "\r\n"),
        SCORED.replace("5;b,c;1,1", "5;c,b;2,1.0"),  # the same ballot written another way
        SCORED.replace("vote_type;cumulative", "vote_type;scoring"),
        APPROVAL.replace("vote_type;approval", "vote_type;ordinal"),
    ],
    ids=[
        "plain",
        "crlf",
        "space",
        "blank-lines",
        "more-columns",
        "choose-1",
        "points",
        "points-crlf",
        "points-written-otherwise",
        "scoring",
        "ordinal",
    ],
)
def test_the_quick_paths_read_what_the_general_parser_reads(text: str) -> None:
    from coproduce.budgeting.counting.pabulib import _parse

    assert _shape(_parse(text, fast=True)) == _shape(_parse(text, fast=False))


@pytest.mark.parametrize(
    "name",
    sorted(path.stem for path in PABULIB.glob("*.pb")),
)
def test_the_quick_paths_match_the_general_parser_on_real_files(name: str) -> None:
    """On every real file (approval, choose-1, ordinal and cumulative ballots; numbered and
    other project ids) the quick path is taken, and reads what the general parser reads."""
    from coproduce.budgeting.counting import pabulib

    text = (PABULIB / f"{name}.pb").read_text("utf-8-sig")
    head, votes = text.split("\nVOTES\n")
    meta, projects = pabulib._read_head(head)
    ordered = sorted(projects, key=lambda p: p.id)
    if meta["vote_type"] in ("cumulative", "scoring"):
        assert pabulib._scored_groups(votes, ordered) is not None
    else:
        ranked = meta["vote_type"] == "ordinal"
        assert pabulib._unscored_table(votes, ordered, ranked=ranked) is not None
    assert _shape(pabulib._parse(text, fast=True)) == _shape(pabulib._parse(text, fast=False))


def test_usual_files_take_the_quick_paths_and_unusual_ones_do_not() -> None:
    from coproduce.budgeting.counting.election import BallotTable
    from coproduce.budgeting.counting.pabulib import (
        _read_head,
        _scored_groups,
        _tally_votes_fast,
        _unscored_table,
    )

    def votes(text: str) -> str:
        return text.split("VOTES\n", 1)[1]

    ordered = sorted(_read_head(APPROVAL.split("VOTES")[0])[1], key=lambda p: p.id)

    def _unscored_groups(text: str, ordered: list, ranked: bool = False) -> tuple | None:
        quick = _unscored_table(text, ordered, ranked=ranked)
        return None if quick is None else (quick[0].groups(), quick[1])

    quick = _unscored_groups(votes(APPROVAL), ordered)
    assert quick is not None and quick[1] == 10
    assert sorted((g.projects, g.count) for g in quick[0]) == [
        ((0,), 4),
        ((1, 2), 3),
        ((2, 3), 2),
        ((3,), 1),
    ]
    assert _unscored_groups(votes(APPROVAL.replace("5;b,c", "5;b, c")), ordered) is None
    assert _unscored_groups(votes(APPROVAL.replace("5;b,c", "5;b,z")), ordered) is None
    assert _unscored_groups(votes(APPROVAL.replace("5;b,c", '5;"b,c"')), ordered) is None
    assert _unscored_groups(votes(APPROVAL.replace("5;b,c", "5;b,,c")), ordered) is None
    assert _unscored_groups(votes(APPROVAL.replace("5;b,c", "5;b,c,b")), ordered) is None
    ranked = _unscored_groups(votes(APPROVAL.replace("5;b,c", "5;c,b")), ordered, ranked=True)
    assert ranked is not None and sorted((g.projects, g.count) for g in ranked[0]) == [
        ((0,), 4),
        ((1, 2), 1),
        ((2, 1), 2),
        ((2, 3), 1),
        ((3,), 1),
        ((3, 2), 1),
    ]
    assert _unscored_groups(votes(APPROVAL.replace("5;b,c", "5;c,c")), ordered, ranked=True) is None
    scored = _scored_groups(votes(SCORED), ordered)
    assert scored is not None and scored[2] == 10
    assert sorted((g.projects, g.points, g.count) for g in scored[0])[:2] == [
        ((0,), (1,), 4),
        ((1, 2), (1, 1), 3),
    ]
    from_groups = BallotTable.from_groups(scored[0], scored=True)
    for name in ("offsets", "projects", "counts", "points"):  # the table says the same
        assert getattr(scored[1], name).tolist() == getattr(from_groups, name).tolist()
    odd = votes(SCORED.replace("5;b,c;1,1", "5;b,c;1,x"))
    assert _scored_groups(odd, ordered) is None  # the general path says why
    assert _tally_votes_fast(votes(SCORED)) is not None
    assert _tally_votes_fast(votes(APPROVAL.replace("5;b,c", "5"))) is None  # a short row


NUMBERED = "\n".join(
    [
        "META",
        "key;value",
        "budget;100",
        "vote_type;approval",
        "PROJECTS",
        "project_id;cost",
        *(f"{i};{i % 7 + 1}" for i in [*range(1, 70), 300]),  # 70 projects: two words of bits
        "VOTES",
        "voter_id;vote",
        "1;7,300,12",
        "2;300,12,7",  # the same set, written in another order
        "3;69,1",
        "4;",  # an empty ballot
        "5;1,69",
        "6;65,2,64",
        "",
    ]
)


@pytest.mark.parametrize(
    ("change", "quick"),
    [
        (("", ""), True),
        (("vote_type;approval", "vote_type;ordinal"), True),
        (("3;69,1", "3;069,1"), False),  # a leading zero
        (("3;69,1", "3;+69,1"), False),
        (("3;69,1", "3;69.0,1"), False),
        (("3;69,1", "3;-1,1"), False),
        (("3;69,1", "3;69,,1"), False),  # an empty item
        (("3;69,1", "3;70,1"), False),  # no such project
        (("3;69,1", "3;69,1,69"), False),  # twice
        (("3;69,1", "3;1e1"), False),
    ],
)
def test_numbered_projects_are_read_as_numbers_and_odd_writing_goes_the_general_way(
    change: tuple[str, str], quick: bool
) -> None:
    """Files whose project ids are whole numbers take the path that reads them with numpy;
    any item not written exactly as an id leaves it, and the result (or the error) is the
    general parser's."""
    from coproduce.budgeting.counting.pabulib import _parse, _read_head, _unscored_table

    text = NUMBERED.replace(*change)
    head, votes = text.split("VOTES\n")
    meta, projects = _read_head(head)
    ordered = sorted(projects, key=lambda p: p.id)
    table = _unscored_table(votes, ordered, ranked=meta["vote_type"] == "ordinal")
    assert (table is not None) == quick
    try:
        expected = _shape(_parse(text, fast=False))
    except PbFormatError as error:
        with pytest.raises(PbFormatError, match=re.escape(str(error))):
            _parse(text, fast=True)
    else:
        assert _shape(_parse(text, fast=True)) == expected


def test_numbered_approvals_are_grouped_as_sets_in_order() -> None:
    election = parse_pb(NUMBERED)
    ids = [p.id for p in election.projects]
    assert [([ids[p] for p in g.projects], g.count) for g in election.groups] == [
        (["12", "300", "7"], 2),  # projects in id order, as strings sort
        (["1", "69"], 2),
        (["2", "64", "65"], 1),
        ([], 1),
    ]
    assert election.voter_count == 6
    assert election.approvals()[ids.index("300")] == 2
