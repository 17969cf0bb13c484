"""Posting, commenting, supporting, moderating and answering ideas, through the services."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import World
from coproduce.budgeting.models import Process, Proposal
from coproduce.budgeting.services import phase_advance
from coproduce.budgeting.tests.conftest import make_pb
from coproduce.core.vocabulary import DecidingBody, DecisionKind, Side, StageKind
from coproduce.ideas import services
from coproduce.ideas.models import Answer, Comment, Idea, IdeaStatus, ModerationEntry, Support
from coproduce.ideas.tests.conftest import members, post
from coproduce.initiatives.services import membership_leave
from coproduce.record.models import Contribution, Decision


def test_posting_an_idea_is_a_co_planning_contribution_of_the_authors_side(world: World) -> None:
    idea = post(world)
    contribution = Contribution.objects.get()
    assert (contribution.kind, contribution.unit, contribution.quantity) == ("idea", "count", 1)
    assert contribution.contributor == world.member
    assert contribution.side == Side.CITIZEN
    assert contribution.stage.kind == StageKind.CO_PLANNING
    assert contribution.source_type is not None
    assert (contribution.source_type.model, contribution.source_id) == ("idea", idea.pk)
    assert idea.stage == contribution.stage
    assert contribution.description == f"Idea #{idea.pk}"  # no title, which may be hidden
    assert idea.author_side == Side.CITIZEN


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"text": "  "}, "text"),
        ({"text": "a\x00b"}, "text"),
        ({"category": "weather"}, "category"),
    ],
)
def test_bad_ideas_are_refused_on_their_field_and_nothing_is_written(
    world: World, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        post(world, **fields)
    assert field in raised.value.message_dict
    assert Idea.objects.count() == 0
    assert Contribution.objects.count() == 0


def test_only_active_members_post(world: World) -> None:
    for person in (world.outsider, world.other_coordinator, world.staff):
        with pytest.raises(PermissionDenied):
            post(world, author=person)
    assert Idea.objects.count() == 0


def test_support_is_once_per_member_withdrawable_and_never_ones_own(world: World) -> None:
    idea = post(world)
    (other,) = members(world, 1)
    services.idea_support(actor=other, idea=idea)
    with pytest.raises(ValidationError, match="already support"):
        services.idea_support(actor=other, idea=idea)
    assert Support.objects.filter(idea=idea).count() == 1
    with pytest.raises(PermissionDenied):
        services.idea_support(actor=world.member, idea=idea)
    with pytest.raises(PermissionDenied):
        services.idea_support(actor=world.outsider, idea=idea)
    services.idea_unsupport(actor=other, idea=idea)
    assert Support.objects.filter(idea=idea).count() == 0
    with pytest.raises(ValidationError, match="do not support"):
        services.idea_unsupport(actor=other, idea=idea)


def test_comments_by_members_only(world: World) -> None:
    idea = post(world)
    comment = services.idea_comment(actor=world.coordinator, idea=idea, text="  Good one. ")
    assert comment.text == "Good one."
    with pytest.raises(PermissionDenied):
        services.idea_comment(actor=world.outsider, idea=idea, text="Spam")
    with pytest.raises(ValidationError) as raised:
        services.idea_comment(actor=world.member, idea=idea, text="x" * 2001)
    assert "text" in raised.value.message_dict
    assert Comment.objects.count() == 1


def test_hiding_needs_a_reason_keeps_everything_and_logs_it(world: World) -> None:
    idea = post(world)
    comment = services.idea_comment(actor=world.member, idea=idea, text="Rude words")
    with pytest.raises(ValidationError) as raised:
        services.idea_hide(actor=world.coordinator, idea=idea, reason=" ")
    assert "reason" in raised.value.message_dict
    with pytest.raises(PermissionDenied):
        services.idea_hide(actor=world.member, idea=idea, reason="Mine")
    with pytest.raises(PermissionDenied):
        services.idea_hide(actor=world.staff, idea=idea, reason="Staff")
    services.idea_hide(actor=world.coordinator, idea=idea, reason="Names a neighbour.")
    services.comment_hide(actor=world.coordinator, comment=comment, reason="Abusive.")
    idea.refresh_from_db()
    comment.refresh_from_db()
    assert (idea.hidden_reason, idea.text) == ("Names a neighbour.", "Racks by the shops.")
    assert (comment.hidden_reason, comment.text) == ("Abusive.", "Rude words")
    services.idea_unhide(actor=world.coordinator, idea=idea, reason="Name removed.")
    idea.refresh_from_db()
    assert idea.hidden_reason == ""
    log = list(ModerationEntry.objects.order_by("id").values_list("action", "reason", "comment"))
    assert log == [
        ("hide", "Names a neighbour.", None),
        ("hide", "Abusive.", comment.pk),
        ("unhide", "Name removed.", None),
    ]
    with pytest.raises(PermissionError):
        ModerationEntry.objects.first().delete()  # type: ignore[union-attr]


def test_merging_carries_supporters_once_and_logs_it(world: World) -> None:
    kept = post(world, title="Benches")
    a, b, c = members(world, 3)
    duplicate = post(world, author=a, title="More benches")
    services.idea_support(actor=b, idea=kept)
    for person in (b, c, world.member):  # the kept idea's author supports the duplicate
        services.idea_support(actor=person, idea=duplicate)
    services.idea_merge(actor=world.coordinator, idea=duplicate, into=kept, reason="Same idea.")
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (IdeaStatus.MERGED, kept)
    assert set(Support.objects.filter(idea=kept).values_list("person", flat=True)) == {b.pk, c.pk}
    entry = ModerationEntry.objects.get()
    assert (entry.action, entry.merged_into, entry.reason) == ("merge", kept, "Same idea.")
    with pytest.raises(ValidationError, match="merged"):
        services.idea_support(actor=world.coordinator, idea=duplicate)
    with pytest.raises(ValidationError):
        services.idea_merge(actor=world.coordinator, idea=kept, into=duplicate, reason="Back")
    with pytest.raises(ValidationError):
        services.idea_merge(actor=world.coordinator, idea=kept, into=kept, reason="Self")


def test_an_idea_is_not_merged_into_another_initiatives(world: World) -> None:
    idea = post(world)
    outsider_idea = services.idea_post(
        actor=world.other_coordinator,
        initiative=world.other,
        title="Elsewhere",
        text="Other place.",
        category="other",
    )
    with pytest.raises(ValidationError) as raised:
        services.idea_merge(actor=world.coordinator, idea=idea, into=outsider_idea, reason="x")
    assert "into" in raised.value.message_dict
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.NEW


def test_an_answer_is_a_decision_initiated_by_the_authors_side(world: World) -> None:
    idea = post(world)
    answer = services.idea_answer(actor=world.coordinator, idea=idea, status="into_design")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.INTO_DESIGN
    decision = Decision.objects.get()
    assert decision.initiated_by == world.member
    assert decision.initiated_by_side == Side.CITIZEN
    assert decision.decided_by == DecidingBody.PROFESSIONALS
    assert decision.rule == "delegated"
    assert decision.kind == DecisionKind.DECISION
    assert decision.title == f"Idea #{idea.pk}: taken into design"
    assert decision.source_type is not None
    assert (decision.source_type.model, decision.source_id) == ("answer", answer.pk)
    participant = decision.participants.get()
    assert (participant.person, participant.side) == (world.coordinator, Side.REGULAR_PRODUCER)


def test_not_taken_forward_needs_a_reason_and_is_an_exclusion(world: World) -> None:
    idea = post(world)
    with pytest.raises(ValidationError) as raised:
        services.idea_answer(actor=world.coordinator, idea=idea, status="not_taken_forward")
    assert "reason" in raised.value.message_dict
    assert Decision.objects.count() == 0
    services.idea_answer(
        actor=world.coordinator, idea=idea, status="not_taken_forward", reason="No land."
    )
    decision = Decision.objects.get()
    assert (decision.kind, decision.outcome) == (DecisionKind.EXCLUSION, "No land.")


def test_into_pb_names_a_process_of_the_same_initiative(world: World) -> None:
    idea = post(world)
    ours = make_pb(world)
    decisions = Decision.objects.count()
    theirs = Process.objects.create(initiative=world.other, stage=world.other_stage, title="PB")
    for process in (theirs.pk, "1", True):
        with pytest.raises(ValidationError) as raised:
            services.idea_answer(
                actor=world.coordinator, idea=idea, status="into_pb", process=process
            )
        assert raised.value.message_dict == {"process": ["Choose a PB process of this initiative."]}
    with pytest.raises(ValidationError) as raised:
        services.idea_answer(actor=world.coordinator, idea=idea, status="into_pb")
    assert raised.value.message_dict == {"budget": ["Choose the PB budget the idea goes into."]}
    with pytest.raises(ValidationError) as raised:  # two budgets: say which
        services.idea_answer(
            actor=world.coordinator, idea=idea, status="into_pb", process=ours.process.pk
        )
    assert raised.value.message_dict == {"budget": ["Choose the budget the idea goes into."]}
    assert (Answer.objects.count(), Decision.objects.count()) == (0, decisions)


def test_into_pb_makes_the_idea_a_proposal_of_the_budget_linked_to_the_answer(
    world: World,
) -> None:
    idea = post(world, title="Cycle racks")
    pb = make_pb(world)
    before = Proposal.objects.count()
    answer = services.idea_answer(
        actor=world.coordinator,
        idea=idea,
        status="into_pb",
        reason="A good fit for the North budget.",
        budget=pb.north.pk,
        estimated_cost=12_345,
    )
    proposal = Proposal.objects.get(idea_answers=answer)
    assert Proposal.objects.count() == before + 1
    assert (answer.process, answer.status) == (pb.process, "into_pb")
    assert (proposal.budget, proposal.title, proposal.estimated_cost) == (
        pb.north,
        "Cycle racks",
        12_345,
    )
    assert proposal.description == (
        f"Racks by the shops.\n\nFrom the idea \u201cCycle racks\u201d (idea #{idea.pk})."
    )
    assert (proposal.author, proposal.category) == (world.coordinator, "Places and buildings")
    assert list(proposal.idea_answers.all()) == [answer]
    decision = Decision.objects.get(
        title=f"Idea #{idea.pk}: into a participatory budgeting process"
    )
    assert (decision.initiated_by, decision.initiated_by_side) == (world.member, Side.CITIZEN)
    assert (decision.source_id, decision.outcome) == (answer.pk, "A good fit for the North budget.")


def test_into_pb_is_refused_while_the_process_takes_no_proposals_or_the_cost_is_wrong(
    world: World,
) -> None:
    idea = post(world)
    pb = make_pb(world)
    before = Proposal.objects.count()
    for cost, message in [
        (None, "Give the estimated cost of the idea as a proposal."),
        (0, "The cost must be more than nothing and within the budget (\u00a31,000.00)."),
        (100_001, "The cost must be more than nothing and within the budget (\u00a31,000.00)."),
    ]:
        with pytest.raises(ValidationError) as raised:
            services.idea_answer(
                actor=world.coordinator,
                idea=idea,
                status="into_pb",
                budget=pb.north.pk,
                estimated_cost=cost,
            )
        assert raised.value.message_dict == {"estimated_cost": [message]}
    phase_advance(actor=world.coordinator, process=pb.process)  # to review
    decisions = Decision.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.idea_answer(
            actor=world.coordinator,
            idea=idea,
            status="into_pb",
            budget=pb.north.pk,
            estimated_cost=5_000,
        )
    assert raised.value.message_dict == {
        "budget": [
            "The PB process \u201cRiverside decides\u201d is not taking proposals (it is in "
            "its feasibility review phase). Choose a process open for proposals, or open this "
            "one for proposals on its management page first."
        ]
    }
    assert Proposal.objects.count() == before
    assert (Answer.objects.count(), Decision.objects.count()) == (0, decisions)
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.NEW


def test_only_coordinators_answer_and_answers_keep_their_history(world: World) -> None:
    idea = post(world)
    for person in (world.member, world.staff, world.other_coordinator):
        with pytest.raises(PermissionDenied):
            services.idea_answer(actor=person, idea=idea, status="into_design")
    with pytest.raises(ValidationError) as raised:
        services.idea_answer(actor=world.coordinator, idea=idea, status="merged")
    assert "status" in raised.value.message_dict
    services.idea_answer(actor=world.coordinator, idea=idea, status="under_consideration")
    services.idea_answer(actor=world.coordinator, idea=idea, status="into_design")
    assert list(Answer.objects.order_by("id").values_list("status", flat=True)) == [
        "under_consideration",
        "into_design",
    ]
    assert Decision.objects.count() == 2


def test_an_author_who_left_still_initiates_by_their_side(world: World) -> None:
    (author,) = members(world, 1)
    idea = post(world, author=author)
    membership_leave(actor=author, initiative=world.initiative)
    services.idea_answer(actor=world.coordinator, idea=idea, status="under_consideration")
    decision = Decision.objects.get()
    assert (decision.initiated_by, decision.initiated_by_side) == (None, Side.CITIZEN)


def test_an_idea_becomes_a_proposal_once(world: World) -> None:
    idea = post(world, title="Cycle racks")
    pb = make_pb(world)
    services.idea_answer(
        actor=world.coordinator,
        idea=idea,
        status="into_pb",
        budget=pb.north.pk,
        estimated_cost=9_000,
    )
    services.idea_answer(actor=world.coordinator, idea=idea, status="into_design")
    before = (Proposal.objects.count(), Answer.objects.count(), Decision.objects.count())
    with pytest.raises(ValidationError) as raised:
        services.idea_answer(
            actor=world.coordinator,
            idea=idea,
            status="into_pb",
            budget=pb.city.pk,
            estimated_cost=9_000,
        )
    assert raised.value.message_dict == {
        "budget": [
            "This idea is already the proposal \u201cCycle racks\u201d; open that proposal to "
            "change it rather than proposing the idea twice."
        ]
    }
    assert (Proposal.objects.count(), Answer.objects.count(), Decision.objects.count()) == before
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.INTO_DESIGN


def test_a_hidden_idea_is_not_put_to_a_vote(world: World) -> None:
    idea = post(world, title="Cycle racks")
    pb = make_pb(world)
    services.idea_hide(actor=world.coordinator, idea=idea, reason="Names a neighbour.")
    before = (Proposal.objects.count(), Answer.objects.count(), Decision.objects.count())
    with pytest.raises(ValidationError) as raised:
        services.idea_answer(
            actor=world.coordinator,
            idea=Idea.objects.get(pk=idea.pk),
            status="into_pb",
            budget=pb.north.pk,
            estimated_cost=9_000,
        )
    assert raised.value.message_dict == {
        "status": ["A hidden idea is not put to a vote: show it again first."]
    }
    assert (Proposal.objects.count(), Answer.objects.count(), Decision.objects.count()) == before
