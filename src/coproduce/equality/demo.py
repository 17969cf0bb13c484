"""The demo's equality monitoring, in the open initiative (Riverside): tenants who walked the
estate with the repairs team, illustrative profiles for them and the people already there,
enough in some answers to show figures (groups of 5 or more), and an illustrative baseline.
Everything here is made up to show how the figures work."""

import datetime
from typing import TYPE_CHECKING

from coproduce.accounts.models import User
from coproduce.core.vocabulary import ContributionKind, Role, Side, StageKind, Unit
from coproduce.equality import services
from coproduce.equality.vocabulary import PREFER_NOT_TO_SAY as P
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.demo import demo_stage
from coproduce.initiatives.selectors import standing
from coproduce.record import services as record

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

RIVERSIDE = "riverside-repairs-panel"
TENANTS = [f"tenant{number:02d}" for number in range(1, 16)]
WALKABOUT_MINUTES = 90

# (username, age band, gender, ethnic group, disability, caring, deprivation band)
PROFILES = [
    ("jo", "25_34", "woman", "white", "no", "yes", "3"),
    ("sam", "25_34", "woman", "white", "no", "no", "4"),
    ("rhian", "25_34", "man", "white", P, "no", "dont_know"),
    ("tenant01", "25_34", "man", "white", P, "no", "dont_know"),
    ("tenant02", "25_34", "man", "white", P, "no", P),
    ("tenant03", "35_44", "man", "asian", P, "no", "1"),
    ("tenant04", "35_44", "man", "asian", P, "no", "1"),
    ("tenant05", "35_44", "man", "asian", "yes", "no", "1"),
    ("tenant06", "35_44", "non_binary", "asian", "yes", P, "1"),
    ("tenant07", "35_44", P, "asian", "yes", P, "1"),
    ("tenant08", "35_44", P, "black", "yes", P, "1"),
    ("tenant09", "45_54", "woman", "black", "yes", P, "2"),
    ("tenant10", "45_54", "woman", "black", "no", P, "2"),
    ("tenant11", "45_54", "woman", "mixed", "no", "yes", "2"),
    ("tenant12", "55_64", "woman", P, "no", "yes", "2"),
    ("tenant13", "55_64", "woman", "white", "no", "yes", "2"),
    ("tenant14", "65_74", "woman", "white", "no", "yes", "3"),
    ("tenant15", P, "woman", "white", "no", "yes", "3"),
]
QUESTIONS = ("age_band", "gender", "ethnic_group", "disability", "caring", "deprivation_band")

SOURCE = "Illustrative figures for the demo, not census data"
# question -> percentage per answer
BASELINE = {
    "age_band": {
        "16_24": 14.0,
        "25_34": 17.5,
        "35_44": 16.0,
        "45_54": 16.5,
        "55_64": 15.0,
        "65_74": 11.5,
        "75_plus": 9.5,
    },
    "gender": {"woman": 50.5, "man": 48.6, "non_binary": 0.5, "another_way": 0.4},
    "ethnic_group": {"asian": 12.0, "black": 8.5, "mixed": 4.0, "white": 73.0, "other": 2.5},
    "disability": {"yes": 18.0, "no": 82.0},
    "caring": {"yes": 9.0, "no": 91.0},
    "deprivation_band": {"1": 35.0, "2": 25.0, "3": 20.0, "4": 12.0, "5": 8.0},
}


def _tenants(demo: "Demo") -> None:
    """Tenants who join the panel and give an afternoon to walk the estate (co-design)."""
    panel = demo.initiative(RIVERSIDE)
    stage = demo_stage(panel, StageKind.CO_DESIGN)
    walked_on = datetime.date.today() - datetime.timedelta(days=12)
    for number, username in enumerate(TENANTS, start=1):
        tenant, created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": f"Riverside tenant {number}",
                "locality": "Riverside",
                "email": f"{username}@example.org",
            },
        )
        if created:
            tenant.set_unusable_password()  # illustrative: nobody signs in as them
            tenant.save()
        demo.people[username] = tenant
        if standing(tenant, panel).active:
            continue
        initiatives.membership_request(
            actor=tenant, initiative=panel, side=Side.CITIZEN, role=Role.RESIDENT
        )
        record.contribution_record(
            actor=tenant,
            initiative=panel,
            stage=stage,
            kind=ContributionKind.TIME,
            quantity=WALKABOUT_MINUTES,
            unit=Unit.MINUTES,
            occurred_on=walked_on,
            description="Walked the estate with the repairs team, noting what needs fixing",
        )


def load(demo: "Demo") -> None:
    _tenants(demo)
    for username, *answers in PROFILES:
        services.equality_profile_save(
            actor=demo.people[username], consent=True, **dict(zip(QUESTIONS, answers, strict=True))
        )
    panel = demo.initiative(RIVERSIDE)
    for question, shares in BASELINE.items():
        services.equality_baseline_save(
            actor=demo.people["amara"],
            initiative=panel,
            characteristic=question,
            shares=shares,
            source=SOURCE,
            year=2021,
        )
