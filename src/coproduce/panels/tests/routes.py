"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py).

Anyone who may see the initiative reads its panels, their quotas, published composition,
evidence and recommendations, and may offer to serve. Coordinators and staff set panels up,
see and import the pool, draw and publish; the pool is refused (403) to everyone else, who
can see the panel. Answers come from the initiative's coordinators or the panel's named
representative, not from staff. Two panels: ``open`` (pool still open) and ``drawn`` (drawn,
one member dropped out, so a draw of one replacement can be asked for)."""

import datetime

from django.utils import timezone

from conftest import World
from coproduce.panels import services
from coproduce.panels.models import MemberStatus, Panel, RunStatus, SelectionRun
from coproduce.panels.tests.conftest import make_event, make_panel, pool_csv
from tests.grid import Expectation, Targets, for_all, signed_in

MANAGE_PAGE = signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=200)
MANAGE_POST = signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302)
MANAGE_API = signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200)
ANSWERERS = signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=403)
AREAS = {"area": [("north", 0, 8), ("south", 0, 8)]}
ONE_CATEGORY = "owner, 0, 8, Census 2021\nrenter, 0, 8, Census 2021"

EXPECTED: dict[str, list[Expectation]] = {
    "panels:list": [("get", None, for_all(200))],
    "panels:create": [
        ("get", None, MANAGE_PAGE),
        (
            "post",
            {
                "title": "Second jury",
                "remit": "What next?",
                "size": "8",
                "stage": "<stage>",
                "commissioner_name": "The board",
                "starts_on": "2026-06-01",
                "ends_on": "2026-06-30",
                "consent_text": "I agree.",
            },
            MANAGE_POST,
        ),
    ],
    "panels:detail": [("get", None, for_all(200)), ("post", {}, for_all(400))],
    "panels:features": [
        ("get", None, MANAGE_PAGE),
        ("post", {"name": "tenure", "categories": ONE_CATEGORY}, MANAGE_POST),
    ],
    "panels:pool": [
        ("get", None, MANAGE_PAGE),
        ("post", {}, MANAGE_PAGE | {"coordinator": 400, "staff": 400}),
    ],
    "panels:drop_out": [("post", {}, MANAGE_POST)],
    "panels:selection": [
        ("get", None, MANAGE_PAGE),
        ("post", {"algorithm": "legacy", "seed": "3"}, MANAGE_POST),
    ],
    "panels:publish": [("post", {}, MANAGE_POST)],
    "panels:evidence": [
        ("get", None, MANAGE_PAGE),
        ("post", {"kind": "speaker", "title": "Dr Jones", "detail": "Surveyor"}, MANAGE_POST),
    ],
    "panels:sessions": [
        ("get", None, MANAGE_PAGE),
        ("post", {"event": "<panel_event>"}, MANAGE_POST),
    ],
    "panels:recommend": [
        ("get", None, MANAGE_PAGE),
        (
            "post",
            {
                "text": "Fix damp first.",
                "votes_for": "9",
                "votes_against": "1",
                "votes_abstaining": "0",
                "voted_on": "2026-04-01",
            },
            MANAGE_POST,
        ),
    ],
    "panels:answer": [
        ("get", None, ANSWERERS | {"coordinator": 200}),
        (
            "post",
            {"response": "accepted", "reasons": "Agreed.", "answered_on": "2026-04-02"},
            ANSWERERS,
        ),
    ],
    "api:panel-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {
                "title": "Second jury",
                "remit": "What next?",
                "size": 8,
                "stage": "<stage>",
                "commissioner_name": "The board",
                "starts_on": "2026-06-01",
                "ends_on": "2026-06-30",
                "consent_text": "I agree.",
            },
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:panel-detail": [("get", None, for_all(200))],
    "api:panel-features": [
        ("get", None, for_all(200)),
        (
            "post",
            {
                "name": "tenure",
                "categories": [
                    {"name": "owner", "quota_min": 0, "quota_max": 8},
                    {"name": "renter", "quota_min": 0, "quota_max": 8},
                ],
            },
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:panel-register": [
        (
            "post",
            {
                "name": "Ana",
                "address": "1 Mill Lane",
                "postcode": "AB1 2CD",
                "features": {"age": "young", "area": "north"},
                "consent": True,
            },
            for_all(201) | {"anonymous": 403},
        )
    ],
    "api:panel-pool": [
        ("get", None, MANAGE_API),
        (
            "post",
            {
                "csv": "reference,name,address,postcode,age,area\nX1,Bo,2 Mill Lane,AB1,old,south",
                "consent_confirmed": True,
            },
            MANAGE_API | {"coordinator": 201, "staff": 201},
        ),
    ],
    "api:panel-selection": [
        ("get", None, MANAGE_API),
        (
            "post",
            {"algorithm": "legacy", "seed": 3},
            MANAGE_API | {"coordinator": 202, "staff": 202},
        ),
    ],
    "api:panel-composition": [("get", None, for_all(200))],
    "api:panel-recommendations": [
        ("get", None, for_all(200)),
        (
            "post",
            {
                "text": "Fix damp first.",
                "votes_for": 9,
                "votes_against": 1,
                "votes_abstaining": 0,
                "voted_on": "2026-04-01",
            },
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:panel-recommendation-detail": [("get", None, for_all(200))],
    "api:panel-recommendation-answer": [
        (
            "post",
            {"response": "rejected", "reasons": "No budget.", "answered_on": "2026-04-02"},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=403),
        )
    ],
}


def _drawn(world: World) -> Panel:
    """A panel drawn without running the lottery (the grid checks doors, not draws)."""
    panel = make_panel(world, features=AREAS)
    services.pool_import(
        actor=world.coordinator,
        panel=panel,
        csv_text=pool_csv(12, features=AREAS),
        consent_confirmed=True,
    )
    run = SelectionRun.objects.create(
        panel=panel,
        algorithm="legacy",
        seed=1,
        status=RunStatus.DONE,
        finished_at=timezone.now(),
        requested_by=world.coordinator,
        probabilities={"age:young": 0.5},
        min_probability=0.4,
        pool_size=12,
    )
    chosen = list(panel.pool.values_list("pk", flat=True)[:8])
    panel.pool.filter(pk__in=chosen).update(status=MemberStatus.SELECTED, selected_in=run)
    panel.pool.filter(pk=chosen[0]).update(status=MemberStatus.DROPPED_OUT)
    services.composition_publish(actor=world.coordinator, panel=panel)
    return panel


def targets(world: World) -> Targets:
    slug = world.initiative.slug
    open_panel = make_panel(world)
    services.pool_import(
        actor=world.coordinator, panel=open_panel, csv_text=pool_csv(3), consent_confirmed=True
    )
    drawn = _drawn(world)
    recommendation = services.recommendation_add(
        actor=world.coordinator,
        panel=drawn,
        text="Fix damp first.",
        votes_for=9,
        votes_against=1,
        votes_abstaining=0,
        voted_on=datetime.date(2026, 4, 1),
    )
    serving = drawn.pool.filter(status=MemberStatus.SELECTED).first()
    assert serving is not None
    opened = {"slug": slug, "pk": open_panel.pk}
    drawn_page = {"slug": slug, "pk": drawn.pk}
    opened_api = {"initiative_slug": slug, "pk": open_panel.pk}
    drawn_api = {"initiative_slug": slug, "pk": drawn.pk}
    session = make_event(world)
    return {
        "placeholders": {"<panel_event>": session.pk},
        "kwargs": {
            "panels:detail": lambda: opened,
            "panels:features": lambda: opened,
            "panels:pool": lambda: opened,
            "panels:drop_out": lambda: drawn_page | {"member": serving.pk},
            "panels:selection": lambda: drawn_page,
            "panels:publish": lambda: drawn_page,
            "panels:evidence": lambda: drawn_page,
            "panels:sessions": lambda: drawn_page,
            "panels:recommend": lambda: drawn_page,
            "panels:answer": lambda: drawn_page | {"number": recommendation.number},
            "api:panel-detail": lambda: opened_api,
            "api:panel-features": lambda: opened_api,
            "api:panel-register": lambda: opened_api,
            "api:panel-pool": lambda: opened_api,
            "api:panel-selection": lambda: drawn_api,
            "api:panel-composition": lambda: drawn_api,
            "api:panel-recommendations": lambda: drawn_api,
            "api:panel-recommendation-detail": lambda: {
                "initiative_slug": slug,
                "pk": recommendation.pk,
            },
            "api:panel-recommendation-answer": lambda: {
                "initiative_slug": slug,
                "pk": recommendation.pk,
            },
        },
    }
