"""The demo's personal outcomes, in the open initiative (Riverside): an illustrative scale
(our own wording), two of its professionals paired with six tenants, and three readings
each, so the change across people shows figures. The people and scores are made up."""

import datetime
from typing import TYPE_CHECKING

from coproduce.initiatives.models import Membership
from coproduce.personaloutcomes import services
from coproduce.personaloutcomes.models import Scale

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

SLUG = "riverside-repairs-panel"
NAME = "Riverside steps forward (illustrative)"
LABELS = [
    "In crisis",
    "Struggling a lot",
    "Struggling",
    "Starting to cope",
    "Coping some days",
    "Coping most days",
    "Getting there",
    "Mostly on top of it",
    "Doing well",
    "Thriving",
]
DOMAINS = [
    ("Managing money", "Paying bills and rent, keeping to a budget, dealing with debt."),
    ("Living skills", "Cooking, cleaning, shopping and looking after the home."),
    ("Health and wellbeing", "How you feel in body and mind, and looking after it."),
    ("Friends and community", "People to turn to, and taking part in the area."),
    ("Home and tenancy", "Feeling settled and safe at home, and keeping the tenancy."),
]
# (person, worker, [(days ago, scores in the domains' order)])
READINGS = [
    ("jo", "priya", [(150, (3, 5, 4, 6, 4)), (80, (4, 5, 5, 6, 5)), (10, (6, 6, 5, 7, 6))]),
    ("sam", "priya", [(140, (2, 4, 5, 3, 3)), (70, (3, 4, 5, 4, 4)), (12, (4, 5, 4, 5, 5))]),
    ("rhian", "priya", [(130, (5, 6, 6, 4, 5)), (60, (5, 7, 6, 5, 6)), (9, (6, 7, 7, 5, 7))]),
    ("tenant01", "tom", [(120, (4, 3, 5, 5, 3)), (50, (4, 4, 5, 6, 4)), (8, (5, 4, 5, 6, 5))]),
    ("tenant02", "tom", [(110, (6, 5, 3, 4, 6)), (45, (5, 5, 4, 4, 6)), (7, (5, 6, 4, 5, 6))]),
    ("tenant03", "tom", [(100, (2, 3, 4, 2, 4)), (40, (3, 4, 4, 3, 5)), (6, (4, 4, 5, 4, 6))]),
]
NOTES = {"jo": "Set up a budget with the money advice service (illustrative)."}


def load(demo: "Demo") -> None:
    panel = demo.initiative(SLUG)
    if Scale.objects.filter(initiative=panel).exists():
        return
    amara = demo.people["amara"]
    scale = services.scale_define(
        actor=amara, initiative=panel, name=NAME, labels=LABELS, domains=DOMAINS
    )
    domains = [d.pk for d in scale.domains.all()]
    today = datetime.date.today()
    for username, worker_name, readings in READINGS:
        person, worker = demo.people.get(username), demo.people[worker_name]
        if person is None:  # the tenants come from the equality demo
            person = Membership.objects.get(initiative=panel, user__username=username).user
        services.pairing_make(actor=amara, initiative=panel, person=person, worker=worker)
        membership = Membership.objects.get(initiative=panel, user=person)
        for days_ago, scores in readings:
            services.reading_take(
                actor=worker,
                membership=membership,
                taken_on=today - datetime.timedelta(days=days_ago),
                scores=dict(zip(domains, scores, strict=True)),
                notes={domains[0]: NOTES[username]} if username in NOTES and days_ago < 20 else {},
            )
