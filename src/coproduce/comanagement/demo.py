"""The demo's co-management: the open initiative's board, tenants and staff seated together,
with its next meeting on the calendar (illustrative, like all the demo)."""

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from coproduce.comanagement import services
from coproduce.comanagement.models import Board, SeatRole
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives.demo import demo_stage

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo


def load(demo: "Demo") -> None:
    panel = demo.initiative("riverside-repairs-panel")
    if Board.objects.filter(initiative=panel).exists():
        return
    amara = demo.people["amara"]
    board = services.board_create(
        actor=amara,
        initiative=panel,
        stage=demo_stage(panel, StageKind.CO_MANAGEMENT),
        name="Repairs panel board",
        purpose="Tenants and the repairs team agree the repairs priorities and check the "
        "contractor's work each quarter.",
    )
    services.seat_add(actor=amara, board=board, person=demo.people["jo"], role=SeatRole.CHAIR)
    for person in ("sam", "amara"):
        services.seat_add(actor=amara, board=board, person=demo.people[person])
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    services.meeting_schedule(
        actor=amara,
        board=board,
        held_at=timezone.make_aware(datetime.datetime.combine(next_week, datetime.time(18, 30))),
        agenda="1. Repairs figures for the quarter\n2. The damp survey\n3. Any other business",
        place="Community room, Riverside House",
        length_minutes=90,
    )
