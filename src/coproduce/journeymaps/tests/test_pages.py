"""The journey map's pages: the grid and the per-side table, authors named to members only
(not on the page to outsiders, never in the CSV), private initiatives answering 404, bad
input answered 400 with the field to fix and nothing saved."""

import csv
import io

from django.test import Client
from django.urls import reverse

from conftest import World
from coproduce.initiatives.models import Visibility
from coproduce.journeymaps import services
from coproduce.journeymaps.models import JourneyMap, JourneyNote, JourneyStage
from coproduce.journeymaps.tests.conftest import (
    Journey,
    as_text,
    feel,
    note,
    residents,
    staff_members,
)


def map_url(journey: Journey) -> str:
    return reverse("journeymaps:map", args=[journey.map.initiative.slug, journey.map.pk])


def signed_in(person: object) -> Client:
    client = Client()
    client.force_login(person)  # type: ignore[arg-type]
    return client


def test_the_grid_shows_each_stage_with_notes_by_kind_and_the_sides_difference(
    world: World, journey: Journey
) -> None:
    feel(journey, residents(world, 3), [-2, -2, -1])
    feel(journey, staff_members(world, 3), [1, 1, 0])
    note(journey, world.member)
    page = as_text(signed_in(world.member).get(map_url(journey)))
    assert page.count('class="journey-stage journey-differs"') == 1
    assert page.count('class="journey-stage"') == 2
    assert "<strong>Seen differently</strong>" in page
    assert "Citizens: feel -1.7 (very bad); 1 pain point" in page
    assert "Staff: feel +0.7 (good); 0 pain points" in page
    assert "1 stage is seen differently." in page
    assert page.count("<h4>Pain points</h4>") == 3
    assert "Nobody said when they would come." in page


def test_authors_are_named_to_members_only(world: World, journey: Journey) -> None:
    note(journey, world.member)
    assert "Mo Member" in as_text(signed_in(world.member).get(map_url(journey)))
    assert "Mo Member" in as_text(signed_in(world.coordinator).get(map_url(journey)))
    for client in (Client(), signed_in(world.outsider), signed_in(world.staff)):
        page = as_text(client.get(map_url(journey)))
        assert "Nobody said when they would come." in page
        assert "Mo Member" not in page and ">member<" not in page
    pain = JourneyNote.objects.get()
    url = reverse("journeymaps:note", args=[world.initiative.slug, journey.map.pk, pain.pk])
    assert "Mo Member" not in as_text(Client().get(url))
    assert "Mo Member" in as_text(signed_in(world.member).get(url))


def test_the_csv_gives_sides_never_names(world: World, journey: Journey) -> None:
    [officer] = staff_members(world, 1)
    feel(journey, [officer], [-1], stage=1)
    note(journey, world.member)
    url = reverse("journeymaps:csv", args=[world.initiative.slug, journey.map.pk])
    response = signed_in(world.coordinator).get(url)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["stage_order", "stage", "kind", "side", "feeling", "text", "status"],
        [
            "1",
            "Reporting the repair",
            "pain_point",
            "citizen",
            "",
            "Nobody said when they would come.",
            "open",
        ],
        ["2", "Waiting for the visit", "feels", "regular_producer", "-1", "Feeling -1", ""],
    ]
    text = response.content.decode()
    assert "Mo Member" not in text and "member" not in text.replace("Nobody", "")
    assert "officer0" not in text and "Officer" not in text


def test_a_formula_in_a_note_is_neutralised_in_the_csv(world: World, journey: Journey) -> None:
    services.journey_note_add(
        actor=world.member,
        journey_map=journey.map,
        stage=journey.stages[0],
        kind="idea",
        text="=HYPERLINK(1)",
    )
    url = reverse("journeymaps:csv", args=[world.initiative.slug, journey.map.pk])
    assert "'=HYPERLINK(1)" in Client().get(url).content.decode()


def test_a_private_initiatives_map_is_not_found(world: World, journey: Journey) -> None:
    world.initiative.visibility = Visibility.MEMBERS
    world.initiative.save()
    pain = note(journey, world.member)
    slug, pk = world.initiative.slug, journey.map.pk
    urls = [
        reverse("journeymaps:overview", args=[slug]),
        reverse("journeymaps:map", args=[slug, pk]),
        reverse("journeymaps:csv", args=[slug, pk]),
        reverse("journeymaps:note", args=[slug, pk, pain.pk]),
        reverse("api:journeymap-summary", args=[slug, pk]),
        reverse("api:journeymap-notes", args=[slug, pk]),
    ]
    for url in urls:
        assert Client().get(url).status_code == 404, url
        assert signed_in(world.outsider).get(url).status_code == 404, url
        assert signed_in(world.member).get(url).status_code == 200, url


def test_a_map_of_another_initiative_is_not_found_here(world: World, journey: Journey) -> None:
    url = reverse("journeymaps:map", args=[world.other.slug, journey.map.pk])
    assert signed_in(world.coordinator).get(url).status_code == 404


def test_a_member_adds_a_note_through_the_form(world: World, journey: Journey) -> None:
    url = reverse("journeymaps:note_add", args=[world.initiative.slug, journey.map.pk])
    stage = journey.stages[1]
    response = signed_in(world.member).post(
        url, {"stage": stage.pk, "kind": "feels", "feeling": "-2", "text": "Stuck in all day."}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{map_url(journey)}#stage-{stage.pk}"
    added = JourneyNote.objects.get()
    assert (added.stage, added.kind, added.feeling, added.side) == (stage, "feels", -2, "citizen")


def test_bad_notes_are_answered_400_with_what_to_fix(world: World, journey: Journey) -> None:
    url = reverse("journeymaps:note_add", args=[world.initiative.slug, journey.map.pk])
    client = signed_in(world.member)
    cases = [
        (
            {"kind": "feels", "feeling": "5", "text": "Bad"},
            "Select a valid choice. 5 is not one of the available choices.",
        ),
        (
            {"kind": "feels", "feeling": "", "text": "Bad"},
            "Choose a feeling from -2 (very bad) to +2 (very good).",
        ),
        (
            {"kind": "idea", "feeling": "1", "text": "Text me"},
            "Only a note on how the person feels takes a feeling; leave it empty.",
        ),
        ({"kind": "idea", "feeling": "", "text": "   "}, "This field is required."),
        (
            {"kind": "idea", "feeling": "", "text": "x" * 1001},
            "Ensure this value has at most 1000 characters (it has 1001).",
        ),
    ]
    for fields, message in cases:
        response = client.post(url, {"stage": journey.stages[0].pk, **fields})
        assert response.status_code == 400, fields
        assert message in response.content.decode(), fields
    other = JourneyStage.objects.create(journey_map=_another_map(world), name="Keys", position=1)
    response = client.post(url, {"stage": other.pk, "kind": "idea", "text": "Hi"})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert JourneyNote.objects.count() == 0


def _another_map(world: World) -> JourneyMap:
    return services.journey_map_save(
        actor=world.coordinator, initiative=world.initiative, title="Moving in"
    )


def test_coordinators_reorder_stages_on_the_stages_page(world: World, journey: Journey) -> None:
    slug, pk = world.initiative.slug, journey.map.pk
    last = journey.stages[2]
    client = signed_in(world.coordinator)
    url = reverse("journeymaps:stage_move", args=[slug, pk, last.pk])
    assert client.post(url, {"position": "1"}).status_code == 302
    page = as_text(client.get(reverse("journeymaps:stages", args=[slug, pk])))
    assert page.index("The repair is done") < page.index("Reporting the repair")
    response = client.post(url, {"position": "9"}, follow=True)
    assert "Give a place from 1 to 3." in as_text(response)
    names = JourneyStage.objects.filter(journey_map=journey.map).values_list("name", flat=True)
    assert list(names) == ["The repair is done", "Reporting the repair", "Waiting for the visit"]


def test_a_coordinator_removes_a_note_with_a_reason_and_marks_a_pain_point(
    world: World, journey: Journey
) -> None:
    pain = note(journey, world.member)
    slug, pk = world.initiative.slug, journey.map.pk
    client = signed_in(world.coordinator)
    status_url = reverse("journeymaps:note_status", args=[slug, pk, pain.pk])
    assert client.post(status_url, {"status": "taken_up"}).status_code == 302
    assert JourneyNote.objects.get().status == "taken_up"
    url = reverse("journeymaps:note", args=[slug, pk, pain.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Say why you are removing someone else&#x27;s note." in as_text(response)
    assert JourneyNote.objects.get().removed_at is None
    assert client.post(url, {"reason": "Names a neighbour"}).status_code == 302
    assert JourneyNote.objects.get().removed_at is not None
    assert "Nobody said when" not in as_text(client.get(map_url(journey)))
    assert client.get(url).status_code == 404


def test_user_text_is_escaped(world: World, journey: Journey) -> None:
    services.journey_note_add(
        actor=world.member,
        journey_map=journey.map,
        stage=journey.stages[0],
        kind="idea",
        text="<script>x()</script>",
    )
    page = as_text(Client().get(map_url(journey)))
    assert "<script>x()" not in page and "&lt;script&gt;x()" in page


def test_the_panel_lists_the_maps(world: World, journey: Journey) -> None:
    page = as_text(Client().get(world.initiative.get_absolute_url()))
    assert "Getting a repair done" in page and "3 stages, 0 notes" in page


def test_the_map_form_names_editors_who_then_see_the_stages_page(
    world: World, journey: Journey
) -> None:
    slug, pk = world.initiative.slug, journey.map.pk
    stages_url = reverse("journeymaps:stages", args=[slug, pk])
    assert signed_in(world.member).get(stages_url).status_code == 403
    edit = reverse("journeymaps:edit", args=[slug, pk])
    page = as_text(signed_in(world.coordinator).get(edit))
    assert "Mo Member" in page and "outsider" not in page  # active members only
    response = signed_in(world.coordinator).post(
        edit, {"title": journey.map.title, "editors": [world.member.pk]}
    )
    assert response.status_code == 302
    assert list(journey.map.editors.all()) == [world.member]
    assert signed_in(world.member).get(stages_url).status_code == 200
    assert ">Stages</a>" in as_text(signed_in(world.member).get(map_url(journey)))
