"""The demo's citizens' panel: an illustrative jury on repairs priorities, in the manner of
the citizens' jury on health spending priorities that seed 001 lists under co-planning. The
pool of 60 people, their features and the quotas are invented; the draw
uses the legacy algorithm with a fixed seed, so loading stays quick."""

import datetime
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from coproduce.panels import services
from coproduce.panels.drawing import selection_perform
from coproduce.panels.models import Algorithm, Panel

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

FEATURES = {
    "Age band": [("16-34", 3, 5), ("35-59", 3, 5), ("60+", 2, 4)],
    "Area": [("North", 3, 5), ("South", 3, 5), ("Centre", 2, 4)],
    "Attitude to the issue": [("Satisfied", 2, 5), ("Unsure", 2, 5), ("Dissatisfied", 2, 5)],
}
SOURCE = "Illustrative figures (not a census)"
POOL = 60
SEED = 2002


def load(demo: "Demo") -> None:
    initiative = demo.initiative("riverside-repairs-panel")
    if Panel.objects.filter(initiative=initiative).exists():
        return
    coordinator = demo.people["amara"]
    today = timezone.localdate()
    panel = services.panel_create(
        actor=coordinator,
        initiative=initiative,
        stage=services.default_stage(initiative) or initiative.stages.all()[0],
        title="Illustrative citizens' jury: repairs priorities",
        remit="Which three kinds of repair should come first when money is short? "
        "(An illustrative demo panel: its people and figures are invented.)",
        size=12,
        commissioner_name="Illustrative housing board",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today - datetime.timedelta(days=10),
        answers_due_on=today + datetime.timedelta(days=30),
        consent_text="I agree that the coordinators keep my details to draw the panel.",
    )
    for name, categories in FEATURES.items():
        services.feature_define(
            actor=coordinator,
            panel=panel,
            name=name,
            categories=[
                {"name": c, "quota_min": low, "quota_max": high, "source": SOURCE}
                for c, low, high in categories
            ],
        )
    rng = random.Random(SEED)
    header = ["reference", "name", "address", "postcode", *FEATURES]
    lines = [",".join(header)]
    for number in range(1, POOL + 1):
        cells = [f"D{number:03}", f"Demo person {number}", f"{number} Example Road", "ZZ9 9ZZ"]
        cells += [rng.choice(categories)[0] for categories in FEATURES.values()]
        lines.append(",".join(cells))
    services.pool_import(
        actor=coordinator, panel=panel, csv_text="\n".join(lines), consent_confirmed=True
    )
    run = services.selection_request(
        actor=coordinator, panel=panel, algorithm=Algorithm.LEGACY, seed=SEED
    )
    selection_perform(run_id=run.pk)
    services.composition_publish(actor=coordinator, panel=panel)
    services.recommendation_add(
        actor=coordinator,
        panel=panel,
        text="Fix damp and mould before any other repair, within 14 days of a report.",
        votes_for=9,
        votes_against=2,
        votes_abstaining=1,
        voted_on=today - datetime.timedelta(days=10),
    )
