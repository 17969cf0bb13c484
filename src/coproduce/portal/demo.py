"""The demo: every capability's illustrative data, loaded in the registry's order.

Each capability's ``demo.py`` holds its own part (``Capability.demo``), written through the
same services the pages use, so the demo exercises the real write paths; they share one
``Demo``: the people by username, the organisations and initiatives by name. Loading twice
changes nothing. The record the demo writes is illustrative (``selectors.ILLUSTRATIVE``).
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from coproduce.core.capabilities import demo_loaders
from coproduce.initiatives.models import Initiative


@dataclass
class Demo:
    """What the capabilities' demo loaders share: each adds what the later ones name."""

    people: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)
    initiatives: dict[str, Initiative] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    # lines for the person who loaded the demo (how to sign in)
    notes: list[str] = field(default_factory=list)

    def initiative(self, slug: str) -> Initiative:
        if slug not in self.initiatives:
            self.initiatives[slug] = Initiative.objects.get(slug=slug)
        return self.initiatives[slug]


@transaction.atomic
def run_demo() -> Demo:
    demo = Demo()
    for load in demo_loaders():
        load(demo)
    return demo


def load_demo() -> dict[str, int]:
    """Load everything; returns counts for the command to print."""
    return run_demo().counts
