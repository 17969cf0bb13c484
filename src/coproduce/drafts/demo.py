"""The demo's draft, illustrative and made up: the Riverside repairs panel's drafting group
(a council manager and a tenant) writes a two-section design of the repairs service; one
tenant's amendment was accepted and made version 2, another's is open with support."""

from typing import TYPE_CHECKING

from coproduce.drafts import services
from coproduce.drafts.models import Draft
from coproduce.drafts.services import SectionText

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

SLUG = "riverside-repairs-panel"
TITLE = "Repairs service design"
PURPOSE = (
    "An illustrative example made up for the demo: how tenants report repairs and hear "
    "back, written by tenants and the repairs team together."
)
SECTIONS = [
    SectionText(
        "Reporting a repair",
        "Tenants report a repair by:\n\n* phoning the repairs line, 8am to 6pm\n"
        "* the online form, at any time",
    ),
    SectionText(
        "Hearing back",
        "The repairs team confirms each report within **two working days** and books a "
        "visit with the tenant.",
    ),
]


def load(demo: "Demo") -> None:
    if Draft.objects.filter(initiative__slug=SLUG, title=TITLE).exists():
        return
    initiative = demo.initiative(SLUG)
    amara, jo, rhian, sam = (demo.people[name] for name in ("amara", "jo", "rhian", "sam"))
    draft = services.draft_create(actor=amara, initiative=initiative, title=TITLE, purpose=PURPOSE)
    services.drafting_group_set(actor=amara, draft=draft, people=[amara, jo])
    services.version_save(actor=jo, draft=draft, sections=SECTIONS, reason="First full text")
    accepted = services.amendment_propose(
        actor=rhian,
        draft=draft,
        kind="replace",
        section_key=1,
        body="Tenants report a repair by:\n\n* phoning the repairs line, 8am to 6pm\n"
        "* the online form, at any time\n* text message, with a photo of the problem",
        reason="A photo by text shows the problem before anyone visits.",
    )
    services.amendment_support(actor=sam, amendment=accepted)
    services.amendment_decide(
        actor=amara, amendment=accepted, accept=True, reason="Cheaper visits, quicker fixes."
    )
    still_open = services.amendment_propose(
        actor=sam,
        draft=draft,
        kind="add",
        title="Visits",
        body="Visits are booked in a two-hour window, and the contractor texts on the way.",
        reason="We wait in all day now.",
    )
    services.amendment_support(actor=rhian, amendment=still_open)
