"""An inspection from checklist to published report, through the services, the pages and
the API: the draft, the inspectors' time and the provider's answers in the record, the
background check, who sees what, and appraisals summarised by theme."""

import datetime
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from rest_framework.test import APIClient

from conftest import World, add_member, make_user
from coproduce.core.vocabulary import DecidingBody, Position, Side, StageKind
from coproduce.initiatives import services as initiatives
from coproduce.inspections import panels, services
from coproduce.inspections.models import (
    Answer,
    Evidence,
    Purpose,
    QuestionKind,
    Visit,
    VisitStatus,
)
from coproduce.portal.demo import load_demo
from coproduce.record.models import Contribution, Decision
from coproduce.volunteering import services as volunteering

DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def team(world: World) -> dict[str, Any]:
    """Two appointed inspectors (citizens), the coordinator as the provider (a
    professional), a checklist of four questions and a scheduled visit."""
    jo, sam = make_user("jo", display_name="Jo Bright"), make_user("sam", display_name="Sam Hidden")
    add_member(world.initiative, jo)
    add_member(world.initiative, sam)
    coordinator = world.coordinator
    checklist = services.checklist_create(
        actor=coordinator, initiative=world.initiative, title="Reception", purpose="inspection"
    )
    questions = [
        services.question_add(
            actor=coordinator, checklist=checklist, theme=theme, text=text, kind=kind, required=req
        )
        for theme, text, kind, req in [
            ("Access", "Step-free?", QuestionKind.YES_NO, True),
            ("Access", "Signs clear?", QuestionKind.RATING, True),
            ("Service", "Minutes waited", QuestionKind.NUMBER, True),
            ("Service", "Notes", QuestionKind.TEXT, False),
        ]
    ]
    for person in (jo, sam):
        services.inspector_appoint(
            actor=coordinator,
            initiative=world.initiative,
            person=person,
            training="Inspector course",
            trained_on=datetime.date(2026, 1, 5),
        )
    visit = services.visit_schedule(
        actor=coordinator,
        initiative=world.initiative,
        checklist=checklist,
        place="Housing office",
        visit_on=DAY,
        provider=coordinator,
        inspectors=[jo, sam],
    )
    fields = [services.question_field(q) for q in questions]
    return {
        "world": world,
        "jo": jo,
        "sam": sam,
        "checklist": checklist,
        "visit": visit,
        "fields": fields,
        "questions": questions,
    }


def _complete(team: dict[str, Any]) -> tuple[Visit, list[Any]]:
    jo, visit, fields = team["jo"], team["visit"], team["fields"]
    services.visit_save_answers(
        actor=jo, visit=visit, answers={fields[0]: "no", fields[1]: "4", fields[2]: "25"}
    )
    recommendations = [
        services.recommendation_add(actor=jo, visit=visit, text="Add a ramp"),
        services.recommendation_add(actor=team["sam"], visit=visit, text="=HYPERLINK(1)"),
    ]
    services.visit_submit(actor=jo, visit=visit, minutes={jo.pk: 120, team["sam"].pk: 90})
    return visit, recommendations


def _publish(team: dict[str, Any]) -> Visit:
    visit, (ramp, other) = _complete(team)
    provider = team["world"].coordinator
    services.recommendation_respond(
        actor=provider,
        recommendation=ramp,
        accepted=True,
        action="Fit a ramp",
        due_on=datetime.date(2027, 1, 31),
    )
    services.recommendation_respond(
        actor=provider, recommendation=other, accepted=False, reasons="No room"
    )
    return services.visit_publish(actor=provider, visit=visit)


def _schedule(world: World, checklist: Any, inspectors: list[Any], provider: Any = None) -> Visit:
    """A visit on DAY, the coordinator the provider unless another is named."""
    return services.visit_schedule(
        actor=world.coordinator,
        initiative=world.initiative,
        checklist=checklist,
        place="Office",
        visit_on=DAY,
        provider=provider or world.coordinator,
        inspectors=inspectors,
    )


def test_a_draft_keeps_partial_answers_and_submitting_names_the_missing_one(team) -> None:
    jo, visit, fields = team["jo"], team["visit"], team["fields"]
    services.visit_save_answers(actor=jo, visit=visit, answers={fields[0]: "yes"})
    visit.refresh_from_db()
    assert visit.status == VisitStatus.IN_PROGRESS
    assert list(Answer.objects.values_list("number", "text")) == [(1, "")]
    with pytest.raises(ValidationError) as refused:
        services.visit_submit(actor=jo, visit=visit, minutes={jo.pk: 60, team["sam"].pk: 60})
    assert set(refused.value.message_dict) == {fields[1]}
    assert not Contribution.objects.exists()
    with pytest.raises(ValidationError) as bad:
        services.visit_save_answers(actor=jo, visit=visit, answers={fields[1]: "9"})
    assert bad.value.message_dict == {fields[1]: ["Rate from 1 to 5."]}


def test_submitting_records_each_inspectors_time_in_co_assessment(team) -> None:
    visit, _ = _complete(team)
    rows = Contribution.objects.order_by("quantity").values_list(
        "contributor__username", "quantity", "unit", "side", "paid", "stage__kind", "source_id"
    )
    assert list(rows) == [
        ("sam", 90, "minutes", Side.CITIZEN, False, StageKind.CO_ASSESSMENT, visit.pk),
        ("jo", 120, "minutes", Side.CITIZEN, False, StageKind.CO_ASSESSMENT, visit.pk),
    ]
    visit.refresh_from_db()
    assert visit.status == VisitStatus.SUBMITTED
    with pytest.raises(ValidationError):  # submitted: the answers are final
        services.visit_save_answers(actor=team["jo"], visit=visit, answers={})


def test_each_answer_of_the_provider_is_a_decision_of_the_professional_side(team) -> None:
    visit = _publish(team)
    decisions = Decision.objects.order_by("pk")
    assert [
        (
            d.initiated_by and d.initiated_by.username,
            d.initiated_by_side,
            d.decided_by,
            d.carried,
            d.stage.kind,
        )
        for d in decisions
    ] == [
        (None, Side.CITIZEN, DecidingBody.PROFESSIONALS, True, StageKind.CO_ASSESSMENT),
        (None, Side.CITIZEN, DecidingBody.PROFESSIONALS, False, StageKind.CO_ASSESSMENT),
    ]
    assert [
        list(d.participants.values_list("person__username", "side", "position")) for d in decisions
    ] == [
        [("coord", Side.REGULAR_PRODUCER, Position.FOR)],
        [("coord", Side.REGULAR_PRODUCER, Position.AGAINST)],
    ]
    assert visit.status == VisitStatus.PUBLISHED


def test_the_provider_gives_an_action_and_date_or_reasons(team) -> None:
    _, (ramp, _) = _complete(team)
    provider = team["world"].coordinator
    with pytest.raises(ValidationError) as no_date:
        services.recommendation_respond(
            actor=provider, recommendation=ramp, accepted=True, action="Fit a ramp"
        )
    assert set(no_date.value.message_dict) == {"due_on"}
    with pytest.raises(ValidationError) as no_reasons:
        services.recommendation_respond(actor=provider, recommendation=ramp, accepted=False)
    assert set(no_reasons.value.message_dict) == {"reasons"}
    with pytest.raises(PermissionDenied):  # only the named provider answers
        services.recommendation_respond(
            actor=team["jo"], recommendation=ramp, accepted=False, reasons="x"
        )
    assert not Decision.objects.exists()


def test_someone_not_on_the_visit_cannot_answer_it(team) -> None:
    world = team["world"]
    with pytest.raises(PermissionDenied):
        services.visit_save_answers(
            actor=world.member, visit=team["visit"], answers={team["fields"][0]: "yes"}
        )
    assert not Answer.objects.exists()


def test_vulnerable_people_need_an_enhanced_check_and_the_refusal_says_how(team) -> None:
    world, jo = team["world"], team["jo"]
    checklist = services.checklist_create(
        actor=world.coordinator,
        initiative=world.initiative,
        title="Care home",
        purpose="inspection",
        involves_vulnerable_people=True,
    )
    services.question_add(
        actor=world.coordinator, checklist=checklist, theme="Care", text="Calm?", kind="rating"
    )
    schedule = dict(
        actor=world.coordinator,
        initiative=world.initiative,
        checklist=checklist,
        place="Care home",
        visit_on=DAY,
        provider=world.coordinator,
        inspectors=[jo],
    )
    with pytest.raises(ValidationError) as refused:
        services.visit_schedule(**schedule)
    message = refused.value.message_dict["inspectors"][0]
    assert "enhanced background check" in message and "volunteering page" in message
    volunteering.check_record(
        actor=world.coordinator,
        initiative=world.initiative,
        person=jo,
        level="enhanced",
        checked_on=datetime.date(2026, 2, 1),
        expires_on=datetime.date(2029, 2, 1),
    )
    assert services.visit_schedule(**schedule).team.get().person == jo


def test_the_published_report_names_only_those_who_chose(team, client: Client) -> None:
    services.inspector_naming(actor=team["jo"], visit=team["visit"], named=True)
    visit = _publish(team)
    slug = team["world"].initiative.slug
    page = client.get(f"/initiatives/{slug}/inspections/reports/{visit.pk}/").content.decode()
    assert "Jo Bright" in page and "Sam Hidden" not in page and "1 inspector who chose" in page
    assert "Fit a ramp" in page and "No room" in page
    csv = client.get(f"/initiatives/{slug}/inspections/reports/{visit.pk}/report.csv")
    text = csv.content.decode()
    assert "Jo Bright" in text and "Sam Hidden" not in text and "sam" not in text
    assert "'=HYPERLINK(1)" in text  # a formula is text in a spreadsheet
    api = APIClient().get(f"/api/v1/initiatives/{slug}/inspections/{visit.pk}/").json()
    assert api["inspectors"] == ["jo"]
    assert [r["response"]["accepted"] for r in api["recommendations"]] == [True, False]
    section = panels.accountability(None, team["world"].initiative)  # type: ignore[arg-type]
    assert section is not None and [v.pk for v in section["inspection_reports"]] == [visit.pk]


def test_an_unpublished_report_is_shown_to_no_one_outside_the_visit(team, client: Client) -> None:
    visit, _ = _complete(team)
    world = team["world"]
    slug = world.initiative.slug
    assert client.get(f"/initiatives/{slug}/inspections/reports/{visit.pk}/").status_code == 404
    client.force_login(world.member)
    assert client.get(f"/initiatives/{slug}/inspections/reports/{visit.pk}/").status_code == 404
    assert client.get(f"/initiatives/{slug}/inspections/visits/{visit.pk}/").status_code == 404
    listed = APIClient().get(f"/api/v1/initiatives/{slug}/inspections/").json()
    assert listed["count"] == 0 if isinstance(listed, dict) else listed == []
    assert panels.accountability(None, world.initiative) is None  # type: ignore[arg-type]


def test_evidence_pictures_are_cleaned_and_served_through_the_gate(team, client: Client) -> None:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGB", (20, 10), "blue").save(out, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("door.jpg", out.getvalue(), content_type="image/jpeg")
    services.finding_add(
        actor=team["jo"],
        visit=team["visit"],
        text="Broken door",
        severity="high",
        picture=upload,
        caption="The door",
    )
    evidence = Evidence.objects.get()
    with Image.open(evidence.picture.path) as stored:
        assert not stored.getexif()
    url = f"/initiatives/{team['world'].initiative.slug}/inspections/evidence/{evidence.pk}/"
    assert client.get(url).status_code == 404  # not published
    client.force_login(team["jo"])
    assert client.get(url).status_code == 200


def test_the_visit_page_keeps_a_draft_without_javascript(team, client: Client) -> None:
    client.force_login(team["jo"])
    slug, visit, fields = team["world"].initiative.slug, team["visit"], team["fields"]
    url = f"/initiatives/{slug}/inspections/visits/{visit.pk}/"
    page = client.get(url).content.decode()
    assert (
        "inspections/draft.js" in page and f'data-draft-key="inspection-visit-{visit.pk}"' in page
    )
    saved = client.post(url, {"save": "1", fields[0]: "yes", fields[2]: "12.5"})
    assert saved.status_code == 302 and saved["Location"].endswith("?saved=1")
    assert list(Answer.objects.order_by("number").values_list("number", flat=True)) == [1, 12.5]
    assert "data-draft-saved" in client.get(saved["Location"]).content.decode()
    refused = client.post(
        url,
        {
            "submit": "1",
            fields[0]: "yes",
            f"minutes_{team['jo'].pk}": "60",
            f"minutes_{team['sam'].pk}": "45",
        },
    )
    assert (
        refused.status_code == 400 and "This question needs an answer." in refused.content.decode()
    )
    assert not Contribution.objects.exists()


def test_a_follow_up_checks_the_accepted_actions(team) -> None:
    visit = _publish(team)
    world = team["world"]
    follow_up = services.visit_schedule(
        actor=world.coordinator,
        initiative=world.initiative,
        checklist=team["checklist"],
        place="Housing office",
        visit_on=DAY,
        provider=world.coordinator,
        inspectors=[team["jo"]],
        follows=visit,
    )
    accepted = visit.recommendations.get(response__accepted=True).response
    rejected = visit.recommendations.get(response__accepted=False).response
    check = services.action_check(actor=team["jo"], visit=follow_up, response=accepted, done=True)
    assert (check.done, check.response) == (True, accepted)
    with pytest.raises(ValidationError):
        services.action_check(actor=team["jo"], visit=follow_up, response=rejected, done=True)


def test_api_bad_input_is_a_400_naming_the_field(team) -> None:
    world, jo = team["world"], team["jo"]
    api = APIClient()
    slug = world.initiative.slug
    api.force_login(jo)
    question = team["questions"][1]
    bad = api.post(
        f"/api/v1/initiatives/{slug}/inspections/{team['visit'].pk}/answers/",
        {"answers": [{"question": question.pk, "answer": "nine"}]},
        format="json",
    )
    assert bad.status_code == 400 and list(bad.json()) == [services.question_field(question)]
    api.force_login(world.coordinator)
    for body, field in [
        (
            {
                "checklist": 0,
                "place": "x",
                "visit_on": "2026-03-01",
                "provider": "coord",
                "inspectors": ["jo"],
            },
            "checklist",
        ),
        (
            {
                "checklist": team["checklist"].pk,
                "place": "x",
                "visit_on": "2026-03-01",
                "provider": "jo",
                "inspectors": ["jo"],
            },
            "provider",
        ),
        (
            {
                "checklist": team["checklist"].pk,
                "place": "x",
                "visit_on": "1066-10-14",
                "provider": "coord",
                "inspectors": ["jo"],
            },
            "visit_on",
        ),
    ]:
        answer = api.post(f"/api/v1/initiatives/{slug}/inspections/", body, format="json")
        assert answer.status_code == 400 and field in answer.json(), (field, answer.json())
    assert Visit.objects.count() == 1


def test_an_appraisal_is_one_answer_each_summarised_by_theme(world: World) -> None:
    coordinator = world.coordinator
    appraisal = services.checklist_create(
        actor=coordinator, initiative=world.initiative, title="The park", purpose=Purpose.APPRAISAL
    )
    safe = services.question_add(
        actor=coordinator, checklist=appraisal, theme="Safety", text="Safe?", kind="yes_no"
    )
    rating = services.question_add(
        actor=coordinator, checklist=appraisal, theme="Use", text="Clean?", kind="rating"
    )
    note = services.question_add(
        actor=coordinator,
        checklist=appraisal,
        theme="Use",
        text="Ideas",
        kind="text",
        required=False,
    )
    people = [make_user(f"resident{i}") for i in range(5)]
    for person in people:
        add_member(world.initiative, person)
    answers = [("yes", "5"), ("yes", "4"), ("no", "2"), ("yes", "4")]
    for person, (yes, stars) in zip(people, answers, strict=False):
        services.appraisal_answer(
            actor=person,
            checklist=appraisal,
            answers={
                services.question_field(safe): yes,
                services.question_field(rating): stars,
                services.question_field(note): f"idea of {person.username}",
            },
        )
    slug = world.initiative.slug
    api = APIClient()
    api.force_login(world.member)
    url = f"/api/v1/initiatives/{slug}/inspection-checklists/{appraisal.pk}/results/"
    themes = api.get(url).json()
    assert [t["theme"] for t in themes] == ["Safety", "Use"]
    assert themes[0]["questions"][0]["distribution"] == {"Yes": 3, "No": 1}
    clean = themes[1]["questions"][0]
    assert clean["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 2, "5": 1}
    assert clean["mean"] is None  # four answers: no mean
    assert themes[1]["questions"][1]["texts"] == []  # text answers: for coordinators only
    # a fifth answer gives a mean; answering again changes one's answer, not the count
    services.appraisal_answer(
        actor=people[4],
        checklist=appraisal,
        answers={services.question_field(safe): "no", services.question_field(rating): "1"},
    )
    services.appraisal_answer(
        actor=people[4],
        checklist=appraisal,
        answers={services.question_field(safe): "no", services.question_field(rating): "5"},
    )
    api.force_login(coordinator)
    themes = api.get(url).json()
    assert themes[1]["questions"][0]["mean"] == "4.00"  # (5 + 4 + 2 + 4 + 5) / 5
    assert themes[1]["questions"][1]["texts"] == [f"idea of resident{i}" for i in range(4)]
    csv = Client()
    csv.force_login(coordinator)
    text = csv.get(f"/initiatives/{slug}/inspections/checklists/{appraisal.pk}/results.csv")
    assert "Yes: 3; No: 2" in text.content.decode()
    services.checklist_close(actor=coordinator, checklist=appraisal)
    with pytest.raises(ValidationError):
        services.appraisal_answer(
            actor=people[0], checklist=appraisal, answers={services.question_field(safe): "no"}
        )
    with pytest.raises(ValidationError):  # questions are fixed once answered
        services.question_add(
            actor=coordinator, checklist=appraisal, theme="Use", text="More?", kind="text"
        )


def test_the_demo_inspection_is_published_with_its_responses(db) -> None:
    load_demo()
    visit = Visit.objects.get(place__startswith="Repairs reception")
    assert visit.status == VisitStatus.PUBLISHED
    assert visit.recommendations.filter(response__isnull=False).count() == 2


def test_the_provider_answers_and_a_coordinator_publishes_on_the_page(team, client: Client) -> None:
    visit, (ramp, other) = _complete(team)
    world = team["world"]
    url = f"/initiatives/{world.initiative.slug}/inspections/visits/{visit.pk}/"
    client.force_login(world.coordinator)
    odd = client.post(url, {"respond": "1", "recommendation": "abc"})
    assert odd.status_code == 400 and not Decision.objects.exists()
    refused = client.post(
        url, {"respond": "1", "recommendation": ramp.pk, f"r{ramp.pk}-accepted": "no"}
    )
    assert (
        refused.status_code == 400
        and "Give the reasons for rejecting it." in refused.content.decode()
    )
    for recommendation, data in [
        (ramp, {"accepted": "yes", "action": "Fit a ramp", "due_on": "2027-01-31"}),
        (other, {"accepted": "no", "reasons": "No room"}),
    ]:
        body = {f"r{recommendation.pk}-{k}": v for k, v in data.items()}
        sent = client.post(url, {"respond": "1", "recommendation": recommendation.pk, **body})
        assert sent.status_code == 302
    assert list(Decision.objects.order_by("pk").values_list("carried", flat=True)) == [True, False]
    assert client.post(url, {"publish": "1"}).status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PUBLISHED


def test_a_member_answers_an_appraisal_on_its_page(world: World, client: Client) -> None:
    appraisal = services.checklist_create(
        actor=world.coordinator, initiative=world.initiative, title="Library", purpose="appraisal"
    )
    question = services.question_add(
        actor=world.coordinator,
        checklist=appraisal,
        theme="Hours",
        text="Open late?",
        kind="yes_no",
    )
    url = f"/initiatives/{world.initiative.slug}/inspections/checklists/{appraisal.pk}/"
    client.force_login(world.member)
    assert "Your answers" in client.get(url).content.decode()
    assert client.post(url, {"answer": "1"}).status_code == 400  # the answer is required
    assert (
        client.post(url, {"answer": "1", services.question_field(question): "yes"}).status_code
        == 302
    )
    assert (
        client.post(url, {"question": "1", "theme": "x", "text": "y", "kind": "text"}).status_code
        == 403
    )
    assert list(Answer.objects.values_list("number", flat=True)) == [1]
    assert appraisal.questions.count() == 1


def test_the_record_carries_no_text_of_the_report_and_names_no_inspector(team) -> None:
    """The record is read by anyone who may view the initiative: its entries hold no place,
    recommendation, action or reasons, and no inspector as a decision's initiator."""
    _publish(team)
    assert set(Contribution.objects.values_list("description", flat=True)) == {
        "Time on a citizen inspection"
    }
    assert list(
        Decision.objects.order_by("pk").values_list(
            "title", "outcome", "initiated_by", "initiated_by_side"
        )
    ) == [
        ("Answer to an inspection recommendation", "Accepted", None, Side.CITIZEN),
        ("Answer to an inspection recommendation", "Rejected", None, Side.CITIZEN),
    ]


def test_an_inspection_checklist_has_no_results(team, client: Client) -> None:
    world = team["world"]
    services.visit_save_answers(
        actor=team["jo"], visit=team["visit"], answers={team["fields"][3]: "draft secret"}
    )
    slug, pk = world.initiative.slug, team["checklist"].pk
    api = APIClient()
    for who in (world.member, world.coordinator):
        api.force_login(who)
        url = f"/api/v1/initiatives/{slug}/inspection-checklists/{pk}/results/"
        assert api.get(url).status_code == 404
        client.force_login(who)
        base = f"/initiatives/{slug}/inspections/checklists/{pk}/"
        assert client.get(base + "results/").status_code == 404
        assert client.get(base + "results.csv").status_code == 404


def test_guidance_is_shown_as_text_never_as_html(team, client: Client) -> None:
    world = team["world"]
    checklist, appraisal = (
        services.checklist_create(
            actor=world.coordinator, initiative=world.initiative, title="Desk", purpose=purpose
        )
        for purpose in ("inspection", "appraisal")
    )
    for each in (checklist, appraisal):
        services.question_add(
            actor=world.coordinator,
            checklist=each,
            theme="Desk",
            text="Tidy?",
            kind="yes_no",
            guidance="<b>x</b>",
        )
    visit = _schedule(world, checklist, [team["jo"]])
    slug = world.initiative.slug
    client.force_login(team["jo"])
    for url in (
        f"/initiatives/{slug}/inspections/checklists/{checklist.pk}/",
        f"/initiatives/{slug}/inspections/checklists/{appraisal.pk}/",  # the answers form
        f"/initiatives/{slug}/inspections/visits/{visit.pk}/",
    ):
        page = client.get(url).content.decode()
        assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page, url


def test_numbers_out_of_range_are_refused_naming_the_question(team, client: Client) -> None:
    world, jo, fields = team["world"], team["jo"], team["fields"]
    for raw in ("1e999999999", "-1e999999999", "1e-999999999", "Infinity", "NaN"):
        for field in (fields[1], fields[2]):
            with pytest.raises(ValidationError) as refused:
                services.visit_save_answers(actor=jo, visit=team["visit"], answers={field: raw})
            assert list(refused.value.message_dict) == [field], raw
    slug = world.initiative.slug
    client.force_login(jo)
    page = client.post(
        f"/initiatives/{slug}/inspections/visits/{team['visit'].pk}/",
        {"save": "1", fields[2]: "1e999999999"},
    )
    assert page.status_code == 400 and "Give a number under a million" in page.content.decode()
    appraisal = services.checklist_create(
        actor=world.coordinator, initiative=world.initiative, title="Park", purpose="appraisal"
    )
    count = services.question_add(
        actor=world.coordinator, checklist=appraisal, theme="Use", text="Visits", kind="number"
    )
    api = APIClient()
    api.force_login(world.member)
    answer = api.post(
        f"/api/v1/initiatives/{slug}/inspection-checklists/{appraisal.pk}/answer/",
        {"answers": [{"question": count.pk, "answer": "1e999999999"}]},
        format="json",
    )
    assert answer.status_code == 400 and list(answer.json()) == [services.question_field(count)]
    assert not Answer.objects.exists()


def test_an_out_of_range_inspector_id_is_a_form_error_not_a_crash(team, client: Client) -> None:
    world = team["world"]
    slug = world.initiative.slug
    client.force_login(world.coordinator)
    form = {
        "visit": "1",
        "checklist": team["checklist"].pk,
        "place": "Office",
        "visit_on": "2026-03-01",
        "provider": world.coordinator.pk,
        "inspectors": team["jo"].pk,
    }
    huge = "99999999999999999999"
    for field in ("inspectors", "follows", "checklist", "provider"):
        page = client.post(f"/initiatives/{slug}/inspections/", {**form, field: huge})
        assert page.status_code == 400 and field in page.context["visit_form"].errors, field
    api = APIClient()
    api.force_login(world.coordinator)
    answer = api.post(
        f"/api/v1/initiatives/{slug}/inspections/",
        {
            "checklist": team["checklist"].pk,
            "place": "Office",
            "visit_on": "2026-03-01",
            "provider": "coord",
            "inspectors": [99999999999999999999],
            "follows": 99999999999999999999,
        },
        format="json",
    )
    assert answer.status_code == 400
    assert Visit.objects.count() == 1


def test_a_provider_who_left_no_longer_sees_the_visit(team, client: Client) -> None:
    world = team["world"]
    provider = make_user("pat", display_name="Pat Provider")
    add_member(world.initiative, provider, side=Side.REGULAR_PRODUCER)
    visit = _schedule(world, team["checklist"], [team["jo"]], provider=provider)
    slug = world.initiative.slug
    url = f"/initiatives/{slug}/inspections/visits/{visit.pk}/"
    api_url = f"/api/v1/initiatives/{slug}/inspections/{visit.pk}/"
    client.force_login(provider)
    api = APIClient()
    api.force_login(provider)
    assert client.get(url).status_code == 200 and api.get(api_url).status_code == 200
    initiatives.membership_leave(actor=provider, initiative=world.initiative)
    assert client.get(url).status_code == 404 and api.get(api_url).status_code == 404


def test_a_numbers_mean_and_range_need_five_answers(world: World) -> None:
    """A mean or a range of fewer than five answers would tell one person's own number."""
    appraisal = services.checklist_create(
        actor=world.coordinator,
        initiative=world.initiative,
        title="The bus stop",
        purpose=Purpose.APPRAISAL,
    )
    wait = services.question_add(
        actor=world.coordinator,
        checklist=appraisal,
        theme="Waiting",
        text="Minutes waited",
        kind="number",
    )
    url = (
        f"/api/v1/initiatives/{world.initiative.slug}/inspection-checklists/{appraisal.pk}/results/"
    )
    api = APIClient()
    api.force_login(world.member)
    for n, minutes in enumerate(["12", "3", "40", "7", "8"]):
        person = make_user(f"waiter{n}")
        add_member(world.initiative, person)
        services.appraisal_answer(
            actor=person, checklist=appraisal, answers={services.question_field(wait): minutes}
        )
        found = api.get(url).json()[0]["questions"][0]
        shown = (found["answered"], found["mean"], found["lowest"], found["highest"])
        if n < 4:
            assert shown == (n + 1, None, None, None)
    assert shown == (5, "14.00", "3.00", "40.00")


def test_the_pages_in_welsh(team, client: Client) -> None:
    world = team["world"]
    slug = world.initiative.slug
    client.cookies["django_language"] = "cy"
    client.force_login(team["jo"])
    visit_url = f"/initiatives/{slug}/inspections/visits/{team['visit'].pk}/"
    draft = client.get(visit_url).content.decode()
    assert "Cadw'r drafft" in draft
    assert "Y munudau a roddodd Jo Bright" in draft and "Ychwanegu canfyddiad" in draft
    refused = client.post(visit_url, {"submit": "1"})
    assert refused.status_code == 400 and "Mae problem" in refused.content.decode()
    services.inspector_naming(actor=team["jo"], visit=team["visit"], named=True)
    visit = _publish(team)
    client.force_login(world.coordinator)
    report = client.get(f"/initiatives/{slug}/inspections/reports/{visit.pk}/").content.decode()
    assert "Arolygwyr: Jo Bright a 1 arolygydd a ddewisodd beidio â chael ei enwi." in report
    assert "<td>Derbyniwyd</td>" in report and "<td>Gwrthodwyd</td>" in report
    overview = client.get(f"/initiatives/{slug}/inspections/").content.decode()
    assert "<h1>Arolygiadau ac arfarniadau</h1>" in overview
    assert "Trefnu'r ymweliad" in overview
    checklist = client.get(
        f"/initiatives/{slug}/inspections/checklists/{team['checklist'].pk}/"
    ).content.decode()
    assert "Ychwanegu'r cwestiwn" in checklist
    for page in (draft, report, overview, checklist):
        for english in ("Save the draft", "Inspection report", "Add the question", "Not answered"):
            assert english not in page
