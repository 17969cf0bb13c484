"""PB as people expect it: support counted, withdrawn and not one's own; the propose form
only while proposals are collected; the next phase named and confirmed; the phases shown as
a timeline with the time left; descriptions keep their paragraphs and links; the ballot
carries what its running total needs."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from coproduce.budgeting import selectors, services
from coproduce.budgeting.models import Phase, Process, Support
from coproduce.budgeting.tests.conftest import PB, open_voting
from coproduce.record.models import Contribution


def _net_support_entries(person: Any) -> int:
    return sum(
        Contribution.objects.filter(
            contributor=person, description__startswith="Support for:"
        ).values_list("quantity", flat=True)
    )


def test_an_author_cannot_support_their_own_proposal(client: Client, pb: PB) -> None:
    benches = pb.proposals["benches"]  # proposed by the member
    with pytest.raises(ValidationError, match="You proposed this"):
        services.proposal_support(actor=pb.world.member, proposal=benches)
    assert Support.objects.count() == 0
    client.force_login(pb.world.member)
    page = client.get(f"/pb/proposals/{benches.pk}/").content.decode()
    assert "0 supporters." in page and "Support this proposal" not in page


def test_support_is_counted_withdrawn_and_given_again(client: Client, pb: PB) -> None:
    benches, coordinator = pb.proposals["benches"], pb.world.coordinator
    client.force_login(coordinator)
    path = f"/pb/proposals/{benches.pk}/"
    assert client.post(f"{path}support/").status_code == 302
    page = client.get(path).content.decode()
    assert "1 supporter. You support it." in page and "Withdraw my support" in page
    assert _net_support_entries(coordinator) == 1
    assert client.post(f"{path}support/", {"withdraw": "1"}).status_code == 302
    page = client.get(path).content.decode()
    assert "0 supporters." in page and "Support this proposal" in page
    assert _net_support_entries(coordinator) == 0  # the entry reversed, not deleted
    assert Contribution.objects.filter(contributor=coordinator).count() == 2
    services.proposal_support(actor=coordinator, proposal=benches)
    assert selectors.support_count(benches) == 1
    assert _net_support_entries(coordinator) == 1
    assert selectors.totals(pb.process)["supports"] == 1


def test_withdrawing_what_one_does_not_support_changes_nothing(pb: PB) -> None:
    with pytest.raises(ValidationError, match=r"You do not support this proposal\."):
        services.proposal_support_withdraw(
            actor=pb.world.coordinator, proposal=pb.proposals["benches"]
        )
    assert Contribution.objects.filter(contributor=pb.world.coordinator).count() == 0


def test_support_is_withdrawn_through_the_api(client: Client, pb: PB) -> None:
    benches = pb.proposals["benches"]
    client.force_login(pb.world.coordinator)
    url = f"/api/v1/pb/proposals/{benches.pk}/support/"
    assert client.post(url).status_code == 201
    answer = client.delete(url)
    assert (answer.status_code, answer.json()) == (200, {"supported": False})
    assert selectors.support_count(benches) == 0
    again = client.delete(url)
    assert again.status_code == 400
    assert "You do not support this proposal." in again.content.decode()


def test_the_propose_form_is_not_offered_outside_its_phase(client: Client, pb: PB) -> None:
    open_voting(pb)
    client.force_login(pb.world.member)
    answer = client.get(f"/pb/{pb.process.pk}/propose/", follow=True)
    text = answer.content.decode()
    assert answer.redirect_chain == [(f"/pb/{pb.process.pk}/", 302)]
    assert "Proposals are not being collected: the process is in voting." in text
    assert "Propose a project" not in text


def test_the_next_phase_is_named_and_confirmed(client: Client, pb: PB) -> None:
    client.force_login(pb.world.coordinator)
    manage = f"/pb/{pb.process.pk}/manage/"
    page = client.get(manage).content.decode()
    assert (
        "Now: <strong>Proposal collection</strong>. Next: <strong>Feasibility review</strong>, "
        "when no new proposals; the reviewers check each one&#x27;s feasibility and cost."
    ) in page
    assert "Move to Feasibility review…" in page and "Yes, move to" not in page
    confirm = client.get(f"{manage}?confirm=advance").content.decode()
    assert (
        '<button type="submit" name="advance" value="review">Yes, move to Feasibility review'
        in confirm
    )
    assert client.post(manage, {"advance": "review"}).status_code == 302
    stale = client.post(manage, {"advance": "review"})  # the same page sent again
    assert stale.status_code == 400
    assert (
        "The process is in Feasibility review now; it moves next to Voting. Nothing was changed."
        in stale.content.decode()
    )
    assert Process.objects.get(pk=pb.process.pk).phase == Phase.REVIEW


def test_the_timeline_shows_each_phase_and_the_time_left(pb: PB) -> None:
    process = pb.process
    process.voting_open = datetime.date(2026, 12, 1)
    process.voting_close = datetime.date(2026, 12, 9)
    process.save(update_fields=["voting_open", "voting_close"])
    today = datetime.date(2026, 12, 6)
    steps = [(s["label"], s["state"], s["when"]) for s in selectors.timeline(process, today)]
    assert steps == [
        ("Proposal collection", "now", ""),
        ("Feasibility review", "later", ""),
        ("Voting", "later", "opens 1 Dec 2026"),
        ("Counting", "later", "after voting closes on 9 Dec 2026"),
        ("Results", "later", ""),
        ("Implementation", "later", ""),
    ]
    open_voting(pb)
    process.refresh_from_db()
    voting = selectors.timeline(process, today)
    assert [s["state"] for s in voting[:3]] == ["done", "done", "now"]
    assert voting[2]["when"] == "closes 9 Dec 2026: 3 days left"
    assert selectors.timeline(process, datetime.date(2026, 12, 9))[2]["when"] == "closes today"


def test_descriptions_keep_their_paragraphs_and_links(client: Client, pb: PB) -> None:
    benches = pb.proposals["benches"]
    benches.description = "Three benches.\n\nSee https://example.org/benches <b>now</b>"
    benches.save(update_fields=["description"])
    page = client.get(f"/pb/proposals/{benches.pk}/").content.decode()
    assert "<p>Three benches.</p>" in page
    assert (
        '<a href="https://example.org/benches" rel="nofollow">https://example.org/benches</a>'
        in page
    )
    assert "&lt;b&gt;now&lt;/b&gt;" in page and "<b>now</b>" not in page


def test_the_ballot_carries_its_running_total(client: Client, voting: PB) -> None:
    client.force_login(voting.world.member)
    answer = client.get(f"/pb/budgets/{voting.north.pk}/vote/")
    assert answer.status_code == 200, answer
    page = answer.content.decode()
    assert 'data-ballot data-currency="GBP" data-budget="100000"' in page
    benches = voting.proposals["benches"]
    assert 'data-cost="30000"' in page and f'id="id_p_{benches.pk}"' in page
    assert "Benches (£300.00)" in page
    assert 'src="/static/budgeting/ballot.js"' in page
