"""Coordinators answer what raters said, publicly ("you said, we did"), perhaps pointing at
the decision it led to: a standing decision of the same initiative."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World
from coproduce.ratings import selectors, services
from coproduce.ratings.models import FeedbackAnswer, Rating
from coproduce.ratings.tests.conftest import Things, as_text
from coproduce.record import services as record
from coproduce.record.models import Decision


def _decision(world: World, initiative=None, actor=None) -> Decision:
    initiative = initiative or world.initiative
    return record.decision_record(
        actor=actor or world.coordinator,
        initiative=initiative,
        stage=initiative.stages.get(),
        title="Repairs get an arrival window",
        decided_by="joint",
        rule="consensus",
        decided_on=datetime.date(2026, 3, 2),
        initiated_by_side="citizen",
    )


@pytest.fixture
def said(world: World, things: Things) -> Rating:
    return services.rating_give(
        actor=world.member, thing=things.service, stars=2, comment="We waited in all day."
    )


def test_a_coordinator_answers_pointing_at_a_decision(world: World, said: Rating) -> None:
    decision = _decision(world)
    answer = services.feedback_answer(
        actor=world.coordinator,
        rating=said,
        text="Contractors give a window.",
        decision=decision.pk,
    )
    assert (answer.said, answer.text, answer.decision_id) == (
        "We waited in all day.",
        "Contractors give a window.",
        decision.pk,
    )
    [shown] = selectors.you_said_we_did(world.initiative)
    assert shown["decision__title"] == "Repairs get an arrival window"
    assert shown["thing_title"] == world.initiative.title
    page = as_text(Client().get(reverse("ratings:you_said_we_did", args=[world.initiative.slug])))
    assert "We waited in all day." in page and "Repairs get an arrival window" in page


def test_answering_again_changes_the_answer_in_place(world: World, said: Rating) -> None:
    first = services.feedback_answer(actor=world.coordinator, rating=said, text="Looking into it.")
    services.rating_give(
        actor=world.member, thing=services_thing(world), stars=3, comment="Still waiting."
    )
    second = services.feedback_answer(actor=world.coordinator, rating=said, text="Fixed.")
    assert second.pk == first.pk and FeedbackAnswer.objects.count() == 1
    assert (second.said, second.text, second.answered_at) == (
        "Still waiting.",
        "Fixed.",
        first.answered_at,
    )


def services_thing(world: World):
    from coproduce.ratings.things import find

    return find(world.initiative, "service", world.initiative.pk)


@pytest.mark.parametrize("who", ["member", "staff", "other_coordinator", "outsider"])
def test_only_its_coordinators_answer(world: World, said: Rating, who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.feedback_answer(actor=getattr(world, who), rating=said, text="Done.")
    assert not FeedbackAnswer.objects.exists()


def test_the_decision_must_be_the_initiative_s_and_stand(world: World, said: Rating) -> None:
    elsewhere = _decision(world, world.other, world.other_coordinator)
    withdrawn = _decision(world)
    record.decision_reverse(actor=world.coordinator, decision=withdrawn, reason="In error")
    reversal = Decision.objects.get(reverses=withdrawn)
    for decision in (elsewhere.pk, withdrawn.pk, reversal.pk, 10**9, True, "1", 2**63):
        with pytest.raises(ValidationError) as error:
            services.feedback_answer(
                actor=world.coordinator, rating=said, text="Done.", decision=decision
            )
        assert list(error.value.message_dict) == ["decision"], decision
    assert not FeedbackAnswer.objects.exists()


def test_what_cannot_be_answered(world: World, things: Things) -> None:
    silent = services.rating_give(actor=things.volunteer, thing=things.shift, stars=4)
    private = services.rating_give(
        actor=things.supported, thing=things.session, stars=1, comment="Late."
    )
    for rating in (silent, private):
        with pytest.raises(ValidationError) as error:
            services.feedback_answer(actor=world.coordinator, rating=rating, text="Done.")
        assert list(error.value.message_dict) == ["rating"]
    with pytest.raises(ValidationError) as error:
        services.feedback_answer(
            actor=world.coordinator,
            rating=Rating.objects.get(pk=private.pk),
            text="   ",
        )
    assert not FeedbackAnswer.objects.exists()


def test_the_answer_page_shows_the_comment_not_the_rater(world: World, said: Rating) -> None:
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("ratings:answer", args=[world.initiative.slug, said.pk])
    page = as_text(client.get(url))
    assert "We waited in all day." in page and "Mo Member" not in page
    response = client.post(url, {"text": ""})
    assert response.status_code == 400 and "There is a problem" in as_text(response)
    response = client.post(url, {"text": "Mended."})
    assert response.status_code == 302
    assert FeedbackAnswer.objects.get().text == "Mended."


def test_session_ratings_are_seen_only_by_those_in_it_and_who_run_it(
    world: World, things: Things
) -> None:
    services.rating_give(actor=things.supported, thing=things.session, stars=1, comment="Late.")
    url = reverse("ratings:thing", args=[world.initiative.slug, "session", things.session.pk])
    expected = {
        world.member: 404,
        things.volunteer: 404,
        world.other_coordinator: 404,
        things.supported: 200,
        world.coordinator: 200,
        world.staff: 200,
    }
    for person, status in expected.items():
        client = Client()
        client.force_login(person)
        assert client.get(url).status_code == status, person
    assert Client().get(url).status_code == 404
    listed = Client().get(f"/api/v1/initiatives/{world.initiative.slug}/ratings/").json()
    assert listed["count"] == 0
