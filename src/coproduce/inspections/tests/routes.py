"""Who may use each of this app's routes, for the permission grid (tests/test_route_grid.py).

The member is an appointed inspector on the visits; the coordinator (a professional) is
their provider; one visit is in progress, another published."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import World
from coproduce.inspections import services
from coproduce.inspections.models import Purpose, QuestionKind, Visit
from tests.grid import Expectation, Targets, for_all, signed_in

EXPECTED: dict[str, list[Expectation]] = {
    # a public initiative: its published reports are anyone's
    "inspections:overview": [
        ("get", None, for_all(200)),
        ("post", {}, signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200)),
    ],
    "inspections:checklist": [
        ("get", None, signed_in(302, member=200, coordinator=200, other_coordinator=404, staff=200))
    ],
    "inspections:results": [
        ("get", None, signed_in(302, member=200, coordinator=200, other_coordinator=404, staff=200))
    ],
    "inspections:results_csv": [
        ("get", None, signed_in(302, member=403, coordinator=200, other_coordinator=404, staff=200))
    ],
    "inspections:visit": [
        (
            "get",
            None,
            signed_in(302, member=200, coordinator=200, other_coordinator=404, staff=200),
        ),
        (
            "post",
            {"save": "1"},
            signed_in(302, member=302, coordinator=403, other_coordinator=404, staff=403),
        ),
    ],
    "inspections:evidence": [("get", None, for_all(200))],
    "inspections:report": [("get", None, for_all(200))],
    "inspections:report_csv": [("get", None, for_all(200))],
    "api:inspection-list": [
        ("get", None, for_all(200)),
        (
            "post",
            {
                "checklist": "<checklist>",
                "place": "Reception",
                "visit_on": "2026-03-02",
                "provider": "coord",
                "inspectors": ["member"],
            },
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:inspection-detail": [
        ("get", None, signed_in(404, member=200, coordinator=200, other_coordinator=404, staff=200))
    ],
    "api:inspection-answers": [
        (
            "post",
            {"answers": [{"question": "<question>", "answer": "4"}]},
            signed_in(403, member=200, coordinator=403, other_coordinator=404, staff=403),
        )
    ],
    "api:inspection-findings": [
        (
            "post",
            {"text": "Broken door", "severity": "medium"},
            signed_in(403, member=201, coordinator=403, other_coordinator=404, staff=403),
        )
    ],
    "api:inspection-recommendations": [
        (
            "post",
            {"text": "Fix the door"},
            signed_in(403, member=201, coordinator=403, other_coordinator=404, staff=403),
        )
    ],
    "api:inspection-submit": [
        (
            "post",
            {"minutes": {"member": 60}},
            # no answer yet to the required question: the inspector is told which
            signed_in(403, member=400, coordinator=403, other_coordinator=404, staff=403),
        )
    ],
    "api:inspection-respond": [
        (
            "post",
            {"recommendation": 0, "accepted": True},
            signed_in(403, member=400, coordinator=400, other_coordinator=404, staff=400),
        )
    ],
    "api:inspection-action-checks": [
        (
            "post",
            {"response": 0, "done": True},
            signed_in(403, member=400, coordinator=400, other_coordinator=404, staff=400),
        )
    ],
    "api:inspection-naming": [
        (
            "post",
            {"named": True},
            signed_in(403, member=200, coordinator=400, other_coordinator=404, staff=400),
        )
    ],
    "api:inspection-publish": [
        (
            "post",
            {},
            signed_in(403, member=403, coordinator=400, other_coordinator=404, staff=400),
        )
    ],
    "api:inspection-checklist-list": [
        (
            "get",
            None,
            signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=200),
        ),
        (
            "post",
            {"title": "Library", "purpose": "appraisal"},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:inspection-checklist-detail": [
        ("get", None, signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=200))
    ],
    "api:inspection-checklist-questions": [
        (
            "post",
            {"theme": "Access", "text": "Is it open late?", "kind": "yes_no"},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        )
    ],
    "api:inspection-checklist-answer": [
        (
            "post",
            {"answers": [{"question": "<appraisal_question>", "answer": "yes"}]},
            signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403),
        )
    ],
    "api:inspection-checklist-results": [
        ("get", None, signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=200))
    ],
    "api:inspection-checklist-close": [
        ("post", {}, signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200))
    ],
    "api:inspector-list": [
        (
            "get",
            None,
            signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200),
        ),
        (
            "post",
            {"person": "coord", "training": "Course", "trained_on": "2026-01-05"},
            signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
}


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    return SimpleUploadedFile("door.png", out.getvalue(), content_type="image/png")


def targets(world: World) -> Targets:
    coordinator, member = world.coordinator, world.member
    checklist = services.checklist_create(
        actor=coordinator,
        initiative=world.initiative,
        title="Reception",
        purpose=Purpose.INSPECTION,
    )
    question = services.question_add(
        actor=coordinator, checklist=checklist, theme="Welcome", text="Welcome?", kind="rating"
    )
    appraisal = services.checklist_create(
        actor=coordinator, initiative=world.initiative, title="Park", purpose=Purpose.APPRAISAL
    )
    appraisal_question = services.question_add(
        actor=coordinator,
        checklist=appraisal,
        theme="Safety",
        text="Safe at night?",
        kind=QuestionKind.YES_NO,
    )
    services.inspector_appoint(
        actor=coordinator,
        initiative=world.initiative,
        person=member,
        training="Course",
        trained_on=datetime.date(2026, 1, 5),
    )
    day = datetime.date(2026, 3, 1)

    def schedule() -> Visit:
        return services.visit_schedule(
            actor=coordinator,
            initiative=world.initiative,
            checklist=checklist,
            place="Reception",
            visit_on=day,
            provider=coordinator,
            inspectors=[member],
        )

    visit = schedule()
    done = schedule()
    field = services.question_field(question)
    services.visit_save_answers(actor=member, visit=done, answers={field: "3"})
    finding = services.finding_add(
        actor=member, visit=done, text="Door", severity="low", picture=png(), caption="The door"
    )
    recommendation = services.recommendation_add(actor=member, visit=done, text="Fix the door")
    services.visit_submit(actor=member, visit=done, minutes={member.pk: 60})
    services.recommendation_respond(
        actor=coordinator, recommendation=recommendation, accepted=False, reasons="No budget"
    )
    services.visit_publish(actor=coordinator, visit=done)
    evidence = finding.evidence.get()
    slug = world.initiative.slug
    on_visit = {"initiative_slug": slug, "pk": visit.pk}
    return {
        "kwargs": {
            "inspections:checklist": lambda: {"slug": slug, "pk": checklist.pk},
            "inspections:results": lambda: {"slug": slug, "pk": appraisal.pk},
            "inspections:results_csv": lambda: {"slug": slug, "pk": appraisal.pk},
            "inspections:visit": lambda: {"slug": slug, "pk": visit.pk},
            "inspections:evidence": lambda: {"slug": slug, "pk": evidence.pk},
            "inspections:report": lambda: {"slug": slug, "pk": done.pk},
            "inspections:report_csv": lambda: {"slug": slug, "pk": done.pk},
            "api:inspection-detail": lambda: on_visit,
            "api:inspection-answers": lambda: on_visit,
            "api:inspection-findings": lambda: on_visit,
            "api:inspection-recommendations": lambda: on_visit,
            "api:inspection-submit": lambda: on_visit,
            "api:inspection-respond": lambda: on_visit,
            "api:inspection-action-checks": lambda: on_visit,
            "api:inspection-naming": lambda: on_visit,
            "api:inspection-publish": lambda: on_visit,
            "api:inspection-checklist-detail": lambda: {
                "initiative_slug": slug,
                "pk": appraisal.pk,
            },
            "api:inspection-checklist-questions": lambda: {
                "initiative_slug": slug,
                "pk": appraisal.pk,
            },
            "api:inspection-checklist-answer": lambda: {
                "initiative_slug": slug,
                "pk": appraisal.pk,
            },
            "api:inspection-checklist-results": lambda: {
                "initiative_slug": slug,
                "pk": appraisal.pk,
            },
            "api:inspection-checklist-close": lambda: {"initiative_slug": slug, "pk": appraisal.pk},
        },
        "placeholders": {
            "<checklist>": checklist.pk,
            "<question>": question.pk,
            "<appraisal_question>": appraisal_question.pk,
        },
    }
