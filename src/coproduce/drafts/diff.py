"""Two versions compared section by section (matched by key): which sections were added,
removed or changed, and within a changed one, which words went and came (``difflib``)."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from coproduce.drafts.models import Section

TOKENS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Piece:
    """A run of text that stayed (``same``), was added (``added``) or was removed."""

    change: str
    text: str


@dataclass
class SectionChange:
    change: str  # "added", "removed", "changed", "unchanged"
    key: int
    title: str
    old_title: str = ""
    title_pieces: list[Piece] = field(default_factory=list)
    body_pieces: list[Piece] = field(default_factory=list)
    moved: bool = False


def word_diff(old: str, new: str) -> list[Piece]:
    """The words of ``old`` and ``new`` as runs kept, removed and added, in reading order."""
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    pieces: list[Piece] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(after[j1:j2])))
    return pieces


def compare(old: list[Section], new: list[Section]) -> list[SectionChange]:
    """Every section of either version, in the newer one's order (removed ones where they
    stood), marked as added, removed, changed or unchanged."""
    before = {s.key: s for s in old}
    after = {s.key: s for s in new}
    old_order = [s.key for s in old if s.key in after]
    new_order = [s.key for s in new if s.key in before]
    changes: list[SectionChange] = []
    for section in new:
        was = before.get(section.key)
        if was is None:
            changes.append(
                SectionChange(
                    "added", section.key, section.title, body_pieces=[Piece("added", section.body)]
                )
            )
            continue
        moved = old_order.index(section.key) != new_order.index(section.key)
        same = (was.title, was.body) == (section.title, section.body)
        changes.append(
            SectionChange(
                "unchanged" if same else "changed",
                section.key,
                section.title,
                old_title=was.title,
                title_pieces=[]
                if was.title == section.title
                else word_diff(was.title, section.title),
                body_pieces=[] if same else word_diff(was.body, section.body),
                moved=moved,
            )
        )
    for position, section in enumerate(old):
        if section.key not in after:
            removed = SectionChange(
                "removed", section.key, section.title, body_pieces=[Piece("removed", section.body)]
            )
            changes.insert(min(position, len(changes)), removed)
    return changes


def counts(changes: list[SectionChange]) -> dict[str, int]:
    found = dict.fromkeys(("added", "removed", "changed", "unchanged"), 0)
    for change in changes:
        found[change.change] += 1
    return found
