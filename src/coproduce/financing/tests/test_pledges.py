"""Campaigns, pledges and match funding: honoured pledges (and only they) are contributions
in the co-financing stage; matches are floored on the running total and never pass the cap."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import ContributionKind, Side, StageKind
from coproduce.financing import selectors, services
from coproduce.financing.models import Campaign, Match, MatchCounts, Pledge, PledgeStatus
from coproduce.financing.tests.conftest import in_days, match_rule, open_campaign
from coproduce.organisations.models import Organisation
from coproduce.record.models import Contribution
from coproduce.record.selectors import record_totals
from coproduce.record.tests.unlisted import assert_listed_to_contributor_alone


def pledge(world: World, campaign: Campaign, pence: int, person: Any = None) -> Pledge:
    return services.pledge_make(
        actor=person or world.member, campaign=campaign, kind="money", quantity=pence
    )


def test_a_pledge_is_not_in_the_record_until_honoured(world: World, campaign: Campaign) -> None:
    made = pledge(world, campaign, 2_500)
    assert Contribution.objects.count() == 0
    services.pledge_honour(actor=world.coordinator, pledge=made)
    entry = Contribution.objects.get()
    assert (entry.contributor, entry.side, entry.kind, entry.quantity, entry.unit) == (
        world.member,
        Side.CITIZEN,
        ContributionKind.MONEY,
        2_500,
        "pence",
    )
    assert entry.stage.kind == StageKind.CO_FINANCING
    assert entry.source == made
    with pytest.raises(ValidationError):
        services.pledge_honour(actor=world.coordinator, pledge=made)
    assert Contribution.objects.count() == 1


def test_an_honoured_pledge_is_listed_to_the_pledger_alone(
    world: World, campaign: Campaign
) -> None:
    """Pledges are listed to coordinators alone; the record's entry named the pledger and
    the amount to every reader of a public initiative's record."""
    made = pledge(world, campaign, 2_500)
    services.pledge_honour(actor=world.coordinator, pledge=made)
    entry = Contribution.objects.get()
    assert_listed_to_contributor_alone(
        entry, [None, world.outsider, world.coordinator, world.staff], "Pledge to"
    )
    pence = {row.key: row.pence for row in record_totals(world.initiative)["stage"]}
    assert pence["co_financing"] == 2_500


def test_time_and_goods_pledges_become_time_and_in_kind_entries(
    world: World, campaign: Campaign
) -> None:
    time = services.pledge_make(actor=world.member, campaign=campaign, kind="time", quantity=180)
    goods = services.pledge_make(
        actor=world.member,
        campaign=campaign,
        kind="in_kind",
        quantity=4,
        unit="count",
        description="shelving units",
    )
    services.pledge_honour(actor=world.coordinator, pledge=time)
    services.pledge_honour(actor=world.coordinator, pledge=goods)
    entries = {(c.kind, c.quantity, c.unit) for c in Contribution.objects.all()}
    assert entries == {("time", 180, "minutes"), ("in_kind", 4, "count")}
    with pytest.raises(ValidationError) as refused:
        services.pledge_make(actor=world.member, campaign=campaign, kind="in_kind", quantity=4)
    assert "description" in refused.value.message_dict


def test_an_organisations_pledge_is_keyed_by_a_coordinator_and_attributed_to_it(
    world: World, campaign: Campaign, council: Organisation
) -> None:
    with pytest.raises(PermissionDenied):
        services.pledge_make(
            actor=world.member,
            campaign=campaign,
            kind="money",
            quantity=100,
            organisation=council,
            side=Side.REGULAR_PRODUCER,
        )
    assert Pledge.objects.count() == 0
    made = services.pledge_make(
        actor=world.coordinator,
        campaign=campaign,
        kind="money",
        quantity=50_000,
        organisation=council,
        side=Side.REGULAR_PRODUCER,
    )
    services.pledge_honour(actor=world.coordinator, pledge=made)
    entry = Contribution.objects.get()
    assert (entry.organisation, entry.contributor, entry.side) == (
        council,
        None,
        Side.REGULAR_PRODUCER,
    )


@pytest.mark.parametrize("bad", [-5, 0, 1_000_000_001, float("nan"), 12.5, "10", True])
def test_bad_amounts_are_refused_and_nothing_saved(
    world: World, campaign: Campaign, bad: Any
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.pledge_make(actor=world.member, campaign=campaign, kind="money", quantity=bad)
    assert "quantity" in refused.value.message_dict
    assert Pledge.objects.count() == 0


def test_a_past_deadline_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        open_campaign(world, deadline=in_days(-1))
    assert refused.value.message_dict == {"deadline": ["The deadline cannot be in the past."]}
    assert Campaign.objects.count() == 0


def test_members_only_pledge_and_only_coordinators_honour(world: World, campaign: Campaign) -> None:
    with pytest.raises(PermissionDenied):
        pledge(world, campaign, 100, person=world.outsider)
    made = pledge(world, campaign, 100)
    with pytest.raises(PermissionDenied):
        services.pledge_honour(actor=world.member, pledge=made)
    with pytest.raises(PermissionDenied):
        services.pledge_honour(actor=world.other_coordinator, pledge=made)
    made.refresh_from_db()
    assert made.status == PledgeStatus.PLEDGED
    assert Contribution.objects.count() == 0


def test_a_person_withdraws_their_own_pledge_only(world: World, campaign: Campaign) -> None:
    neighbour = make_user("neighbour")
    add_member(world.initiative, neighbour)
    made = pledge(world, campaign, 100)
    with pytest.raises(PermissionDenied):
        services.pledge_withdraw(actor=neighbour, pledge=made)
    services.pledge_withdraw(actor=world.member, pledge=made)
    made.refresh_from_db()
    assert made.status == PledgeStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        services.pledge_honour(actor=world.coordinator, pledge=made)
    assert Contribution.objects.count() == 0


def test_one_for_one_match_is_recorded_for_the_funder_when_honoured(
    world: World, campaign: Campaign, council: Organisation
) -> None:
    match_rule(world, campaign, council)
    made = pledge(world, campaign, 2_000)
    assert selectors.progress(campaign).total == 4_000
    services.pledge_honour(actor=world.coordinator, pledge=made)
    funder = Contribution.objects.get(organisation=council)
    assert (funder.quantity, funder.side, funder.kind) == (2_000, Side.REGULAR_PRODUCER, "money")
    assert funder.source == Match.objects.get()


def test_match_is_floored_on_the_running_total(
    world: World, campaign: Campaign, council: Organisation
) -> None:
    # £1 for every £3: three pledges of 100p are matched 33, 33, 34 (floor of 300/3 = 100),
    # where flooring each pledge would give 99 in all.
    rule = match_rule(world, campaign, council, numerator=1, denominator=3)
    amounts = [pledge(world, campaign, 100).matches.get().amount for _ in range(3)]
    assert amounts == [33, 33, 34]
    rule.refresh_from_db()
    assert (rule.eligible, rule.matched) == (300, 100)


def test_match_stops_at_the_cap_and_a_withdrawal_frees_it(
    world: World, campaign: Campaign, council: Organisation
) -> None:
    rule = match_rule(world, campaign, council, cap=1_500)
    first = pledge(world, campaign, 1_000)
    second = pledge(world, campaign, 1_000)
    assert [first.matches.get().amount, second.matches.get().amount] == [1_000, 500]
    services.pledge_withdraw(actor=world.member, pledge=first)
    rule.refresh_from_db()
    assert (rule.eligible, rule.matched) == (1_000, 1_000)
    assert second.matches.get().amount == 1_000  # the freed match goes to the one left short
    third = pledge(world, campaign, 700)
    assert third.matches.get().amount == 500  # min(1,500, 1,700) - 1,000
    assert selectors.progress(campaign).matched == 1_500


def test_a_withdrawn_pledge_frees_its_match_for_the_earliest_left_short(
    world: World, campaign: Campaign, council: Organisation
) -> None:
    """A large pledge made first and withdrawn later took the whole cap meanwhile: the
    pledges made after it, still open, get the match they were kept from, in the order they
    were made; an honoured pledge keeps what was recorded for it."""
    rule = match_rule(world, campaign, council, numerator=1, denominator=2, cap=1_000)
    hog = pledge(world, campaign, 2_000)
    honoured, early, late = (pledge(world, campaign, pence) for pence in (600, 800, 900))
    assert [p.matches.get().amount for p in (hog, honoured, early, late)] == [1_000, 0, 0, 0]
    services.pledge_honour(actor=world.coordinator, pledge=honoured)
    services.pledge_withdraw(actor=world.member, pledge=hog)
    amounts = [p.matches.get().amount for p in (honoured, early, late)]
    assert amounts == [0, 400, 450]  # 2,300 pledged, promise 1,000; 850 given, 150 spare
    rule.refresh_from_db()
    assert (rule.eligible, rule.matched) == (2_300, 850)
    fourth = pledge(world, campaign, 100)
    assert fourth.matches.get().amount == 150  # min(1,000, 1,200) - 850
    assert selectors.progress(campaign).matched == 1_000


def test_people_only_rules_skip_organisations_and_funder_rules_skip_the_funder(
    world: World, campaign: Campaign, council: Organisation
) -> None:
    trust = Organisation.objects.create(name="Village Trust", kind="community_group")
    people_only = match_rule(world, campaign, council)
    not_funder = match_rule(world, campaign, trust, counts=MatchCounts.NOT_FUNDER)
    for giver in (council, trust):
        services.pledge_make(
            actor=world.coordinator,
            campaign=campaign,
            kind="money",
            quantity=1_000,
            organisation=giver,
            side=Side.CITIZEN,
        )
    people_only.refresh_from_db()
    not_funder.refresh_from_db()
    assert (people_only.matched, not_funder.matched) == (0, 1_000)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"numerator": 0}, "numerator"),
        ({"denominator": 0}, "denominator"),
        ({"cap": -1}, "cap"),
        ({"cap": 0}, "cap"),
        ({"funder_side": "boss"}, "funder_side"),
    ],
)
def test_bad_match_rules_are_refused(
    world: World, campaign: Campaign, council: Organisation, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        match_rule(world, campaign, council, **changes)
    assert field in refused.value.message_dict
    assert not campaign.match_rules.exists()


def test_progress_counts_received_pledged_and_matched(
    world: World, campaign: Campaign, council: Organisation
) -> None:
    match_rule(world, campaign, council, numerator=1, denominator=2)
    honoured = pledge(world, campaign, 10_000)
    pledge(world, campaign, 4_000)
    services.pledge_honour(actor=world.coordinator, pledge=honoured)
    found = selectors.progress(campaign)
    assert (found.honoured, found.pledged, found.matched, found.total) == (
        10_000,
        4_000,
        7_000,
        21_000,
    )
    assert found.percent == 2
    assert found.sentence == (
        "£210 of £10,000 (2%): £100 received, £40 pledged and £70 matched by funders."
    )


def test_pledges_lapse_after_the_deadline(
    world: World, campaign: Campaign, council: Organisation, monkeypatch: Any
) -> None:
    rule = match_rule(world, campaign, council)
    pledge(world, campaign, 500)
    with pytest.raises(ValidationError):
        services.campaign_lapse_overdue(actor=world.coordinator, campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(deadline=in_days(-1))
    campaign.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        pledge(world, campaign, 500)
    assert refused.value.message_dict == {"campaign": ["The campaign's deadline has passed."]}
    assert services.campaign_lapse_overdue(actor=world.coordinator, campaign=campaign) == 1
    rule.refresh_from_db()
    assert (rule.eligible, rule.matched) == (0, 0)
    assert Pledge.objects.get().status == PledgeStatus.LAPSED
