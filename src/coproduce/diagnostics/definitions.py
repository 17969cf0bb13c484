"""The definitions of the diagnostics, read from ``definitions.md`` (docs/diagnostics.md
is the same file), so the page and the documentation say the same thing."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from coproduce.core.markdown import render_markdown

SOURCE = Path(__file__).with_name("definitions.md")
HEADING = re.compile(r"^## (?P<key>[a-z_.]+) — (?P<title>.+)$")


@dataclass(frozen=True)
class Definition:
    key: str
    title: str
    text: str

    @property
    def html(self) -> str:
        """The text as HTML, through the site's one sanitising renderer."""
        return render_markdown(self.text)

    @property
    def anchor(self) -> str:
        return "def-" + self.key.replace(".", "-").replace("_", "-")


@cache
def definitions() -> dict[str, Definition]:
    """Every definition, in the order of the file, by key (``power.mode``)."""
    found: dict[str, Definition] = {}
    key = title = ""
    lines: list[str] = []

    def close() -> None:
        if key:
            found[key] = Definition(key, title, "\n".join(lines).strip())

    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        heading = HEADING.match(line)
        if heading:
            close()
            key, title, lines = heading["key"], heading["title"], []
        elif key:
            lines.append(line)
    close()
    return found


def definition(key: str) -> Definition:
    """One definition; a key with none is a mistake in the code, so it raises KeyError."""
    return definitions()[key]
