"""Building a survey: coordinators only, questions only while a draft, each kind's terms
checked and a bad one refused naming its field."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import World
from coproduce.surveys import services
from coproduce.surveys.models import Question, Survey

from .conftest import Built


def _draft(world: World) -> Survey:
    return services.survey_create(
        actor=world.coordinator, initiative=world.initiative, title="Needs", purpose="needs"
    )


def test_a_survey_starts_as_a_draft_in_the_co_planning_stage(world: World) -> None:
    survey = _draft(world)
    assert (survey.status, survey.stage.kind, survey.audience) == (
        "draft",
        "co_planning",
        "members",
    )
    with pytest.raises(PermissionDenied):
        services.survey_create(
            actor=world.member, initiative=world.initiative, title="X", purpose="needs"
        )
    assert Survey.objects.count() == 1


@pytest.mark.parametrize(
    ("terms", "errors"),
    [
        ({"kind": "single", "options": ["Only one"]}, {"options": ["Give from 2 to 50 options."]}),
        ({"kind": "single", "options": ["A", "A"]}, {"options": ["Give each option once."]}),
        (
            {"kind": "ranking", "options": ["A", "B"], "most": 3},
            {"most": ["Give a whole number from 1 to 2."]},
        ),
        ({"kind": "rating", "high": 11}, {"high": ["Give a whole number from 2 to 10."]}),
        (
            {"kind": "number", "low": 5, "high": 1},
            {"high": ["Give a whole number from 5 to 1,000,000,000,000."]},
        ),
        (
            {"kind": "equality", "characteristic": "shoe_size"},
            {
                "characteristic": [
                    "Choose one of: age_band, gender, ethnic_group, disability, caring, "
                    "deprivation_band."
                ]
            },
        ),
        (
            {"kind": "sketch"},
            {
                "kind": [
                    "Choose one of: single, multiple, rating, ranking, number, short_text, "
                    "long_text, equality."
                ]
            },
        ),
        ({"kind": "short_text", "text": ""}, {"text": ["Write the question."]}),
    ],
)
def test_a_bad_question_is_refused_naming_its_field(
    world: World, terms: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    survey = _draft(world)
    with pytest.raises(ValidationError) as error:
        services.question_add(actor=world.coordinator, survey=survey, **{"text": "Q?", **terms})
    assert error.value.message_dict == errors
    assert Question.objects.count() == 0


def test_an_equality_question_takes_the_profiles_answers_and_is_never_required(
    world: World,
) -> None:
    survey = _draft(world)
    question = services.question_add(
        actor=world.coordinator,
        survey=survey,
        kind="equality",
        text="Age",
        characteristic="age_band",
        required=True,
    )
    assert question.required is False
    assert question.options[0] == "16 to 24" and question.options[-1] == "Prefer not to say"


def test_questions_change_only_in_a_draft_and_a_survey_opens_once_and_closes_for_good(
    world: World, built: Built
) -> None:
    with pytest.raises(ValidationError):
        services.question_add(
            actor=world.coordinator, survey=built.survey, kind="short_text", text="Late?"
        )
    with pytest.raises(ValidationError) as error:
        services.survey_set_status(actor=world.coordinator, survey=built.survey, status="open")
    assert error.value.message_dict == {"status": [services.ONLY_DRAFTS_OPEN]}
    closed = services.survey_set_status(
        actor=world.coordinator, survey=built.survey, status="closed"
    )
    assert closed.status == "closed"
    with pytest.raises(ValidationError) as error:
        services.survey_set_status(actor=world.coordinator, survey=closed, status="closed")
    assert error.value.message_dict == {"status": [services.ONLY_OPEN_CLOSE]}
    empty = _draft(world)
    with pytest.raises(ValidationError) as error:
        services.survey_set_status(actor=world.coordinator, survey=empty, status="open")
    assert error.value.message_dict == {"status": ["Add a question before opening the survey."]}
