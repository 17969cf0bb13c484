"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py).
The targets: an open members' needs survey with one optional single choice, and a draft
with one question. Anyone who may see the initiative sees an open survey and its results;
a draft, its building page, codes, paper entry, the CSV and adoption are the coordinators'
(drafts answer 404 to everyone else;
the API refuses anonymous writes first, 403); members answer (an empty answer: 400 after the
permission check passed); the asset list is for members."""

from conftest import World
from coproduce.surveys import services
from tests.grid import Expectation, Targets, for_all, signed_in

COORDINATORS_ONLY = signed_in(404, member=404, coordinator=200, other_coordinator=404, staff=404)
COORDINATOR_PAGE = signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=403)
ANSWERERS = signed_in(403, member=400, coordinator=400, other_coordinator=403, staff=403)

EXPECTED: dict[str, list[Expectation]] = {
    "surveys:list": [
        ("get", None, for_all(200)),
        (
            "post",
            {"title": "What next?", "purpose": "needs", "audience": "members"},
            signed_in(403, member=403, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "surveys:assets": [
        ("get", None, signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403))
    ],
    "surveys:respond": [("get", None, for_all(200)), ("post", {}, ANSWERERS)],
    "surveys:build": [
        ("get", None, COORDINATORS_ONLY),
        (
            "post",
            {"kind": "short_text", "text": "Why?"},
            signed_in(404, member=404, coordinator=302, other_coordinator=404, staff=404),
        ),
    ],
    "surveys:status": [
        (
            "post",
            {"status": "open"},
            signed_in(404, member=404, coordinator=302, other_coordinator=404, staff=404),
        )
    ],
    "surveys:codes": [
        ("get", None, COORDINATORS_ONLY),
        (
            "post",
            {"count": "2"},
            signed_in(404, member=404, coordinator=400, other_coordinator=404, staff=404),
        ),
    ],
    "surveys:paper": [
        ("get", None, COORDINATOR_PAGE),
        ("post", {}, signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=403)),
    ],
    "surveys:results": [("get", None, for_all(200))],
    "surveys:answers_csv": [("get", None, COORDINATOR_PAGE)],
    "surveys:adopt": [
        ("get", None, COORDINATOR_PAGE),
        (
            "post",
            {"question": "<question>", "options": "Yes"},
            signed_in(403, member=403, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    # no PB process takes proposals in the grid's world: the coordinator is told so (400)
    "surveys:adopt_proposals": [
        ("get", None, COORDINATOR_PAGE),
        (
            "post",
            {"question": "<question>", "adopt_0": "on", "cost_0": "10"},
            signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=403),
        ),
    ],
    "api:survey-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {"title": "What next?", "purpose": "needs"},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:survey-detail": [("get", None, for_all(200))],
    "api:survey-questions": [
        (
            "post",
            {"kind": "short_text", "text": "Why?"},
            signed_in(403, member=404, coordinator=201, other_coordinator=404, staff=404),
        )
    ],
    "api:survey-status": [
        (
            "post",
            {"status": "open"},
            signed_in(403, member=404, coordinator=200, other_coordinator=404, staff=404),
        )
    ],
    "api:survey-respond": [("post", {"answers": {}}, ANSWERERS)],
    "api:survey-results": [("get", None, for_all(200))],
    "api:survey-adopt": [
        (
            "post",
            {"question": "<question>", "options": ["Yes"]},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=403),
        )
    ],
}


def targets(world: World) -> Targets:
    coordinator, initiative = world.coordinator, world.initiative
    survey = services.survey_create(
        actor=coordinator, initiative=initiative, title="Needs", purpose="needs"
    )
    question = services.question_add(
        actor=coordinator, survey=survey, kind="single", text="Shop?", options=["Yes", "No"]
    )
    services.survey_set_status(actor=coordinator, survey=survey, status="open")
    draft = services.survey_create(
        actor=coordinator, initiative=initiative, title="Draft", purpose="assets"
    )
    services.question_add(actor=coordinator, survey=draft, kind="short_text", text="Skills?")
    slug = initiative.slug
    page = lambda: {"slug": slug, "pk": survey.pk}  # noqa: E731
    draft_page = lambda: {"slug": slug, "pk": draft.pk}  # noqa: E731
    api = lambda: {"initiative_slug": slug, "pk": survey.pk}  # noqa: E731
    api_draft = lambda: {"initiative_slug": slug, "pk": draft.pk}  # noqa: E731
    return {
        "kwargs": {
            "surveys:respond": page,
            "surveys:build": draft_page,
            "surveys:status": draft_page,
            "surveys:codes": page,
            "surveys:paper": page,
            "surveys:results": page,
            "surveys:answers_csv": page,
            "surveys:adopt": page,
            "surveys:adopt_proposals": page,
            "api:survey-detail": api,
            "api:survey-questions": api_draft,
            "api:survey-status": api_draft,
            "api:survey-respond": api,
            "api:survey-results": api,
            "api:survey-adopt": api,
        },
        "placeholders": {"<question>": question.pk},
    }
