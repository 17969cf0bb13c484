"""Setting up a panel, its quotas and its pool; recommendations and the commissioning
body's answers (Decisions in the record); overdue answers; refusals of bad input."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import add_member, make_user
from coproduce.core.vocabulary import DecidingBody, DecisionKind, DecisionRule, Position, Side
from coproduce.panels import selectors, services
from coproduce.panels.models import (
    Answer,
    Category,
    Feature,
    Panel,
    PoolMember,
    Recommendation,
    Source,
)
from coproduce.panels.tests.conftest import Jury, make_panel, pool_csv
from coproduce.record.models import Decision

DAY = datetime.date(2026, 4, 2)


def test_a_minimum_above_its_maximum_is_refused(world) -> None:
    panel = make_panel(world, features={})
    with pytest.raises(ValidationError) as refused:
        services.feature_define(
            actor=world.coordinator,
            panel=panel,
            name="age",
            categories=[{"name": "young", "quota_min": 5, "quota_max": 3}],
        )
    assert refused.value.message_dict == {
        "quota_min": ["young: the minimum (5) is above the maximum (3)."]
    }
    assert not Feature.objects.exists()


def test_minimums_above_the_size_are_refused(world) -> None:
    panel = make_panel(world, size=8, features={})
    with pytest.raises(ValidationError) as refused:
        services.feature_define(
            actor=world.coordinator,
            panel=panel,
            name="area",
            categories=[
                {"name": "north", "quota_min": 5, "quota_max": 8},
                {"name": "south", "quota_min": 4, "quota_max": 8},
            ],
        )
    assert refused.value.message_dict == {
        "quota_min": ["area: the minimums add up to 9, more than the panel's 8 places."]
    }
    assert not Category.objects.exists()


@pytest.mark.parametrize("size", [0, -1, 10**9, "8", 8.5, True])
def test_a_size_out_of_range_is_refused(world, size) -> None:
    with pytest.raises(ValidationError) as refused:
        make_panel(world, size=size, features={})
    assert refused.value.message_dict == {"size": ["Give a panel size between 1 and 1,000."]}
    assert not Panel.objects.exists()


def test_quotas_can_change_until_the_draw(jury: Jury) -> None:
    young = Category.objects.get(name="young")
    services.category_set_quota(
        actor=jury.world.coordinator, category=young, quota_min=1, quota_max=4, source="ONS"
    )
    young.refresh_from_db()
    assert (young.quota_min, young.quota_max, young.source) == (1, 4, "ONS")
    with pytest.raises(ValidationError, match=r"the minimum \(4\) is above the maximum \(2\)"):
        services.category_set_quota(
            actor=jury.world.coordinator, category=young, quota_min=4, quota_max=2
        )


def test_registration_needs_consent_and_known_categories(world) -> None:
    panel = make_panel(world)
    details = {"name": "Ana", "address": "1 Mill Lane", "postcode": "AB1 2CD"}
    answers = {"age": "young", "area": "north"}
    with pytest.raises(ValidationError) as refused:
        services.pool_register(
            actor=world.outsider, panel=panel, details=details, answers=answers, consent=False
        )
    assert refused.value.message_dict == {
        "consent": ["Tick the box to agree, or we cannot add you."]
    }
    with pytest.raises(ValidationError, match="“ancient” is not a category of age"):
        services.pool_register(
            actor=world.outsider,
            panel=panel,
            details=details,
            answers={"age": "ancient", "area": "north"},
            consent=True,
        )
    with pytest.raises(ValidationError, match="unknown feature"):
        services.pool_register(
            actor=world.outsider,
            panel=panel,
            details=details,
            answers={**answers, "income": "high"},
            consent=True,
        )
    assert not PoolMember.objects.exists()
    member = services.pool_register(
        actor=world.outsider, panel=panel, details=details, answers=answers, consent=True
    )
    assert member.source == Source.FORM
    assert member.consent_text == "I agree to be contacted about the panel."
    assert member.consented_at is not None
    assert sorted(c.name for c in member.categories.all()) == ["north", "young"]


def test_an_import_with_an_unknown_category_adds_no_one(world) -> None:
    panel = make_panel(world)
    text = pool_csv(5) + "\nR6,Person 6,,6 Mill Lane,AB1 2CD,ancient,north"
    with pytest.raises(ValidationError) as refused:
        services.pool_import(
            actor=world.coordinator, panel=panel, csv_text=text, consent_confirmed=True
        )
    assert refused.value.message_dict == {"file": ["Row 7: “ancient” is not a category of age."]}
    assert not PoolMember.objects.exists()


def test_an_import_with_an_unknown_column_is_refused(world) -> None:
    panel = make_panel(world)
    text = pool_csv(3).replace("reference,", "income,", 1)
    with pytest.raises(ValidationError, match="Unknown column"):
        services.pool_import(
            actor=world.coordinator, panel=panel, csv_text=text, consent_confirmed=True
        )
    with pytest.raises(ValidationError, match="Confirm that everyone"):
        services.pool_import(
            actor=world.coordinator, panel=panel, csv_text=pool_csv(3), consent_confirmed=False
        )
    assert not PoolMember.objects.exists()


def test_only_coordinators_import(world) -> None:
    panel = make_panel(world)
    for person in (world.member, world.outsider, world.other_coordinator):
        with pytest.raises(PermissionDenied):
            services.pool_import(
                actor=person, panel=panel, csv_text=pool_csv(3), consent_confirmed=True
            )
    assert not PoolMember.objects.exists()


def recommend(jury: Jury, **extra: Any) -> Recommendation:
    fields: dict[str, Any] = {
        "text": "Fix damp first.",
        "votes_for": 9,
        "votes_against": 2,
        "votes_abstaining": 1,
        "voted_on": datetime.date(2026, 3, 31),
    }
    return services.recommendation_add(
        actor=jury.world.coordinator, panel=jury.panel, **(fields | extra)
    )


def test_an_answer_is_a_decision_of_the_commissioning_side(jury: Jury) -> None:
    recommendation = recommend(jury)
    answer = services.recommendation_answer(
        actor=jury.world.coordinator,
        recommendation=recommendation,
        response="accepted_in_part",
        reasons="Damp first, within 28 days rather than 14.",
        answered_on=DAY,
    )
    decision = Decision.objects.get(pk=answer.decision_id)
    assert decision.title == "Repairs jury, recommendation 1: Accepted in part"
    assert decision.outcome == "Damp first, within 28 days rather than 14."
    assert decision.initiated_by_side == Side.CITIZEN
    assert decision.decided_by == DecidingBody.PROFESSIONALS
    assert decision.rule == DecisionRule.PROFESSIONAL_SIGN_OFF
    assert decision.carried is True
    assert decision.kind == DecisionKind.DECISION
    assert decision.source == recommendation
    assert list(decision.participants.values_list("person", "position")) == [
        (jury.world.coordinator.pk, Position.FOR)
    ]
    with pytest.raises(ValidationError, match="has been answered"):
        services.recommendation_answer(
            actor=jury.world.coordinator,
            recommendation=recommendation,
            response="rejected",
            reasons="Changed our mind.",
            answered_on=DAY,
        )
    assert Answer.objects.count() == 1


def test_a_named_representative_answers_and_a_rejection_excludes(jury: Jury) -> None:
    councillor = make_user("councillor")
    add_member(jury.world.initiative, councillor, side=Side.POLITICAL, role="councillor")
    Panel.objects.filter(pk=jury.panel.pk).update(representative=councillor)
    jury.panel.refresh_from_db()
    recommendation = recommend(jury)
    with pytest.raises(PermissionDenied):
        services.recommendation_answer(
            actor=jury.world.member,
            recommendation=recommendation,
            response="accepted",
            reasons="Yes.",
            answered_on=DAY,
        )
    answer = services.recommendation_answer(
        actor=councillor,
        recommendation=recommendation,
        response="rejected",
        reasons="No budget this year.",
        answered_on=DAY,
    )
    decision = answer.decision
    assert (decision.decided_by, decision.rule, decision.carried, decision.kind) == (
        DecidingBody.POLITICIANS,
        DecisionRule.POLITICAL_DECISION,
        False,
        DecisionKind.EXCLUSION,
    )


def test_an_unanswered_recommendation_is_overdue_after_the_due_day(jury: Jury) -> None:
    recommend(jury)
    assert selectors.answers_overdue(jury.panel, today=datetime.date(2026, 5, 1)) is False
    assert selectors.answers_overdue(jury.panel, today=datetime.date(2026, 5, 2)) is True


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"votes_for": -1}, {"votes_for": ["Give a number of votes between 0 and 100,000."]}),
        (
            {"votes_for": 0, "votes_against": 0, "votes_abstaining": 0},
            {"votes_for": ["Give the votes cast."]},
        ),
        (
            {"voted_on": datetime.date(1850, 1, 1)},
            {"voted_on": ["Give a date from 1 January 2000 on."]},
        ),
        ({"text": "x" * 4001}, {"text": ["Write at most 4,000 characters."]}),
    ],
)
def test_bad_recommendations_are_refused(jury: Jury, fields, message) -> None:
    with pytest.raises(ValidationError) as refused:
        recommend(jury, **fields)
    assert refused.value.message_dict == message
    assert not jury.panel.recommendations.exists()


def test_evidence_needs_a_link_or_text_and_a_speaker_a_role(jury: Jury) -> None:
    with pytest.raises(ValidationError, match="Give a link"):
        services.evidence_add(
            actor=jury.world.coordinator, panel=jury.panel, kind="document", title="Report"
        )
    with pytest.raises(ValidationError, match="role"):
        services.evidence_add(
            actor=jury.world.coordinator, panel=jury.panel, kind="speaker", title="Dr Jones"
        )
    services.evidence_add(
        actor=jury.world.coordinator,
        panel=jury.panel,
        kind="speaker",
        title="Dr Jones",
        detail="Housing officer",
    )
    assert list(jury.panel.evidence.values_list("title", "detail")) == [
        ("Dr Jones", "Housing officer")
    ]
