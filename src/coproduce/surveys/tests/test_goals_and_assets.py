"""Acting on results: a needs survey's options become goals in one step, each a decision in
the record; an assets survey's offers make the members-only asset list and its hook."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import World
from coproduce.initiatives.models import Goal
from coproduce.record.models import Decision
from coproduce.surveys import selectors, services

from .conftest import BUS, CAFE, SHOP, Built, build, members


def test_adopting_options_makes_goals_each_a_decision_naming_who_adopted(
    world: World, built: Built
) -> None:
    goals = services.survey_adopt_goals(
        actor=world.coordinator, survey=built.survey, question=built.ranking, options=[CAFE, SHOP]
    )
    assert [g.text for g in goals] == [CAFE, SHOP]
    decisions = Decision.objects.filter(title__startswith="Goal adopted").order_by("id")
    assert [d.title for d in decisions] == [
        f"Goal adopted from the survey \u201cWhat the village needs\u201d: {CAFE}",
        f"Goal adopted from the survey \u201cWhat the village needs\u201d: {SHOP}",
    ]
    assert {(d.initiated_by, d.rule, d.stage.kind) for d in decisions} == {
        (world.coordinator, "delegated", "co_planning")
    }
    assert [(d.source_type and d.source_type.model, d.source_id) for d in decisions] == [
        ("goal", g.pk) for g in goals
    ]


def test_adoption_is_refused_for_members_unknown_options_and_goals_already_held(
    world: World, built: Built
) -> None:
    with pytest.raises(PermissionDenied):
        services.survey_adopt_goals(
            actor=world.member, survey=built.survey, question=built.need, options=[BUS]
        )
    with pytest.raises(ValidationError) as error:
        services.survey_adopt_goals(
            actor=world.coordinator, survey=built.survey, question=built.need, options=["Pool"]
        )
    assert error.value.message_dict == {"options": ["Choose options of the question, each once."]}
    services.survey_adopt_goals(
        actor=world.coordinator, survey=built.survey, question=built.need, options=[BUS]
    )
    with pytest.raises(ValidationError) as error:
        services.survey_adopt_goals(
            actor=world.coordinator, survey=built.survey, question=built.need, options=[SHOP, BUS]
        )
    assert error.value.message_dict == {"options": [f"\u201c{BUS}\u201d is a goal already."]}
    assert list(Goal.objects.values_list("text", flat=True)) == [BUS]


def test_an_assets_surveys_offers_make_the_asset_list_and_its_hook(world: World) -> None:
    survey = services.survey_create(
        actor=world.coordinator,
        initiative=world.initiative,
        title="What can you offer?",
        purpose="assets",
        audience="link",
    )
    skills = services.question_add(
        actor=world.coordinator,
        survey=survey,
        kind="short_text",
        text="Your skills",
        asset_kind="skills",
    )
    hours = services.question_add(
        actor=world.coordinator,
        survey=survey,
        kind="number",
        text="Hours a month",
        low=0,
        high=100,
        asset_kind="time",
    )
    survey = services.survey_set_status(actor=world.coordinator, survey=survey, status="open")
    carpenter, gardener = members(world, 2)
    services.response_submit(
        actor=carpenter, survey=survey, answers={f"q{skills.pk}": "Carpentry", f"q{hours.pk}": 6}
    )
    services.response_submit(actor=gardener, survey=survey, answers={f"q{skills.pk}": "Gardening"})
    services.response_submit(
        actor=world.outsider, survey=survey, answers={f"q{skills.pk}": "Plumbing"}
    )
    offers = selectors.asset_offers(world.initiative)
    assert [(o.name, o.kind, o.offer) for o in offers] == [
        ("Resident 0", "Skills", "Carpentry"),
        ("Resident 0", "Time a month (hours)", "6 hours a month"),
        ("Resident 1", "Skills", "Gardening"),
    ]
    assert selectors.people_offering(world.initiative, "garden") == [gardener.pk]
    assert [o.offer for o in selectors.asset_offers(world.initiative, kind="time")] == [
        "6 hours a month"
    ]


def test_only_an_assets_survey_asks_for_offers(world: World) -> None:
    built = build(world, purpose="needs")
    with pytest.raises(ValidationError):
        services.question_add(
            actor=world.coordinator,
            survey=built.survey,
            kind="short_text",
            text="Skills",
            asset_kind="skills",
        )


def test_adopting_options_as_pb_proposals_goes_through_budgetings_service(
    world: World, built: Built
) -> None:
    from coproduce.budgeting.models import Proposal
    from coproduce.budgeting.tests.conftest import make_pb

    pb = make_pb(world)
    before = Proposal.objects.count()
    made = services.survey_adopt_proposals(
        actor=world.coordinator,
        survey=built.survey,
        question=built.ranking,
        budget=pb.north,
        costs={CAFE: 25_000},
    )
    assert [(p.title, p.estimated_cost, p.budget) for p in made] == [(CAFE, 25_000, pb.north)]
    assert Proposal.objects.count() == before + 1
    decision = Decision.objects.get(title__startswith="Proposal adopted")
    assert (decision.source_id, decision.initiated_by) == (made[0].pk, world.coordinator)
    with pytest.raises(ValidationError) as error:
        services.survey_adopt_proposals(
            actor=world.coordinator,
            survey=built.survey,
            question=built.ranking,
            budget=pb.north,
            costs={SHOP: 10**9},
        )
    assert error.value.message_dict == {
        "costs": [
            "Give the cost of \u201cVillage shop\u201d as more than nothing and within the "
            "budget (\u00a31,000.00)."
        ]
    }
    assert Proposal.objects.count() == before + 1
    decisions = Decision.objects.count()
    with pytest.raises(ValidationError) as error:  # an option is proposed to a budget once
        services.survey_adopt_proposals(
            actor=world.coordinator,
            survey=built.survey,
            question=built.ranking,
            budget=pb.north,
            costs={SHOP: 5_000, CAFE: 25_000},
        )
    assert error.value.message_dict == {
        "options": [f"\u201c{CAFE}\u201d is a proposal of this budget already."]
    }
    assert (Proposal.objects.count(), Decision.objects.count()) == (before + 1, decisions)
