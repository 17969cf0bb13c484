"""The demo's self-assessment: illustrative answers in the open Riverside initiative, so its
page shows figures on both sides. Two more of the demo's professionals and a councillor join
the panel (approved by its coordinator) to answer; the ratings are made up to show how a gap
between the sides reads, and the page says the demo is illustrative."""

from typing import TYPE_CHECKING

from coproduce.core.vocabulary import LeadershipType, Role, Side
from coproduce.initiatives.demo import join_demo_member
from coproduce.selfassessment import services
from coproduce.selfassessment.models import SelfAssessmentAnswer
from coproduce.selfassessment.statements import KEYS

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

SLUG = "riverside-repairs-panel"
# those who join the panel for the self-assessment: (username, side, role, leadership type)
JOINING = (
    ("priya", Side.REGULAR_PRODUCER, Role.FRONTLINE_PROFESSIONAL, ""),
    ("tom", Side.REGULAR_PRODUCER, Role.MANAGER, ""),
    ("cllr_hughes", Side.POLITICAL, Role.COUNCILLOR, LeadershipType.POLITICAL),
)
DK = None  # "don't know"
# each person's ratings, in the statements' order (statements.KEYS): citizens rate inclusion
# and accountability lower than the staff do, and the staff rate the room for risk lower
RATINGS = {
    "jo": (4, 3, 4, 3, 2, 3, 4, 2, 2, 3),
    "sam": (3, 3, 3, 4, 2, 2, 3, 2, 3, DK),
    "rhian": (4, 2, 3, 3, 1, 2, 4, 1, 2, 3),
    "amara": (5, 4, 4, 3, 3, 4, 4, 4, 4, 3),
    "priya": (4, 4, 5, 3, 2, 3, 5, 3, 4, 2),
    "tom": (4, 3, 4, DK, 3, 3, 4, 4, 3, 2),
    "cllr_hughes": (4, 4, 4, 4, 3, 3, 4, 3, 4, 3),
}


def load(demo: "Demo") -> None:
    panel = demo.initiative(SLUG)
    if SelfAssessmentAnswer.objects.filter(initiative=panel).exists():
        return
    for username, side, role, leadership in JOINING:
        join_demo_member(panel, demo.people[username], side, role, leadership)
    for username, ratings in RATINGS.items():
        services.self_assessment_answer(
            actor=demo.people[username],
            initiative=panel,
            ratings=dict(zip(KEYS, ratings, strict=True)),
        )
