"""Counting participatory-budgeting votes: a plain module with no Django in it.

It reads pabulib ``.pb`` files, and runs the rules real cities use (greedy and its variants,
the Method of Equal Shares with its completions, sequential Phragmén, utilitarian maximum)
with the tie-breaking of pabutools, the research reference it is tested against.
"""

from coproduce.budgeting.counting.count import tally
from coproduce.budgeting.counting.election import Election, PbFormatError, Project
from coproduce.budgeting.counting.pabulib import parse_pb, read_pb, write_pb
from coproduce.budgeting.counting.rules import RULES, Outcome, UnsupportedRule

__all__ = [
    "RULES",
    "Election",
    "Outcome",
    "PbFormatError",
    "Project",
    "UnsupportedRule",
    "parse_pb",
    "read_pb",
    "tally",
    "write_pb",
]
