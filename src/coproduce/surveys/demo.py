"""The demo's survey: Tackley's "Top Ten", the small market research through which the
village found which missing services it most needed (seed 002). The options are the
services the seed lists; the responses are illustrative, made up and labelled so, keyed in
as paper forms (so they write nothing to the record), and the survey is closed."""

from typing import TYPE_CHECKING

from coproduce.surveys import services
from coproduce.surveys.models import Response, Survey

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

SLUG = "tackley-village-shop"
TITLE = "Tackley Top Ten: the services the village misses most"
# the services named in seed 002's account of the Tackley Top Ten, in its order
SERVICES = [
    "Post Office",
    "Basic groceries",
    "Newspapers and magazines",
    "Fresh and home-made produce",
    "Pharmacy",
    "Lottery tickets",
    "Dry cleaning",
    "Off licence",
]
# illustrative paper forms: each one's top three, best first
FORMS = (
    ("Post Office", "Basic groceries", "Pharmacy"),
    ("Basic groceries", "Post Office", "Fresh and home-made produce"),
    ("Post Office", "Newspapers and magazines", "Basic groceries"),
    ("Pharmacy", "Post Office", "Basic groceries"),
    ("Basic groceries", "Fresh and home-made produce", "Post Office"),
    ("Post Office", "Basic groceries", "Off licence"),
)


def load(demo: "Demo") -> None:
    if Survey.objects.filter(initiative__slug=SLUG, title=TITLE).exists():
        return
    initiative = demo.initiative(SLUG)
    coordinator = initiative.memberships.filter(is_coordinator=True).order_by("id")[0].user
    survey = services.survey_create(
        actor=coordinator,
        initiative=initiative,
        title=TITLE,
        purpose="needs",
        audience="members",
        introduction="Illustrative: after the village's shops, post office and pub closed, a "
        "small market research exercise asked which missing services were most needed "
        "(seed 002). The responses here are made up to show the survey working.",
    )
    Survey.objects.filter(pk=survey.pk).update(illustrative=True)
    ranking = services.question_add(
        actor=coordinator,
        survey=survey,
        kind="ranking",
        text="Which missing services does the village need most? Put your top three in order.",
        options=SERVICES,
        most=3,
        required=True,
    )
    survey = services.survey_set_status(actor=coordinator, survey=survey, status="open")
    for form in FORMS:
        services.response_enter_paper(
            actor=coordinator, survey=survey, answers={f"q{ranking.pk}": list(form)}
        )
    Response.objects.filter(survey=survey).update(illustrative=True)
    services.survey_set_status(actor=coordinator, survey=survey, status="closed")
