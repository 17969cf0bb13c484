"""The demo's ratings: the Riverside panel's service has six ratings (a mean shows), two
anonymous, and one comment answered; Taff's has one (no mean). Loading again adds nothing."""

from typing import Any

from coproduce.initiatives.models import Initiative
from coproduce.portal.demo import load_demo
from coproduce.ratings import selectors
from coproduce.ratings.models import FeedbackAnswer, Rating


def test_the_demo_ratings_load_once(db: Any) -> None:
    load_demo()
    load_demo()
    riverside = Initiative.objects.get(slug="riverside-repairs-panel")
    taff = Initiative.objects.get(slug="taff-housing-time-credits")
    assert selectors.summary_of("service", riverside.pk) == {
        "count": 6,
        "distribution": {"1": 0, "2": 1, "3": 2, "4": 2, "5": 1},
        "mean": 3.5,
        "min_for_mean": 5,
    }
    assert selectors.summary_of("service", taff.pk)["mean"] is None
    assert Rating.objects.count() == 7 and Rating.objects.filter(anonymous=True).count() == 2
    answer = FeedbackAnswer.objects.get()
    assert answer.said.startswith("Nobody told us") and answer.decision is not None
