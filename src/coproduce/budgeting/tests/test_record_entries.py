"""What PB writes to the co-production record, through the record's trusted door: members'
participation with the process as its source (never a ballot), a count as a decision by
vote (its ballots counted on their voters' sides) initiated by the side of the funded
projects' proposers, and a feasibility review
that rules a proposal out as an exclusion."""

from django.utils import timezone

from conftest import World, add_member, make_reviewer, make_user
from coproduce.budgeting import ballots, services
from coproduce.budgeting.ballots import Choice
from coproduce.budgeting.models import Phase, Process, Proposal, Tally
from coproduce.budgeting.recording import initiation_of
from coproduce.budgeting.tests.conftest import PB, make_pb, open_voting
from coproduce.core.vocabulary import Role, Side
from coproduce.record.models import Contribution, Decision


def source_of(entry: Contribution | Decision) -> tuple[str, str, int | None]:
    assert entry.source_type is not None
    return (entry.source_type.app_label, entry.source_type.model, entry.source_id)


def pb_decisions() -> list[Decision]:
    """PB's decisions (memberships approved while setting up the world are decisions too)."""
    return list(Decision.objects.filter(source_type__app_label="budgeting").order_by("id"))


def pb_decision() -> Decision:
    (decision,) = pb_decisions()
    return decision


def participant_rows(decision: Decision) -> list[tuple[str | None, str, str, int]]:
    return [
        (p.person.username if p.person else None, p.side, p.position, p.headcount)
        for p in decision.participants.order_by("id")
    ]


def test_members_participation_points_at_the_process_and_a_vote_never_at_its_ballot(
    voting: PB,
) -> None:
    member = voting.world.member
    ballot = ballots.ballot_cast(
        actor=member, budget=voting.north, choices=[Choice(voting.proposals["benches"].pk)]
    )
    process = ("budgeting", "process", voting.process.pk)
    entries = Contribution.objects.filter(contributor=member).order_by("id")
    assert [(e.kind, source_of(e), e.recorded_by, e.paid) for e in entries] == [
        ("idea", process, member, False),
        ("idea", process, member, False),
        ("idea", process, member, False),
        ("idea", process, member, False),
        ("idea", process, member, False),
        ("vote", process, member, False),
    ]
    assert ballot.pk  # the ballot exists, and no entry points at a ballot
    assert not Contribution.objects.filter(source_type__model="ballot").exists()
    review = Contribution.objects.get(kind="skills", description="Feasibility review: Benches")
    coordinator = voting.world.coordinator
    assert (source_of(review), review.recorded_by, review.contributor, review.side) == (
        process,
        coordinator,
        coordinator,
        Side.REGULAR_PRODUCER,
    )


def count_north(pb: PB, *voters_choices: tuple[object, list[str]]) -> Tally:
    for voter, names in voters_choices:
        ballots.ballot_cast(
            actor=voter, budget=pb.north, choices=[Choice(pb.proposals[n].pk) for n in names]
        )
    services.phase_advance(actor=pb.world.coordinator, process=pb.process)  # counting
    return services.budget_count(actor=pb.world.coordinator, budget=pb.north)


def test_a_count_by_one_proposer_names_them_as_its_initiator(voting: PB) -> None:
    member = voting.world.member
    result = count_north(voting, (member, ["benches"]), (voting.world.outsider, ["benches"]))
    assert result.selected == [voting.proposals["benches"].pk]
    decision = pb_decision()
    assert (
        decision.title,
        decision.kind,
        decision.carried,
        decision.initiated_by,
        decision.initiated_by_side,
        decision.decided_by,
        decision.rule,
        decision.recorded_by,
        decision.decided_on,
        source_of(decision),
    ) == (
        "North: 1 projects funded",
        "decision",
        True,
        member,
        Side.CITIZEN,
        "citizens",
        "vote",
        voting.world.coordinator,
        timezone.localdate(),
        ("budgeting", "tally", result.pk),
    )
    assert decision.outcome == (
        "Counted under Method of Equal Shares, add-one then greedy: £300.00 of £1,000.00 "
        "allocated from 2 ballots."
    )
    # nobody named: the ballots counted are unnamed citizens
    assert participant_rows(decision) == [(None, Side.CITIZEN, "present", 2)]
    assert (decision.participants_citizen, decision.participants_professional) == (2, 0)


def test_a_count_counts_each_ballot_on_its_voters_side_and_is_joint_when_sides_mixed(
    world: World,
) -> None:
    """A member of staff who voted was counted as a citizen, and the count read as the
    citizens' decision alone. Each ballot is counted on its voter's side (anyone who is not
    a member as one of the public), never naming anyone."""
    officer = make_user("officer")
    add_member(
        world.initiative, officer, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL
    )
    pb = make_pb(world)
    open_voting(pb)
    count_north(
        pb, (world.member, ["benches"]), (world.outsider, ["benches"]), (officer, ["benches"])
    )
    decision = pb_decision()
    assert decision.decided_by == "joint"
    assert participant_rows(decision) == [
        (None, Side.CITIZEN, "present", 2),
        (None, Side.REGULAR_PRODUCER, "present", 1),
    ]
    assert (decision.participants_citizen, decision.participants_professional) == (2, 1)


def test_a_count_is_initiated_by_the_side_most_of_the_funded_projects_proposers_are_on(
    world: World,
) -> None:
    officer = make_user("officer")
    add_member(
        world.initiative, officer, side=Side.REGULAR_PRODUCER, role=Role.FRONTLINE_PROFESSIONAL
    )
    pb = make_pb(world)
    for author, title, cost in ((world.coordinator, "Bins", 20_000), (officer, "Trees", 10_000)):
        pb.proposals[title.lower()] = services.proposal_submit(
            actor=author, budget=pb.north, title=title, description=title, estimated_cost=cost
        )
    open_voting(pb)
    result = count_north(pb, (world.member, ["benches", "bins", "trees"]))
    funded = Proposal.objects.filter(pk__in=result.selected)
    assert sorted(p.author.username for p in funded) == ["coord", "member", "officer"]
    decision = pb_decision()
    # two professionals (each person once) and one citizen proposed what was funded
    assert (decision.initiated_by, decision.initiated_by_side) == (None, Side.REGULAR_PRODUCER)
    assert source_of(decision) == ("budgeting", "tally", result.pk)
    assert participant_rows(decision) == [(None, Side.CITIZEN, "present", 1)]


def test_initiation_goes_to_the_citizens_in_a_tie_and_to_the_public_for_non_members(
    world: World,
) -> None:
    councillor = make_user("councillor")
    add_member(world.initiative, councillor, side=Side.POLITICAL, role=Role.COUNCILLOR)
    citizen, coordinator = world.member, world.coordinator
    initiative = world.initiative
    assert initiation_of(initiative, [citizen, citizen]) == (citizen, Side.CITIZEN)
    assert initiation_of(initiative, [coordinator]) == (coordinator, Side.REGULAR_PRODUCER)
    assert initiation_of(initiative, [coordinator, citizen]) == (None, Side.CITIZEN)
    assert initiation_of(initiative, [councillor, coordinator]) == (
        None,
        Side.REGULAR_PRODUCER,
    )
    assert initiation_of(initiative, [councillor, councillor]) == (councillor, Side.POLITICAL)
    # a proposer who is not a member proposes as one of the public: a citizen, unnamed
    assert initiation_of(initiative, [world.outsider]) == (None, Side.CITIZEN)
    assert initiation_of(initiative, [world.outsider, councillor, coordinator]) == (
        None,
        Side.CITIZEN,
    )
    assert initiation_of(initiative, []) == (None, Side.CITIZEN)


def review_phase(pb: PB) -> None:
    services.phase_advance(actor=pb.world.coordinator, process=pb.process)
    assert Process.objects.get(pk=pb.process.pk).phase == Phase.REVIEW


def test_a_review_that_rules_a_proposal_out_is_an_exclusion(pb: PB) -> None:
    review_phase(pb)
    coordinator, lights = pb.world.coordinator, pb.proposals["lights"]
    services.proposal_review(
        actor=coordinator, proposal=pb.proposals["benches"], feasible=True, reason="Fine"
    )
    assert pb_decisions() == []  # found feasible: nothing ruled out
    services.proposal_review(
        actor=coordinator, proposal=lights, feasible=False, reason="  The cabling costs more  "
    )
    decision = pb_decision()
    assert (
        decision.title,
        decision.outcome,
        decision.kind,
        decision.carried,
        decision.initiated_by,
        decision.initiated_by_side,
        decision.decided_by,
        decision.rule,
        decision.recorded_by,
        source_of(decision),
    ) == (
        "Ruled out: Lights",
        "The cabling costs more",
        "exclusion",
        True,
        coordinator,
        Side.REGULAR_PRODUCER,
        "professionals",
        "delegated",
        coordinator,
        ("budgeting", "proposal", lights.pk),
    )
    assert participant_rows(decision) == [("coord", Side.REGULAR_PRODUCER, "present", 1)]


def test_an_exclusion_is_taken_by_the_body_of_the_reviewers_side(pb: PB) -> None:
    world = pb.world
    make_reviewer(world.initiative, world.member)  # a citizen named reviewer
    review_phase(pb)
    murals = pb.proposals["murals"]
    services.proposal_review(actor=world.member, proposal=murals, feasible=False, reason="No wall")
    services.proposal_review(actor=world.staff, proposal=murals, feasible=False, reason="Still no")
    by_citizen, by_staff = pb_decisions()
    assert (
        by_citizen.initiated_by,
        by_citizen.initiated_by_side,
        by_citizen.decided_by,
        participant_rows(by_citizen),
    ) == (world.member, Side.CITIZEN, "citizens", [("member", Side.CITIZEN, "present", 1)])
    # platform staff without a membership act for the professionals
    assert (
        by_staff.initiated_by,
        by_staff.initiated_by_side,
        by_staff.decided_by,
        by_staff.recorded_by,
        participant_rows(by_staff),
    ) == (
        None,
        Side.REGULAR_PRODUCER,
        "professionals",
        world.staff,
        [("staff", Side.REGULAR_PRODUCER, "present", 1)],
    )
    assert {source_of(d) for d in (by_citizen, by_staff)} == {("budgeting", "proposal", murals.pk)}
    assert by_staff.decided_on == timezone.localdate()


def test_a_count_that_funds_nothing_is_credited_to_the_proposers_on_the_ballot(
    voting: PB,
) -> None:
    result = count_north(voting)  # nobody voted
    assert (result.selected, result.ballots) == ([], 0)
    decision = pb_decision()
    assert (
        decision.title,
        decision.initiated_by,
        decision.initiated_by_side,
        participant_rows(decision),
    ) == ("North: 0 projects funded", voting.world.member, Side.CITIZEN, [])
