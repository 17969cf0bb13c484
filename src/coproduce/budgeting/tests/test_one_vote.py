"""One person, one vote: one district per process, and no second ballot through a code."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from conftest import World
from coproduce.budgeting import ballots
from coproduce.budgeting.models import Ballot, BallotChoice, VoterDistrict, VotingCode
from coproduce.budgeting.tests.conftest import PB, open_voting, with_south
from coproduce.notifications.models import Notification
from coproduce.record.models import Contribution

MOVED = (
    "You vote in North in this process: one person votes in one district. You can change "
    "your ballot there until voting closes."
)


@pytest.fixture
def districts(world: World) -> PB:
    return with_south(world)


def _south(pb: PB):
    return pb.process.budgets.get(name="South")


def _move(user, area: str) -> None:
    user.locality = area
    user.save(update_fields=["locality"])


def _written() -> tuple[int, int, int, int]:
    return (
        Ballot.objects.count(),
        BallotChoice.objects.count(),
        VoterDistrict.objects.count(),
        Contribution.objects.count(),
    )


def test_a_second_district_is_refused_after_a_change_of_area(districts: PB) -> None:
    member = districts.world.member
    _move(member, "North")
    benches = ballots.Choice(districts.proposals["benches"].pk)
    ballots.ballot_cast(actor=member, budget=districts.north, choices=[benches])
    assert VoterDistrict.objects.get().district == "North"
    _move(member, "South")
    before = _written()
    with pytest.raises(ValidationError) as refused:
        ballots.ballot_cast(
            actor=member,
            budget=_south(districts),
            choices=[ballots.Choice(districts.proposals["park"].pk)],
        )
    assert refused.value.message_dict == {"voter": [MOVED]}
    assert _written() == before
    # the fixed district stays theirs: they may still change their ballot there
    lights = ballots.Choice(districts.proposals["lights"].pk)
    assert ballots.ballot_cast(actor=member, budget=districts.north, choices=[lights]).casts == 2
    # and the whole-area budget is open to everyone
    pool = ballots.Choice(districts.proposals["pool"].pk)
    ballots.ballot_cast(actor=member, budget=districts.city, choices=[pool])
    assert Ballot.objects.filter(voter=member).count() == 2


def test_the_api_answers_400_and_writes_nothing(api: APIClient, districts: PB) -> None:
    member = districts.world.member
    _move(member, "North")
    api.force_authenticate(member)
    benches = districts.proposals["benches"].pk
    url = "/api/v1/pb/budgets/{}/ballot/"
    first = api.post(url.format(districts.north.pk), {"choices": [{"proposal": benches}]}, "json")
    assert first.status_code == 201
    _move(member, "South")
    before = _written()
    park = districts.proposals["park"].pk
    second = api.post(url.format(_south(districts).pk), {"choices": [{"proposal": park}]}, "json")
    assert second.status_code == 400
    assert second.json() == {"voter": [MOVED]}
    assert _written() == before


def test_the_ballot_page_shows_a_form_error_and_writes_nothing(
    client: Client, districts: PB
) -> None:
    member = districts.world.member
    _move(member, "North")
    client.force_login(member)
    benches = districts.proposals["benches"].pk
    assert (
        client.post(f"/pb/budgets/{districts.north.pk}/vote/", {f"p_{benches}": "on"}).status_code
        == 302
    )
    _move(member, "South")
    before = _written()
    park = districts.proposals["park"].pk
    page = client.post(f"/pb/budgets/{_south(districts).pk}/vote/", {f"p_{park}": "on"})
    assert page.status_code == 400
    assert "You vote in North in this process: one person votes in one district." in (
        page.content.decode()
    )
    assert _written() == before


def test_the_first_ballot_still_needs_the_area_on_the_profile(districts: PB) -> None:
    member = districts.world.member
    _move(member, "Elsewhere")
    with pytest.raises(ValidationError, match="Only residents of South vote on this budget"):
        ballots.ballot_cast(
            actor=member,
            budget=_south(districts),
            choices=[ballots.Choice(districts.proposals["park"].pk)],
        )
    assert _written()[:3] == (0, 0, 0)


# --- a voting code from someone who has voted already ----------------------------------------

ALREADY = (
    "You have already voted on this budget; change your ballot without a code, and keep the "
    "code for someone who has not voted."
)


def test_a_code_from_someone_with_a_ballot_is_a_400_and_the_code_stays_unused(
    api: APIClient, voting: PB
) -> None:
    code = ballots.voting_codes_issue(
        actor=voting.world.coordinator, process=voting.process, count=1
    )[0]
    api.force_authenticate(voting.world.member)
    url = f"/api/v1/pb/budgets/{voting.north.pk}/ballot/"
    benches, lights = voting.proposals["benches"].pk, voting.proposals["lights"].pk
    assert api.post(url, {"choices": [{"proposal": benches}]}, format="json").status_code == 201
    before = _written()
    again = api.post(url, {"choices": [{"proposal": lights}], "code": code}, format="json")
    assert again.status_code == 400
    assert again.json() == {"code": [ALREADY]}
    assert _written() == before
    assert VotingCode.objects.get().used_at is None
    assert list(BallotChoice.objects.values_list("proposal", flat=True)) == [benches]
    # the code still works for someone who has not voted
    api.force_authenticate(voting.world.outsider)
    assert (
        api.post(url, {"choices": [{"proposal": lights}], "code": code}, format="json").status_code
        == 201
    )
    assert VotingCode.objects.get().used_at is not None


# --- a district verified by a coordinator -------------------------------------------------------


def test_a_district_a_coordinator_verified_is_where_one_votes(api: APIClient, world: World) -> None:
    pb = with_south(world, voting=False)
    url = f"/api/v1/pb/processes/{pb.process.pk}/districts/"
    api.force_authenticate(world.member)  # not theirs to say
    assert api.post(url, {"person": "member", "district": "South"}, "json").status_code == 403
    assert VoterDistrict.objects.count() == 0
    api.force_authenticate(world.coordinator)
    unknown = api.post(url, {"person": "member", "district": "East"}, "json")
    assert unknown.status_code == 400
    assert unknown.json() == {"district": ["Choose one of the process's districts: North, South."]}
    verified = api.post(url, {"person": "member", "district": "south"}, "json")
    assert verified.status_code == 201
    assert verified.json() == {"person": "member", "district": "South"}
    assert list(VoterDistrict.objects.values_list("voter__username", "district")) == [
        ("member", "South")
    ]
    told = Notification.objects.get(recipient=world.member, message="district_fixed")
    assert (
        told.text == "Cora Coordinator set the district you vote in for Riverside decides to South."
    )
    assert told.link == f"/pb/{pb.process.pk}/"
    open_voting(pb)
    # during voting no one's district is set or changed: the answer could tell who voted
    during = api.post(url, {"person": "member", "district": "North"}, "json")
    assert during.status_code == 400
    assert "during setting up or proposal collection or feasibility review" in str(during.json())
    _move(world.member, "Elsewhere")  # the profile no longer matters
    park = ballots.Choice(pb.proposals["park"].pk)
    ballots.ballot_cast(actor=world.member, budget=_south(pb), choices=[park])
    with pytest.raises(ValidationError, match="You vote in South in this process"):
        ballots.ballot_cast(
            actor=world.member,
            budget=pb.north,
            choices=[ballots.Choice(pb.proposals["benches"].pk)],
        )
    assert list(Ballot.objects.values_list("budget__name", flat=True)) == ["South"]


def test_only_a_residents_only_process_keeps_districts(api: APIClient, pb: PB) -> None:
    api.force_authenticate(pb.world.coordinator)
    url = f"/api/v1/pb/processes/{pb.process.pk}/districts/"
    response = api.post(url, {"person": "member", "district": "North"}, "json")
    assert response.status_code == 400
    assert response.json() == {
        "district": ["This process does not keep district budgets to their residents."]
    }
    assert VoterDistrict.objects.count() == 0


def test_a_code_does_not_open_a_second_district_to_an_account(
    api: APIClient, districts: PB
) -> None:
    member = districts.world.member
    _move(member, "North")
    benches = ballots.Choice(districts.proposals["benches"].pk)
    ballots.ballot_cast(actor=member, budget=districts.north, choices=[benches])
    code = ballots.voting_codes_issue(
        actor=districts.world.coordinator, process=districts.process, count=1, district="South"
    )[0]
    before = _written()
    api.force_authenticate(member)
    park = districts.proposals["park"].pk
    url = f"/api/v1/pb/budgets/{_south(districts).pk}/ballot/"
    response = api.post(url, {"choices": [{"proposal": park}], "code": code}, format="json")
    assert response.status_code == 400
    assert response.json() == {"voter": [MOVED]}
    assert _written() == before
    assert VotingCode.objects.get().used_at is None
