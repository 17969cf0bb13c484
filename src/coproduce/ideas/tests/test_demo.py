"""The demo's ideas: four posted in the Riverside panel, one taken into design with the
duplicate's supporter carried over, one declined with a reason; loading again adds nothing."""

from typing import Any

from coproduce.ideas.models import Idea, ModerationEntry
from coproduce.ideas.selectors import ideas_of, shown_idea
from coproduce.initiatives.models import Initiative
from coproduce.portal.demo import load_demo


def test_the_demo_ideas_load_once(db: Any) -> None:
    load_demo()
    load_demo()
    riverside = Initiative.objects.get(slug="riverside-repairs-panel")
    assert Idea.objects.count() == 4
    shown = [shown_idea(i, reveal=False) for i in ideas_of(riverside)]
    rows = {s.title: (s.idea.status, s.supporters) for s in shown}
    assert rows == {
        "Text us a two-hour arrival window": ("into_design", 2),
        "A repairs surgery at the community centre": ("under_consideration", 1),
        "Replace every boiler on the estate at once": ("not_taken_forward", 0),
        "Tell us when the contractor is coming": ("merged", 1),
    }
    assert ModerationEntry.objects.get().action == "merge"
