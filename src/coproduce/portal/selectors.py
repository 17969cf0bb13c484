"""What the portal reads: which initiatives carry the demo's illustrative record."""

from coproduce.initiatives.models import Initiative

# The initiatives the demo writes a record for (``manage.py demo``; each app's demo.py).
DEMO_INITIATIVES = frozenset(
    {
        "tackley-village-shop",
        "taff-housing-time-credits",
        "caterham-barracks-community-trust",
        "riverside-repairs-panel",
    }
)

ILLUSTRATIVE = (
    "The records of the demo initiatives are illustrative: their people, entries, dates and "
    "head-counts are made up around the published cases' facts, to show how the platform "
    "works."
)


def is_demo(initiative: Initiative) -> bool:
    """Whether this initiative's record is the demo's illustration, not a real account."""
    return initiative.slug in DEMO_INITIATIVES


def demo_loaded() -> bool:
    return Initiative.objects.filter(slug__in=DEMO_INITIATIVES).exists()
