"""The accountability page against a record whose figures were worked out by hand.

Money in (pence): the parish council 30,000; a funder 5,000 and its reversal (both drop
out); residents cit1 2,000 and cit2 1,000 in money, cit3 1,500 in kind, cit4 4,000
reversed (cit4 is not counted as a giver); a member of staff 500. Decisions: one joint,
started by a resident; one by professionals, started by staff; one by citizens, reversed;
one declaration of who plans (left out); and the coordinator's approval of the staff
member's side when they joined (by professionals, started by the staff member)."""

import datetime
import re
from typing import Any

import pytest

from conftest import World, add_member, make_user
from coproduce.accountability import selectors
from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionKind,
    DecisionRule,
    Role,
    Side,
    Unit,
)
from coproduce.initiatives.models import Visibility
from coproduce.organisations.models import Organisation, OrganisationKind
from coproduce.record import services as record

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def ledger(world: World) -> dict[str, Any]:
    initiative, coord = world.initiative, world.coordinator
    people = {}
    for name in ("cit1", "cit2", "cit3", "cit4"):
        people[name] = make_user(name, display_name=f"Resident {name[-1]} Secretname")
        add_member(initiative, people[name])
    people["pro"] = make_user("pro")
    add_member(initiative, people["pro"], Side.REGULAR_PRODUCER, Role.FRONTLINE_PROFESSIONAL)
    parish = Organisation.objects.create(
        name="Riverside Parish", kind=OrganisationKind.PUBLIC_AGENCY
    )
    funder = Organisation.objects.create(name="Lottery Fund", kind=OrganisationKind.FUNDER)

    def give(kind: str, pence: int, **who: Any) -> Any:
        return record.do_record_contribution(
            source=None,
            recorded_by=coord,
            initiative=initiative,
            stage=world.stage,
            kind=kind,
            quantity=pence,
            unit=Unit.PENCE,
            occurred_on=DAY,
            **who,
        )

    give(ContributionKind.MONEY, 30_000, organisation=parish, side=Side.REGULAR_PRODUCER)
    wrong = give(ContributionKind.MONEY, 5_000, organisation=funder, side=Side.REGULAR_PRODUCER)
    record.contribution_reverse(actor=coord, contribution=wrong, reason="Entered twice")
    give(ContributionKind.MONEY, 2_000, contributor=people["cit1"])
    give(ContributionKind.MONEY, 1_000, contributor=people["cit2"])
    give(ContributionKind.IN_KIND, 1_500, contributor=people["cit3"])
    mistaken = give(ContributionKind.MONEY, 4_000, contributor=people["cit4"])
    record.contribution_reverse(actor=coord, contribution=mistaken, reason="Not given")
    give(ContributionKind.MONEY, 500, contributor=people["pro"])

    def decide(title: str, body: str, starter: Any, **extra: Any) -> Any:
        return record.do_record_decision(
            source=None,
            recorded_by=coord,
            initiative=initiative,
            stage=world.stage,
            title=title,
            decided_by=body,
            rule=DecisionRule.CONSENSUS,
            decided_on=DAY,
            initiated_by=starter,
            **extra,
        )

    decide("Open on Saturdays", DecidingBody.JOINT, people["cit1"])
    decide("Buy a van", DecidingBody.PROFESSIONALS, people["pro"])
    withdrawn = decide("Paint it red", DecidingBody.CITIZENS, people["cit2"])
    record.decision_reverse(actor=coord, decision=withdrawn, reason="Recorded in error")
    decide("Who plans", DecidingBody.PROFESSIONALS, coord, kind=DecisionKind.DECLARATION)
    return people


def test_money_in_is_net_by_source_and_counts_givers_without_naming_them(
    world: World, ledger: dict[str, Any]
) -> None:
    sources = selectors.money_in(world.initiative)
    assert [(s.name, s.kind, s.money, s.in_kind, s.people) for s in sources] == [
        ("Riverside Parish", "Public agency", 30_000, 0, 0),
        ("Residents and service users, as individuals", "Individuals", 3_000, 1_500, 3),
        ("Staff, as individuals", "Individuals", 500, 0, 1),
    ]


def test_decisions_are_counted_by_body_and_starting_side_when_they_stand(
    world: World, ledger: dict[str, Any]
) -> None:
    rows = {
        row.label: (row.by_side, row.total) for row in selectors.decisions_by_body(world.initiative)
    }
    assert rows == {
        "Citizens": ([0, 0, 0], 0),
        "Professionals": ([0, 2, 0], 2),
        "Political representatives": ([0, 0, 0], 0),
        "Jointly, across sides": ([1, 0, 0], 1),
    }
    titles = [d.title for d in selectors.recent_decisions(world.initiative)]
    assert len(titles) == 3 and titles.count("Buy a van") == titles.count("Open on Saturdays") == 1
    assert "Paint it red" not in titles and "Who plans" not in titles


def test_anyone_reads_a_public_initiatives_page_and_no_giver_is_named(
    client: Any, world: World, ledger: dict[str, Any]
) -> None:
    page = client.get(f"/initiatives/{world.initiative.slug}/accountability/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Riverside Parish" in text and "£300.00" in text
    assert "Residents and service users, as individuals (3 people)" in text
    assert "£30.00" in text and "£15.00" in text  # cit1 and cit2's money; cit3's in kind
    assert "Lottery Fund" not in text  # its only entry was reversed
    assert "Secretname" not in text and "cit1" not in text
    assert "Open on Saturdays" in text and "Paint it red" not in text and "Who plans" not in text


def test_a_private_initiatives_page_is_not_found_for_outsiders(
    client: Any, world: World, ledger: dict[str, Any]
) -> None:
    world.initiative.visibility = Visibility.MEMBERS
    world.initiative.save(update_fields=["visibility"])
    url = f"/initiatives/{world.initiative.slug}/accountability/"
    assert client.get(url).status_code == 404
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.force_login(world.member)
    assert client.get(url).status_code == 200


def test_the_demo_page_gathers_every_capabilitys_section(client: Any, db: Any) -> None:
    """Riverside's page, as a visitor reads it: the record's parts, then each capability's
    section from the registry (outcomes, the inspection report, the ratings), axe-free in the
    browser journeys."""
    from coproduce.portal.demo import load_demo

    load_demo()
    page = client.get("/initiatives/riverside-repairs-panel/accountability/")
    assert page.status_code == 200
    headings = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", page.content.decode())
    assert headings[:2] == ["Money and goods in, by source", "Who decided"]
    assert "Outcomes against targets" in headings
    assert "Inspection reports" in headings
    assert 'Ratings and "you said, we did"' in headings


def test_the_page_in_welsh(client: Any, world: World, ledger: dict[str, Any]) -> None:
    client.cookies["django_language"] = "cy"
    page = client.get(f"/initiatives/{world.initiative.slug}/accountability/")
    assert page.status_code == 200
    text = page.content.decode()
    assert f"<h1>Atebolrwydd: {world.initiative.title}</h1>" in text
    assert "Trigolion a defnyddwyr gwasanaethau, fel unigolion (3 o bobl)" in text
    assert "Staff, fel unigolion (1 person)" in text
    assert "Cychwynnwyd gan gynghorwyr" in text
    for english in ("Who decided", "Money and goods in", "as individuals", "started by"):
        assert english not in text
