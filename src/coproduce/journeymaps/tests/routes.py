"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py):
the initiative is public, so everyone reads its journey maps; active members add notes;
coordinators and staff make maps and manage stages; a note is removed by its author (the
member here) or a coordinator; coordinators set a pain point's status."""

from conftest import World
from coproduce.journeymaps import services
from tests.grid import PAGE_MANAGE, Expectation, Targets, for_all, signed_in

MANAGE_POST = signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302)
MEMBERS_POST = signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403)
POST_ONLY = signed_in(302, member=405, coordinator=405, other_coordinator=405, staff=405)
API_MANAGE = signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201)
API_MANAGE_CHANGE = signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200)
NOTE = {"stage": "<journey_stage>", "kind": "idea", "text": "Text me the day before."}

EXPECTED: dict[str, list[Expectation]] = {
    "journeymaps:overview": [("get", None, for_all(200))],
    "journeymaps:new": [("get", None, PAGE_MANAGE), ("post", {"title": "Moving in"}, MANAGE_POST)],
    "journeymaps:map": [("get", None, for_all(200))],
    "journeymaps:edit": [("get", None, PAGE_MANAGE), ("post", {"title": "Repairs"}, MANAGE_POST)],
    "journeymaps:csv": [("get", None, for_all(200))],
    "journeymaps:note_add": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
        ("post", NOTE, MEMBERS_POST),
    ],
    "journeymaps:note": [
        ("get", None, for_all(200)),
        (
            "post",
            {"reason": "Off topic"},
            signed_in(403, member=302, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "journeymaps:note_idea": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
        (
            "post",
            {"title": "Faster repairs", "text": "Slow", "category": "services"},
            MEMBERS_POST,
        ),
    ],
    "journeymaps:note_status": [
        ("get", None, POST_ONLY),
        (
            "post",
            {"status": "taken_up"},
            signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "journeymaps:stages": [("get", None, PAGE_MANAGE), ("post", {"name": "Feedback"}, MANAGE_POST)],
    "journeymaps:stage_edit": [
        ("get", None, PAGE_MANAGE),
        ("post", {"name": "Ringing up"}, MANAGE_POST),
    ],
    "journeymaps:stage_move": [("get", None, POST_ONLY), ("post", {"position": "1"}, MANAGE_POST)],
    "api:journeymap-list": [
        ("get", None, for_all(200)),
        ("post", {"title": "Moving in"}, API_MANAGE),
    ],
    "api:journeymap-detail": [
        ("get", None, for_all(200)),
        ("patch", {"title": "Repairs"}, API_MANAGE_CHANGE),
    ],
    "api:journeymap-stages": [
        ("get", None, for_all(200)),
        ("post", {"name": "Feedback"}, API_MANAGE),
    ],
    "api:journeymap-notes": [
        ("get", None, for_all(200)),
        (
            "post",
            NOTE,
            signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:journeymap-summary": [("get", None, for_all(200))],
    "api:journeystage-detail": [
        ("get", None, for_all(200)),
        ("patch", {"position": 1}, API_MANAGE_CHANGE),
    ],
    "api:journeynote-detail": [
        ("get", None, for_all(200)),
        (
            "patch",
            {"status": "taken_up"},
            signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=403),
        ),
    ],
    "api:journeynote-remove": [
        (
            "post",
            {"reason": "Off topic"},
            signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
    ],
}


def targets(world: World) -> Targets:
    journey_map = services.journey_map_save(
        actor=world.coordinator, initiative=world.initiative, title="Getting a repair done"
    )
    first, second = (
        services.journey_stage_add(actor=world.coordinator, journey_map=journey_map, name=name)
        for name in ("Reporting it", "Waiting")
    )
    pain = services.journey_note_add(
        actor=world.member, journey_map=journey_map, stage=first, kind="pain_point", text="Slow"
    )
    slug = world.initiative.slug
    on_map = {"slug": slug, "pk": journey_map.pk}
    on_note = on_map | {"note_pk": pain.pk}
    on_stage = on_map | {"stage_pk": second.pk}
    in_api = {"initiative_slug": slug}
    return {
        "kwargs": {
            "journeymaps:map": lambda: on_map,
            "journeymaps:edit": lambda: on_map,
            "journeymaps:csv": lambda: on_map,
            "journeymaps:note_add": lambda: on_map,
            "journeymaps:stages": lambda: on_map,
            "journeymaps:note": lambda: on_note,
            "journeymaps:note_status": lambda: on_note,
            "journeymaps:note_idea": lambda: on_note,
            "journeymaps:stage_edit": lambda: on_stage,
            "journeymaps:stage_move": lambda: on_stage,
            "api:journeymap-detail": lambda: in_api | {"pk": journey_map.pk},
            "api:journeymap-stages": lambda: in_api | {"pk": journey_map.pk},
            "api:journeymap-notes": lambda: in_api | {"pk": journey_map.pk},
            "api:journeymap-summary": lambda: in_api | {"pk": journey_map.pk},
            "api:journeystage-detail": lambda: in_api | {"pk": second.pk},
            "api:journeynote-detail": lambda: in_api | {"pk": pain.pk},
            "api:journeynote-remove": lambda: in_api | {"pk": pain.pk},
        },
        "placeholders": {"<journey_stage>": first.pk},
    }
