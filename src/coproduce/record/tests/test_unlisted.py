"""Entries a capability lists to their contributor alone (``Writes.listed_to_contributor_
only``): a citizen inspector's time, a peer supporter's session, a journey-map note and a
survey response are theirs to see one by one; everyone else, coordinators and staff too,
sees them only in the totals, as with votes."""

import datetime
from typing import Any

from django.contrib import admin
from django.test import Client
from rest_framework.test import APIClient

from conftest import World, add_member, make_user
from coproduce.core import capabilities
from coproduce.inspections import services as inspections
from coproduce.record.models import Contribution
from coproduce.record.selectors import contributions_for, record_totals
from coproduce.search.models import SearchDocument


def submitted_visit(world: World) -> Any:
    jo = make_user("jo", display_name="Jo Bright")
    add_member(world.initiative, jo)
    lead = world.coordinator
    checklist = inspections.checklist_create(
        actor=lead, initiative=world.initiative, title="Reception", purpose="inspection"
    )
    question = inspections.question_add(
        actor=lead, checklist=checklist, theme="Getting in", text="Step-free?", kind="yes_no"
    )
    inspections.inspector_appoint(
        actor=lead,
        initiative=world.initiative,
        person=jo,
        training="Inspector course",
        trained_on=datetime.date(2026, 1, 5),
    )
    visit = inspections.visit_schedule(
        actor=lead,
        initiative=world.initiative,
        checklist=checklist,
        place="Housing office",
        visit_on=datetime.date(2026, 3, 1),
        provider=lead,
        inspectors=[jo],
    )
    inspections.visit_save_answers(
        actor=jo, visit=visit, answers={inspections.question_field(question): "no"}
    )
    inspections.visit_submit(actor=jo, visit=visit, minutes={jo.pk: 90})
    return jo


def test_the_entries_that_would_name_someone_are_declared_unlisted() -> None:
    """An inspector's time, a peer-support session (who was supported), a journey-map note
    (its author, named to active members only) and a survey response (whose answers moved
    the live results)."""
    assert sorted(capabilities.unlisted_sources()) == [
        "financing.Pledge",
        "inspections.Visit",
        "journeymaps.JourneyNote",
        "peersupport.Session",
        "surveys.Response",
    ]


def test_an_inspectors_time_is_listed_to_them_alone_and_counted_for_all(
    world: World, api: APIClient, client: Any
) -> None:
    jo = submitted_visit(world)
    entry = Contribution.objects.get(contributor=jo)
    assert (entry.quantity, entry.stage.kind) == (90, "co_assessment")
    assert list(contributions_for(world.initiative, jo)) == [entry]
    for viewer in (None, world.coordinator, world.staff, world.member):
        assert list(contributions_for(world.initiative, viewer)) == []
    url = f"/api/v1/initiatives/{world.initiative.slug}/contributions/"
    assert api.get(url).json()["count"] == 0
    assert api.get(f"{url}{entry.pk}/").status_code == 404
    api.force_authenticate(jo)
    assert [row["id"] for row in api.get(url).json()["results"]] == [entry.pk]
    page = client.get(f"/initiatives/{world.initiative.slug}/record/").content.decode()
    assert "Jo Bright" not in page
    by_stage = {row.key: row.minutes for row in record_totals(world.initiative)["stage"]}
    assert by_stage["co_assessment"] == 90  # counted in the totals all the same


def test_the_admin_lists_no_unlisted_entry_and_has_no_search_index(
    world: World, client: Any
) -> None:
    """Staff reading the admin see the record as everyone sees it one by one: not the
    inspector's time; nor the search index, which holds a hidden idea's text."""
    jo = submitted_visit(world)
    entry = Contribution.objects.get(contributor=jo)
    client.force_login(world.staff)
    listing = client.get("/admin/record/contribution/")
    assert listing.status_code == 200
    assert entry.pk not in [c.pk for c in listing.context["cl"].result_list]
    assert client.get(f"/admin/record/contribution/{entry.pk}/change/").status_code == 302
    verifications = client.get("/admin/record/contributionverification/")
    assert verifications.status_code == 200
    assert not admin.site.is_registered(SearchDocument)
    assert client.get("/admin/search/searchdocument/").status_code == 404


def test_the_record_page_says_how_many_entries_it_counts_but_does_not_list(
    world: World,
) -> None:
    """A figure's entries linked from the diagnostics added up to less than the figure, with
    nothing saying why. The number is the whole record's, whatever the filter: one for a
    day and a side would say who voted that day."""
    jo = submitted_visit(world)
    address = f"/initiatives/{world.initiative.slug}/record/"
    said = (
        "1 entry of this record is counted in its totals but listed only to the person who "
        "gave it (a vote, a pledge, a survey answer and the like)."
    )
    visitor = Client()
    for asked in ({}, {"kind": "time"}, {"kind": "money"}, {"side": "political"}):
        assert said in visitor.get(address, asked).content.decode(), asked
    inspector = Client()
    inspector.force_login(jo)
    assert said not in inspector.get(address).content.decode()
