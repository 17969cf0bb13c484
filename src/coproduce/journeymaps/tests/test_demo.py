"""The demo's journey map: both sides write on it, the means show, and one stage is seen
differently; the page says the map is illustrative."""

from typing import Any

from django.test import Client

from coproduce.journeymaps import selectors
from coproduce.journeymaps.demo import SLUG, load
from coproduce.journeymaps.models import JourneyMap
from coproduce.portal.demo import Demo


def test_the_demo_map_shows_both_sides_and_one_difference(db: Any) -> None:
    demo = Demo()
    for loader in _loaders_before_this_one():
        loader(demo)
    load(demo)
    load(demo)  # twice changes nothing
    journey_map = JourneyMap.objects.get(initiative__slug=SLUG)
    views = selectors.grid(journey_map)
    assert [v.stage.name for v in views] == [
        "Reporting the repair",
        "Waiting for the appointment",
        "The visit",
        "After the repair",
    ]
    assert [v.seen_differently for v in views] == [False, True, False, False]
    waiting = {f.side: (f.mean_shown, f.pain_points) for f in views[1].sides}
    assert waiting == {
        "citizen": ("-1.7 (very bad)", 2),
        "regular_producer": ("+0.3 (neither good nor bad)", 1),
    }
    page = Client().get(journey_map.get_absolute_url()).content.decode()
    assert "Illustrative demo map" in page


def _loaders_before_this_one() -> list[Any]:
    from coproduce.core.capabilities import demo_loaders

    loaders = demo_loaders()
    return [f for f in loaders if f is not load][: loaders.index(load)]
