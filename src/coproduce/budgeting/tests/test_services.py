"""PB end to end through the services: set-up, proposals, review, voting, counting."""

import datetime
import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_user
from coproduce.budgeting import ballots, elections, selectors, services
from coproduce.budgeting.ballots import Choice
from coproduce.budgeting.counting import tally
from coproduce.budgeting.models import (
    Ballot,
    BallotChoice,
    Budget,
    Process,
    Proposal,
    Support,
    Tally,
)
from coproduce.budgeting.tests.conftest import PB, make_pb, open_voting
from coproduce.record.models import Contribution, Decision


def ids(pb: PB, *names: str) -> list[Choice]:
    return [Choice(pb.proposals[n].pk) for n in names]


def test_only_coordinators_set_up_a_process_in_a_co_prioritisation_stage(world) -> None:
    design = world.stage  # the fixture's co-design stage
    with pytest.raises(ValidationError) as error:
        services.process_create(
            actor=world.coordinator,
            initiative=world.initiative,
            stage=design,
            title="PB",
            budgets=[("All", 100, "")],
        )
    assert "stage" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.process_create(
            actor=world.member,
            initiative=world.initiative,
            stage=design,
            title="PB",
            budgets=[("All", 100, "")],
        )
    assert Process.objects.count() == 0


def test_proposals_are_edited_by_their_author_until_the_phase_closes(pb: PB) -> None:
    benches = pb.proposals["benches"]
    services.proposal_edit(actor=pb.world.member, proposal=benches, estimated_cost=35_000)
    with pytest.raises(PermissionDenied):
        services.proposal_edit(actor=pb.world.coordinator, proposal=benches, title="Mine")
    with pytest.raises(ValidationError) as error:
        services.proposal_edit(actor=pb.world.member, proposal=benches, estimated_cost=100_001)
    assert "estimated_cost" in error.value.message_dict
    services.phase_advance(actor=pb.world.coordinator, process=pb.process)
    with pytest.raises(ValidationError) as error:
        services.proposal_edit(actor=pb.world.member, proposal=benches, title="Late")
    assert "phase" in error.value.message_dict
    benches.refresh_from_db()
    assert (benches.title, benches.estimated_cost) == ("Benches", 35_000)


def test_support_once_and_merge_carries_supports(pb: PB) -> None:
    services.proposal_support(actor=pb.world.outsider, proposal=pb.proposals["murals"])
    with pytest.raises(ValidationError):
        services.proposal_support(actor=pb.world.outsider, proposal=pb.proposals["murals"])
    services.proposal_merge(
        actor=pb.world.coordinator, proposal=pb.proposals["murals"], into=pb.proposals["benches"]
    )
    assert list(
        Support.objects.filter(proposal=pb.proposals["benches"]).values_list(
            "user__username", flat=True
        )
    ) == ["outsider"]
    with pytest.raises(ValidationError):
        services.proposal_merge(
            actor=pb.world.coordinator, proposal=pb.proposals["lights"], into=pb.proposals["pool"]
        )
    assert Proposal.objects.get(pk=pb.proposals["lights"].pk).status == "submitted"


def test_comments_while_proposals_are_discussed(client, pb: PB) -> None:
    benches = pb.proposals["benches"]
    client.force_login(pb.world.outsider)
    path = f"/pb/proposals/{benches.pk}/comment/"
    assert client.post(path, {"text": "Near the bus stop, please"}).status_code == 302
    blank = client.post(path, {"text": "   "})
    assert blank.status_code == 400
    assert "This field is required." in blank.content.decode()
    page = client.get(f"/pb/proposals/{benches.pk}/").content.decode()
    assert "Near the bus stop, please" in page
    open_voting(pb)
    with pytest.raises(ValidationError) as error:
        services.proposal_comment(actor=pb.world.member, proposal=benches, text="Late")
    assert "phase" in error.value.message_dict
    assert list(benches.comments.values_list("text", flat=True)) == ["Near the bus stop, please"]


def test_review_is_the_professional_sides_and_is_recorded(pb: PB) -> None:
    services.phase_advance(actor=pb.world.coordinator, process=pb.process)
    lights = pb.proposals["lights"]
    with pytest.raises(PermissionDenied):
        services.proposal_review(
            actor=pb.world.member, proposal=lights, feasible=False, reason="I say so"
        )
    assert Proposal.objects.get(pk=lights.pk).status == "submitted"
    services.proposal_review(
        actor=pb.world.coordinator,
        proposal=lights,
        feasible=True,
        reason="Costed with the lighting team",
        cost=75_000,
    )
    lights.refresh_from_db()
    assert (lights.status, lights.final_cost, lights.reviewed_by) == (
        "feasible",
        75_000,
        pb.world.coordinator,
    )
    review = Contribution.objects.get(kind="skills")
    assert (review.side, review.contributor) == ("regular_producer", pb.world.coordinator)
    services.proposal_reply(actor=pb.world.member, proposal=lights, reply="Thank you")
    assert Proposal.objects.get(pk=lights.pk).author_reply == "Thank you"


def test_proposals_and_votes_of_members_are_contributions(voting: PB) -> None:
    assert Contribution.objects.filter(kind="idea", side="citizen").count() == 5
    ballots.ballot_cast(
        actor=voting.world.member, budget=voting.north, choices=ids(voting, "benches")
    )
    ballots.ballot_cast(
        actor=voting.world.member, budget=voting.north, choices=ids(voting, "lights")
    )
    vote = Contribution.objects.get(kind="vote")
    assert (vote.contributor, vote.quantity, vote.unit) == (voting.world.member, 1, "count")
    assert "benches" not in vote.description.lower()  # the record keeps ballots secret


def test_voting_needs_a_feasible_proposal_in_every_budget(pb: PB) -> None:
    services.phase_advance(actor=pb.world.coordinator, process=pb.process)
    services.proposal_review(
        actor=pb.world.coordinator, proposal=pb.proposals["benches"], feasible=True, reason="Fine"
    )
    with pytest.raises(ValidationError) as error:
        services.phase_advance(actor=pb.world.coordinator, process=pb.process)
    assert error.value.message_dict == {
        "phase": ["Whole borough has no feasible proposal to vote on yet."]
    }
    assert Process.objects.get(pk=pb.process.pk).phase == "review"


def test_the_last_ballot_counts(voting: PB) -> None:
    ballots.ballot_cast(
        actor=voting.world.member, budget=voting.north, choices=ids(voting, "benches", "murals")
    )
    ballot = ballots.ballot_cast(
        actor=voting.world.member, budget=voting.north, choices=ids(voting, "lights")
    )
    assert Ballot.objects.count() == 1
    assert ballot.casts == 2
    assert list(BallotChoice.objects.values_list("proposal__title", flat=True)) == ["Lights"]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (("benches", "lights", "murals"), "Your choices cost £1,100.00, more than the £1,000.00"),
        (("benches", "benches"), "Choose each project at most once."),
        (("pool",), "Not a project on this ballot"),
        ((), "Choose at least one project."),
    ],
)
def test_invalid_ballots_change_nothing(voting: PB, names, message) -> None:
    with pytest.raises(ValidationError) as error:
        ballots.ballot_cast(
            actor=voting.world.member, budget=voting.north, choices=ids(voting, *names)
        )
    assert message in str(error.value)
    assert (Ballot.objects.count(), BallotChoice.objects.count()) == (0, 0)


def test_infeasible_proposals_are_not_on_the_ballot(pb: PB) -> None:
    services.phase_advance(actor=pb.world.coordinator, process=pb.process)
    for name, feasible in [
        ("benches", True),
        ("lights", False),
        ("murals", True),
        ("pool", True),
        ("library", True),
    ]:
        services.proposal_review(
            actor=pb.world.coordinator,
            proposal=pb.proposals[name],
            feasible=feasible,
            reason="Reviewed",
        )
    services.phase_advance(actor=pb.world.coordinator, process=pb.process)
    with pytest.raises(ValidationError, match="Not a project on this ballot"):
        ballots.ballot_cast(actor=pb.world.member, budget=pb.north, choices=ids(pb, "lights"))
    assert Ballot.objects.count() == 0


@pytest.mark.parametrize(
    ("settings", "choices", "message"),
    [
        (
            {"ballot_type": "approval_k", "max_choices": 1},
            [("benches", 1), ("murals", 1)],
            "Choose at most 1 projects.",
        ),
        (
            {"ballot_type": "choose_one"},
            [("benches", 1), ("murals", 1)],
            "Choose exactly one project.",
        ),
        (
            {"ballot_type": "cumulative", "points": 3},
            [("benches", 2), ("murals", 2)],
            "Share out at most 3 points.",
        ),
        (
            {"ballot_type": "approval_budget"},
            [("benches", 2)],
            "Points are for cumulative ballots only.",
        ),
        (
            {"ballot_type": "ranked", "max_choices": 2},
            [("benches", 1), ("murals", 1), ("lights", 1)],
            "Choose at most 2 projects.",
        ),
    ],
)
def test_each_ballot_type_is_checked(world, settings, choices, message) -> None:
    pb = make_pb(world, **settings)
    open_voting(pb)
    with pytest.raises(ValidationError, match=re.escape(message)):
        ballots.ballot_cast(
            actor=world.member,
            budget=pb.north,
            choices=[Choice(pb.proposals[n].pk, p) for n, p in choices],
        )
    assert Ballot.objects.count() == 0


def test_voting_outside_the_voting_phase_is_refused(pb: PB) -> None:
    with pytest.raises(ValidationError) as error:
        ballots.ballot_cast(actor=pb.world.member, budget=pb.north, choices=ids(pb, "benches"))
    assert "phase" in error.value.message_dict
    assert Ballot.objects.count() == 0


def test_eligibility_members_and_district_residents(world) -> None:
    pb = make_pb(world, members_only=True, residents_of_district_only=True)
    open_voting(pb)
    with pytest.raises(ValidationError, match="Only members of the initiative can vote"):
        ballots.ballot_cast(actor=world.outsider, budget=pb.city, choices=ids(pb, "pool"))
    with pytest.raises(ValidationError, match="Only residents of North vote on this budget"):
        ballots.ballot_cast(actor=world.member, budget=pb.north, choices=ids(pb, "benches"))
    world.member.locality = "north"
    world.member.save()
    ballots.ballot_cast(actor=world.member, budget=pb.north, choices=ids(pb, "benches"))
    assert Ballot.objects.count() == 1


def test_minimum_age_counts_the_age_reached_this_year(client, world) -> None:
    from django.utils import timezone

    this_year = timezone.localdate().year
    pb = make_pb(world, minimum_age=16, members_only=True)
    open_voting(pb)
    page = client.get(f"/pb/{pb.process.pk}/").content.decode()
    assert "Who can vote: members of the initiative; people who are 16 or older this year." in page
    with pytest.raises(ValidationError, match="add your year of birth on your profile"):
        ballots.ballot_cast(actor=world.member, budget=pb.city, choices=ids(pb, "pool"))
    world.member.birth_year = this_year - 15
    world.member.save()
    with pytest.raises(ValidationError, match="for people who are 16 or older this year"):
        ballots.ballot_cast(actor=world.member, budget=pb.city, choices=ids(pb, "pool"))
    assert Ballot.objects.count() == 0
    world.member.birth_year = this_year - 16
    world.member.save()
    ballots.ballot_cast(actor=world.member, budget=pb.city, choices=ids(pb, "pool"))
    assert Ballot.objects.filter(voter=world.member).count() == 1


def test_a_voting_code_works_once_and_staff_enter_paper_ballots(world) -> None:
    pb = make_pb(world, codes_required=True)
    codes = ballots.voting_codes_issue(actor=world.coordinator, process=pb.process, count=3)
    assert len(set(codes)) == 3
    open_voting(pb)
    with pytest.raises(ValidationError, match="needs a one-time voting code"):
        ballots.ballot_cast(actor=world.member, budget=pb.north, choices=ids(pb, "benches"))
    ballots.ballot_cast(
        actor=world.outsider, budget=pb.north, choices=ids(pb, "benches"), code=codes[0].lower()
    )
    with pytest.raises(ValidationError, match="not valid or has already been used"):
        ballots.ballot_cast(
            actor=world.outsider, budget=pb.north, choices=ids(pb, "murals"), code=codes[0]
        )
    with pytest.raises(ValidationError, match="not valid or has already been used"):
        ballots.ballot_cast(
            actor=world.outsider, budget=pb.north, choices=ids(pb, "murals"), code="NOT-A-CODE"
        )
    paper = ballots.ballot_cast(
        actor=world.coordinator, budget=pb.north, choices=ids(pb, "lights"), code=codes[1]
    )
    assert (paper.voter, paper.entered_by) == (None, world.coordinator)
    assert Ballot.objects.count() == 2
    assert list(
        BallotChoice.objects.order_by("ballot").values_list("proposal__title", flat=True)
    ) == ["Benches", "Lights"]


def test_counting_funds_what_the_engine_says_and_records_the_decision(voting: PB) -> None:
    voters = [
        voting.world.member,
        voting.world.outsider,
        voting.world.other_coordinator,
        make_user("v4"),
        make_user("v5"),
    ]
    for voter, names in zip(
        voters,
        [
            ("benches", "lights"),
            ("benches", "murals"),
            ("lights",),
            ("murals", "benches"),
            ("lights",),
        ],
        strict=True,
    ):
        ballots.ballot_cast(actor=voter, budget=voting.north, choices=ids(voting, *names))
    services.phase_advance(actor=voting.world.coordinator, process=voting.process)  # counting
    with pytest.raises(PermissionDenied):
        services.budget_count(actor=voting.world.member, budget=voting.north)
    result = services.budget_count(actor=voting.world.coordinator, budget=voting.north)
    election = elections.election_of(voting.north)
    expected = tally(election, "mes-add1-greedy").selected
    assert [str(i) for i in result.selected] == expected
    # £200 each. Benches (£300, 3 supporters) and lights (£600, 3) tie at £100 each per
    # £300 of cost; benches' id sorts first. Lights' supporters then hold £500 < £600;
    # murals (£200) costs its 2 supporters £100 each. £500 left: lights cannot fit.
    assert result.selected == [voting.proposals["benches"].pk, voting.proposals["murals"].pk]
    assert (result.spent, result.ballots) == (50_000, 5)
    decision = Decision.objects.get()
    assert (decision.decided_by, decision.rule, decision.participants_citizen) == (
        "citizens",
        "vote",
        5,
    )
    with pytest.raises(ValidationError, match="Count every budget first: Whole borough"):
        services.phase_advance(actor=voting.world.coordinator, process=voting.process)
    services.budget_count(actor=voting.world.coordinator, budget=voting.city)
    process = services.phase_advance(actor=voting.world.coordinator, process=voting.process)
    assert process.phase == "results"
    assert Tally.objects.count() == 2


def test_each_phase_closes_with_an_unchangeable_count(client, pb: PB) -> None:
    from django.db import DatabaseError, connection, transaction

    voting = pb
    coordinator = voting.world.coordinator
    services.proposal_support(actor=voting.world.outsider, proposal=voting.proposals["murals"])
    open_voting(voting)
    ballots.ballot_cast(
        actor=voting.world.member, budget=voting.north, choices=ids(voting, "benches")
    )
    ballots.ballot_cast(
        actor=voting.world.member, budget=voting.north, choices=ids(voting, "murals")
    )
    ballots.ballot_cast(
        actor=voting.world.outsider, budget=voting.city, choices=ids(voting, "pool")
    )
    services.phase_advance(actor=coordinator, process=voting.process)  # counting
    logs = list(voting.process.phase_log.all())
    rows = [
        (
            log.phase,
            log.closed_by.username,
            *(log.counts[n] for n in ("proposals", "feasible", "supports", "ballots", "casts")),
        )
        for log in logs
    ]
    assert rows == [
        ("setup", "coord", 0, 0, 0, 0, 0),
        ("proposals", "coord", 5, 0, 1, 0, 0),
        ("review", "coord", 5, 5, 1, 0, 0),
        ("voting", "coord", 5, 5, 1, 2, 3),
    ]
    last = logs[-1]
    assert last.counts == {
        "proposals": 5,
        "feasible": 5,
        "supports": 1,
        "comments": 0,
        "ballots": 2,
        "casts": 3,
        "paper_ballots": 0,
        "codes_issued": 0,
        "codes_used": 0,
    }
    with pytest.raises(PermissionError):
        last.save()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_phaselog SET counts = '{}'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_phaselog")
    assert voting.process.phase_log.get(pk=last.pk).counts["ballots"] == 2
    page = client.get(f"/pb/{voting.process.pk}/").content.decode()
    assert "Audit log: the counts as each phase closed" in page
    assert re.search(r"<th scope=\"row\">Feasibility review</th><td>[^<]+</td><td>Cora", page)
    api = client.get(f"/api/v1/pb/processes/{voting.process.pk}/").json()
    assert [(c["phase"], c["ballots"], c["casts"]) for c in api["phase_counts"]] == [
        ("setup", 0, 0),
        ("proposals", 0, 0),
        ("review", 0, 0),
        ("voting", 2, 3),
    ]
    assert api["phase_counts"][-1] == {
        "phase": "voting",
        "closed_at": api["phase_counts"][-1]["closed_at"],
        "closed_by": "Cora Coordinator",
        **last.counts,
    }


def test_non_members_take_part_without_entering_the_record(voting: PB) -> None:
    outsider = voting.world.outsider
    ballots.ballot_cast(actor=outsider, budget=voting.north, choices=ids(voting, "benches"))
    assert not Contribution.objects.filter(contributor=outsider).exists()
    assert Ballot.objects.get().voter == outsider


def test_the_budget_read_in_sql_equals_the_orm_read(voting: PB) -> None:
    voting.process.members_only = True
    voting.process.voting_close = datetime.date(2026, 12, 24)
    voting.process.save(update_fields=["members_only", "voting_close"])
    orm = Budget.objects.select_related("process__initiative").get(pk=voting.north.pk)
    sql = selectors.budget_with_process(str(voting.north.pk))
    assert sql is not None

    def values(obj: Any) -> list[tuple[str, Any, type]]:
        return [
            (f.attname, getattr(obj, f.attname), type(getattr(obj, f.attname)))
            for f in type(obj)._meta.concrete_fields
        ]

    for mine, theirs in [
        (sql, orm),
        (sql.process, orm.process),
        (sql.process.initiative, orm.process.initiative),
    ]:
        assert values(mine) == values(theirs)
    assert (sql.process.members_only, sql.process.voting_close) == (
        True,
        datetime.date(2026, 12, 24),
    )
    assert selectors.budget_with_process(str(voting.north.pk + 1000)) is None
