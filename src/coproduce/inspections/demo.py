"""The demo's inspection (illustrative): Riverside's tenant inspectors visit the repairs
service's reception with a checklist, and the council's officer answers their
recommendations; the report is published."""

import datetime
from typing import TYPE_CHECKING

from coproduce.inspections import services
from coproduce.inspections.models import Checklist, Purpose, QuestionKind

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

TITLE = "Repairs reception: tenant inspection"
QUESTIONS = [
    ("Getting there", "Is the entrance step-free?", "", QuestionKind.YES_NO),
    (
        "Getting there",
        "How easy was it to find the reception?",
        "1 very hard, 5 very easy",
        QuestionKind.RATING,
    ),
    (
        "Being served",
        "Minutes waited before being seen",
        "From arriving to being greeted",
        QuestionKind.NUMBER,
    ),
    (
        "Being served",
        "How well were you listened to?",
        "1 not at all, 5 very well",
        QuestionKind.RATING,
    ),
    ("Being served", "Anything else you noticed", "", QuestionKind.TEXT),
]
ANSWERS = ["no", "3", "25", "4", "Staff were friendly; the queue system was unclear."]


def load(demo: "Demo") -> None:
    panel = demo.initiative("riverside-repairs-panel")
    if Checklist.objects.filter(initiative=panel, title=TITLE).exists():
        return
    amara, jo, sam = demo.people["amara"], demo.people["jo"], demo.people["sam"]
    checklist = services.checklist_create(
        actor=amara,
        initiative=panel,
        title=TITLE,
        purpose=Purpose.INSPECTION,
        description="Illustrative: a visit as a tenant would make it.",
    )
    questions = [
        services.question_add(
            actor=amara, checklist=checklist, theme=theme, text=text, guidance=guidance, kind=kind
        )
        for theme, text, guidance, kind in QUESTIONS
    ]
    today = datetime.date.today()
    for person in (jo, sam):
        services.inspector_appoint(
            actor=amara,
            initiative=panel,
            person=person,
            training="Tenant inspector course (half a day)",
            trained_on=today - datetime.timedelta(days=40),
        )
    visit = services.visit_schedule(
        actor=amara,
        initiative=panel,
        checklist=checklist,
        place="Repairs reception, Riverside housing office",
        visit_on=today - datetime.timedelta(days=14),
        provider=amara,
        inspectors=[jo, sam],
    )
    services.visit_save_answers(
        actor=jo,
        visit=visit,
        answers={services.question_field(q): a for q, a in zip(questions, ANSWERS, strict=True)},
    )
    services.finding_add(
        actor=jo,
        visit=visit,
        text="The only entrance has two steps and no ramp.",
        severity="high",
    )
    ramp = services.recommendation_add(
        actor=jo, visit=visit, text="Put a ramp or a bell at the entrance."
    )
    queue = services.recommendation_add(
        actor=sam, visit=visit, text="Replace the ticket machine with a staffed desk."
    )
    services.inspector_naming(actor=jo, visit=visit, named=True)
    services.visit_submit(actor=sam, visit=visit, minutes={jo.pk: 120, sam.pk: 90})
    services.recommendation_respond(
        actor=amara,
        recommendation=ramp,
        accepted=True,
        action="Fit a portable ramp and a call bell",
        due_on=today + datetime.timedelta(days=60),
    )
    services.recommendation_respond(
        actor=amara,
        recommendation=queue,
        accepted=False,
        reasons="The office has one member of staff; the machine lets them see people in order.",
    )
    services.visit_publish(actor=amara, visit=visit)
