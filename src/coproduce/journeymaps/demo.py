"""The demo's journey map, illustrative and made up: tenants and the repairs team of the open
Riverside panel map "Getting a repair done". Three tenants and three staff say how the tenant
feels at each stage, so the means show; waiting for the appointment is where they see it
differently. Seed 004 names customer journey mapping among the ways to co-design a service;
nothing here is a fact about a real case."""

from typing import TYPE_CHECKING

from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives.demo import join_demo_member
from coproduce.journeymaps import services
from coproduce.journeymaps.models import JourneyMap, NoteKind

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

SLUG = "riverside-repairs-panel"
TITLE = "Getting a repair done"
DESCRIPTION = (
    "Illustrative demo map, made up for trying the platform: a tenant's repair from reporting "
    "it to living with the result, as tenants and the repairs team see it."
)
STAFF = (("priya", Role.FRONTLINE_PROFESSIONAL), ("tom", Role.MANAGER))
STAGES = ("Reporting the repair", "Waiting for the appointment", "The visit", "After the repair")
# each stage's feelings: (username, feeling, what they say)
FEELINGS = (
    (
        ("jo", -1, "Unsure the call was logged at all."),
        ("sam", 0, "Easy enough online."),
        ("rhian", -1, "Long hold on the phone line."),
        ("amara", 0, "Most reports arrive complete."),
        ("priya", 1, "The new form asks the right questions."),
        ("tom", 0, "Calls peak on Monday mornings."),
    ),
    (
        ("jo", -2, "No idea when anyone will come."),
        ("sam", -2, "Took a day off work and nobody came."),
        ("rhian", -1, "Chasing by phone twice a week."),
        ("amara", 0, "Appointments are booked within our target."),
        ("priya", 1, "We text when the job is booked."),
        ("tom", 0, "Contractors set their own slots."),
    ),
    (
        ("jo", 1, "The operative was polite and quick."),
        ("sam", 0, "Fine, but they needed a second visit."),
        ("rhian", 1, "Cleaned up after themselves."),
        ("amara", 1, "First-time fixes are rising."),
        ("priya", 2, "Tenants thank the operatives."),
        ("tom", 1, "Vans carry more common parts now."),
    ),
)
# other notes: (stage index, username, kind, text)
NOTES = (
    (0, "rhian", NoteKind.TOUCHPOINT, "Repairs phone line"),
    (0, "priya", NoteKind.TOUCHPOINT, "Online repairs form"),
    (0, "jo", NoteKind.DOES, "Describes the leak and sends a photo."),
    (0, "sam", NoteKind.THINKS, "Will anyone read this?"),
    (1, "sam", NoteKind.PAIN_POINT, "A whole day's window for the appointment."),
    (1, "jo", NoteKind.PAIN_POINT, "No way to see where the job is."),
    (1, "tom", NoteKind.PAIN_POINT, "Missed appointments when nobody is in."),
    (1, "rhian", NoteKind.IDEA, "A text the day before with a two-hour slot."),
    (1, "amara", NoteKind.IDEA, "A job tracker on the tenants' portal."),
    (2, "priya", NoteKind.TOUCHPOINT, "The operative at the door"),
    (2, "sam", NoteKind.PAIN_POINT, "A second visit for a part."),
    (3, "jo", NoteKind.DOES, "Checks the repair holds after rain."),
    (3, "amara", NoteKind.IDEA, "Ask tenants a week later if the fix held."),
)


def load(demo: "Demo") -> None:
    panel = demo.initiative(SLUG)
    if JourneyMap.objects.filter(initiative=panel).exists():
        return
    for username, role in STAFF:
        join_demo_member(panel, demo.people[username], Side.REGULAR_PRODUCER, role, "")
    amara = demo.people["amara"]
    journey_map = services.journey_map_save(
        actor=amara, initiative=panel, title=TITLE, description=DESCRIPTION
    )
    stages = [
        services.journey_stage_add(actor=amara, journey_map=journey_map, name=name)
        for name in STAGES
    ]
    for stage, feelings in zip(stages, FEELINGS, strict=False):
        for username, feeling, text in feelings:
            services.journey_note_add(
                actor=demo.people[username],
                journey_map=journey_map,
                stage=stage,
                kind=NoteKind.FEELS,
                text=text,
                feeling=feeling,
            )
    added = [
        services.journey_note_add(
            actor=demo.people[username],
            journey_map=journey_map,
            stage=stages[index],
            kind=kind,
            text=text,
        )
        for index, username, kind, text in NOTES
    ]
    services.pain_point_mark(actor=amara, note=added[4], status="taken_up")
