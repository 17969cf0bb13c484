"""Co-assessment's ratings part (``bench/assessment.py``): a ratings summary over a
million ratings of one thing, against a plain count of them.

The fill: one initiative whose service has 1,000,000 ratings, one from each of 1,000,000
people (stars 1 to 5, a fifth with a comment, a tenth anonymous), and 200,000 more ratings
of 2,000 other things of the initiative from the same people, the two interleaved at random
so that the service's rows do not lie together on disk, in by bulk with every constraint in
force. The readings: the anchor, ``SELECT COUNT(*) FROM ratings_rating WHERE kind =
'service' AND thing_id = %s``, then ``ratings.selectors.summary_of`` (count, distribution
and mean, one GROUP BY stars). Goal: the summary within 3× the count.
"""

import random
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from diagnostics import (  # noqa: E402  (beside this script)
    UNUSABLE,
    USER_COLUMNS,
    Loader,
)

SLUG = "bench-ratings"
RATINGS, OTHER_THINGS, EACH_OTHER = 1_000_000, 2_000, 100
SIZE = {"version": 1, "ratings": RATINGS, "other_things": OTHER_THINGS, "each": EACH_OTHER}
ANCHOR = "`SELECT COUNT(*)` of the thing's ratings (anchor)"
SUMMARY = "`summary_of(thing)`: count, distribution, mean"

RATING_COLUMNS = (
    "initiative_id", "kind", "thing_id", "person_id", "stars", "comment", "anonymous",
    "created_at", "updated_at",
)  # fmt: skip


def fill(connection: Any) -> None:
    """The people, the initiative and its ratings, in the caller's transaction (the caller
    marks the fill and, on PostgreSQL, vacuums): COPY on PostgreSQL, ``executemany``
    otherwise."""
    from django.core.management.color import no_style
    from django.db import transaction
    from django.utils import timezone

    from coproduce.accounts.models import User
    from coproduce.core.vocabulary import ServiceArea
    from coproduce.initiatives.models import Initiative

    rng = random.Random(19)
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic(using=connection.alias):
        loader = Loader(connection)
        first = loader.next_id("accounts_user")
        people = range(first, first + RATINGS)
        loader.load(
            "accounts_user",
            USER_COLUMNS,
            (
                (pk, UNUSABLE, None, False, f"rater{pk}", "", "", "", False, True, stamp,
                 "", "", "", None, "", "")
                for pk in people
            ),
        )  # fmt: skip
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [User]):
                cursor.execute(statement)
        initiative = Initiative.objects.using(connection.alias).create(
            slug=SLUG,
            title="Benchmark: a million ratings",
            summary="A million ratings of the service.",
            service_area=ServiceArea.SOCIAL_CARE,
            locality="Benchtown",
            created_by_id=first,
        )
        stars = (1, 2, 3, 3, 4, 4, 4, 5, 5, 5)

        def ratings(kind: str, thing: int, raters: Iterable[int]) -> Iterator[tuple]:
            for person in raters:
                comment = "Good, but slow." if rng.random() < 0.2 else ""
                yield (initiative.pk, kind, thing, person, rng.choice(stars), comment,
                       rng.random() < 0.1, stamp, stamp)  # fmt: skip

        streams = [(ratings("service", initiative.pk, people), RATINGS)] + [
            (ratings("activity", thing, rng.sample(people, EACH_OTHER)), EACH_OTHER)
            for thing in range(1, OTHER_THINGS + 1)
        ]
        turns = [i for i, (_, length) in enumerate(streams) for _ in range(length)]
        rng.shuffle(turns)
        loader.load(
            "ratings_rating",
            RATING_COLUMNS,
            (next(streams[turn][0]) for turn in turns),
        )


def readings() -> list[tuple[str, Callable[[], Any]]]:
    """The callables to time, by name: the anchor first, then the summary."""
    from django.db import connection

    from coproduce.initiatives.models import Initiative
    from coproduce.ratings.selectors import summary_of

    thing = Initiative.objects.get(slug=SLUG).pk

    def anchor() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM ratings_rating WHERE kind = %s AND thing_id = %s",
                ["service", thing],
            )
            return int(cursor.fetchone()[0])

    return [(ANCHOR, anchor), (SUMMARY, lambda: summary_of("service", thing))]
