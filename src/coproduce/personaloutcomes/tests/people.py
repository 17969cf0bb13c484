"""A scale, a worker and a pairing around the test world's member, for this app's tests."""

import datetime
from dataclasses import dataclass

from conftest import World, add_member, make_user
from coproduce.accounts.models import User
from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives.models import Membership
from coproduce.personaloutcomes import services
from coproduce.personaloutcomes.models import Reading, Scale

LABELS = [f"Step {step} in our words" for step in range(1, 11)]
DOMAINS = [
    ("Managing money", "Bills, budget, debt."),
    ("Living skills", "Cooking and keeping house."),
    ("Friends", "People to turn to."),
]


def pairings_url(world: World) -> str:
    return f"/initiatives/{world.initiative.slug}/personal-outcomes/pairings/"


@dataclass
class Setup:
    scale: Scale
    worker: User
    membership: Membership  # the member's


def set_up(world: World) -> Setup:
    """The coordinator defines the scale and pairs the member with a worker (a professional
    member who is no one else in the world)."""
    worker = make_user("worker", display_name="Wren Worker")
    add_member(
        world.initiative, worker, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL
    )
    scale = services.scale_define(
        actor=world.coordinator,
        initiative=world.initiative,
        name="Steps forward",
        labels=LABELS,
        domains=DOMAINS,
    )
    services.pairing_make(
        actor=world.coordinator, initiative=world.initiative, person=world.member, worker=worker
    )
    membership = Membership.objects.get(initiative=world.initiative, user=world.member)
    return Setup(scale=scale, worker=worker, membership=membership)


def read(
    setup: Setup, actor: User, scores: tuple[int, ...], day: datetime.date, note: str = ""
) -> Reading:
    domains = [d.pk for d in setup.scale.domains.all()]
    return services.reading_take(
        actor=actor,
        membership=setup.membership,
        taken_on=day,
        scores=dict(zip(domains, scores, strict=True)),
        notes={domains[0]: note} if note else {},
    )
