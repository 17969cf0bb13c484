"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py)."""

import datetime

from conftest import World
from coproduce.comanagement import services as comanagement
from coproduce.initiatives import services as initiatives
from tests.grid import Expectation, Targets, for_all, signed_in

EXPECTED: dict[str, list[Expectation]] = {
    # co-management: the member sits on the board (not as chair); a meeting is scheduled
    "comanagement:boards": [
        ("get", None, for_all(200)),
        (
            "post",
            {},
            signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "comanagement:board": [
        ("get", None, for_all(200)),
        (
            "post",
            {"add_seat": "1"},
            signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "comanagement:meeting": [
        ("get", None, for_all(200)),
        (
            "post",
            {"attendance": "1", "minutes": "Agreed"},
            signed_in(403, member=403, coordinator=302, other_coordinator=403, staff=302),
        ),
    ],
    # co-management and peer-support API (same world as their pages)
    "api:board-list": [
        (
            "get",
            None,
            signed_in(200, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"name": "Hall board", "stage": "<board_stage>"},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:board-detail": [
        (
            "get",
            None,
            signed_in(200, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
    ],
    "api:board-seats": [
        (
            "post",
            {"person": "member"},
            signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "api:meeting-list": [
        (
            "get",
            None,
            signed_in(200, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"board": "<board>", "held_at": "2030-01-01T10:00:00Z", "agenda": "Budget"},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:meeting-detail": [
        (
            "get",
            None,
            signed_in(200, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
    ],
    "api:meeting-attendance": [
        (
            "post",
            {"attendees": ["member"], "minutes": "Met"},
            signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "api:meeting-decide": [
        (
            "post",
            {"title": "Open", "rule": "consensus", "initiated_by": "member"},
            signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
}


def targets(world: World) -> Targets:
    board = comanagement.board_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=initiatives.stage_create(
            actor=world.coordinator, initiative=world.initiative, kind="co_management"
        ),
        name="Trust board",
    )
    comanagement.seat_add(actor=world.coordinator, board=board, person=world.member)
    tomorrow = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
    meeting = comanagement.meeting_schedule(
        actor=world.coordinator, board=board, held_at=tomorrow, agenda="Opening hours"
    )
    slug = world.initiative.slug
    return {
        "kwargs": {
            "comanagement:board": lambda: {"slug": slug, "pk": board.pk},
            "comanagement:meeting": lambda: {"slug": slug, "pk": meeting.pk},
            "api:board-detail": lambda: {"initiative_slug": slug, "pk": board.pk},
            "api:board-seats": lambda: {"initiative_slug": slug, "pk": board.pk},
            "api:meeting-detail": lambda: {"initiative_slug": slug, "pk": meeting.pk},
            "api:meeting-attendance": lambda: {"initiative_slug": slug, "pk": meeting.pk},
            "api:meeting-decide": lambda: {"initiative_slug": slug, "pk": meeting.pk},
        },
        "placeholders": {"<board_stage>": board.stage_id, "<board>": board.pk},
    }
