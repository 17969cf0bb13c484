"""A needs survey in the world's initiative: a single choice, a conditional follow-up, a
multiple choice, a rating, a ranking (top 2 of 3), a number, a text and an equality
question, opened for members."""

from dataclasses import dataclass
from typing import Any

import pytest

from conftest import World, add_member, make_user
from coproduce.accounts.models import User
from coproduce.surveys import services
from coproduce.surveys.models import Question, Survey

SHOP, BUS, CAFE = "Village shop", "Bus service", "Cafe"


@dataclass
class Built:
    survey: Survey
    need: Question  # single choice, required
    why_bus: Question  # short text, asked only if need is "Bus service", required
    extras: Question  # multiple choice, at most 2
    rating: Question  # 1 to 5
    ranking: Question  # top 2 of 3
    hours: Question  # number 0 to 200
    comment: Question  # long text
    age: Question  # equality (age band)

    def q(self, question: Question) -> str:
        return f"q{question.pk}"


def build(world: World, *, audience: str = "members", purpose: str = "needs") -> Built:
    survey = services.survey_create(
        actor=world.coordinator,
        initiative=world.initiative,
        title="What the village needs",
        purpose=purpose,
        audience=audience,
    )
    add = lambda **kw: services.question_add(actor=world.coordinator, survey=survey, **kw)  # noqa: E731
    need = add(
        kind="single",
        text="What is most missing?",
        options=[SHOP, BUS, CAFE],
        required=True,
        section="Needs",
    )
    why_bus = add(
        kind="short_text",
        text="Where should the bus go?",
        required=True,
        shown_if=need,
        shown_if_option=1,
    )
    built = Built(
        survey=survey,
        need=need,
        why_bus=why_bus,
        extras=add(kind="multiple", text="What else?", options=[SHOP, BUS, CAFE], most=2),
        rating=add(kind="rating", text="How good is the village now?"),
        ranking=add(
            kind="ranking", text="Put the top two in order", options=[SHOP, BUS, CAFE], most=2
        ),
        hours=add(kind="number", text="Hours you could give a month", low=0, high=200),
        comment=add(kind="long_text", text="Anything else?"),
        age=add(kind="equality", text="Your age", characteristic="age_band"),
    )
    services.survey_set_status(actor=world.coordinator, survey=survey, status="open")
    survey.refresh_from_db()
    return built


@pytest.fixture
def built(world: World) -> Built:
    return build(world)


def members(world: World, count: int, prefix: str = "resident") -> list[User]:
    people = [make_user(f"{prefix}{i}", display_name=f"Resident {i}") for i in range(count)]
    for person in people:
        add_member(world.initiative, person)
    return people


def answer(built: Built, person: Any, **given: Any) -> Any:
    """A response with the required answer (a shop) unless ``given`` says otherwise."""
    answers = {built.q(built.need): SHOP}
    answers.update({built.q(getattr(built, k)): v for k, v in given.items() if k != "consent"})
    return services.response_submit(
        actor=person, survey=built.survey, answers=answers, consent=given.get("consent", False)
    )
