"""What the portal reads: what is live now, for the home page, and which initiatives carry
the demo's illustrative record."""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from coproduce.core.capabilities import discovery_items
from coproduce.initiatives.discovery import (
    NEWEST_FIRST,
    LiveItem,
    Scope,
    Section,
)
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import initiatives_visible_to

# The initiatives the demo writes a record for (``manage.py demo``; each app's demo.py).
DEMO_INITIATIVES = frozenset(
    {
        "tackley-village-shop",
        "taff-housing-time-credits",
        "caterham-barracks-community-trust",
        "riverside-repairs-panel",
    }
)

ILLUSTRATIVE = gettext_lazy(
    "The records of the demo initiatives are illustrative: their people, entries, dates and "
    "head-counts are made up around the published cases' facts, to show how the platform "
    "works."
)


def is_demo(initiative: Initiative) -> bool:
    """Whether this initiative's record is the demo's illustration, not a real account."""
    return initiative.slug in DEMO_INITIATIVES


def demo_loaded() -> bool:
    return Initiative.objects.filter(slug__in=DEMO_INITIATIVES).exists()


@dataclass(frozen=True)
class LiveSection:
    """One of the home page's sections of what is live now, with its items in order."""

    key: str
    title: str
    items: list[LiveItem]
    empty: str


# What each section says when it has nothing to show.
EMPTY = {
    Section.VOTES: gettext_lazy("No vote is open right now."),
    Section.COMING_UP: gettext_lazy("Nothing is planned yet."),
    Section.ASKING: gettext_lazy("No initiative is asking for people right now."),
    Section.RESULTS: gettext_lazy("No results yet."),
}


def live_now(viewer: Any, *, locality: str = "", limit: int = 6) -> list[LiveSection]:
    """What is live now for this person, by section (``discovery.Section``): what every
    capability reports (``Capability.discovery``) in the initiatives they may see, in
    ``locality`` if named; their own initiatives' items first, then the soonest (or, in
    the sections of news, the newest); at most ``limit`` a section. A fixed number of
    queries, each with a limit, however many initiatives and proposals there are."""
    initiatives = initiatives_visible_to(viewer)
    if locality:
        initiatives = initiatives.filter(locality=locality)
    scope = Scope(
        initiatives=initiatives,
        viewer_id=viewer.pk if viewer.is_authenticated else None,
        now=timezone.now(),
        limit=limit,
    )
    found: dict[str, list[LiveItem]] = {section: [] for section in Section.values}
    for read in discovery_items():
        for item in read(scope):
            found[item.section].append(item)
    sections = []
    for section in Section:
        newest_first = section in NEWEST_FIRST
        ordered = sorted(found[section], key=lambda item: _order(item, newest_first))[:limit]
        title, empty = str(section.label), str(EMPTY[section])
        sections.append(LiveSection(section.value, title, ordered, empty))
    return sections


def _order(item: LiveItem, newest_first: bool) -> tuple[bool, bool, float]:
    """The person's own first; then by time (items without one last)."""
    stamp = item.when.timestamp() if item.when else 0.0
    return (not item.mine, item.when is None, -stamp if newest_first else stamp)
