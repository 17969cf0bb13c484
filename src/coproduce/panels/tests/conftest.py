import datetime
import random
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from conftest import World
from coproduce.events.models import Event
from coproduce.events.services import event_create
from coproduce.panels import services
from coproduce.panels.drawing import selection_perform
from coproduce.panels.models import Panel, SelectionRun

FEATURES = {
    "age": [("young", 2, 4), ("middle", 2, 4), ("old", 2, 4)],
    "area": [("north", 3, 5), ("south", 3, 5)],
}
SEED = 7


@dataclass
class Jury:
    world: World
    panel: Panel


def pool_csv(count: int, seed: int = 1, features: dict[str, Any] = FEATURES) -> str:
    """A mailout's CSV: ``count`` invented people, categories drawn at random."""
    rng = random.Random(seed)
    lines = [",".join(["reference", "name", "email", "address", "postcode", *features])]
    for n in range(1, count + 1):
        cells = [f"R{n}", f"Person {n}", "", f"{n} Mill Lane", "AB1 2CD"]
        cells += [rng.choice(categories)[0] for categories in features.values()]
        lines.append(",".join(cells))
    return "\n".join(lines)


def make_panel(world: World, size: int = 8, features: dict[str, Any] = FEATURES) -> Panel:
    panel = services.panel_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=world.stage,
        title="Repairs jury",
        remit="Which repairs come first?",
        size=size,
        commissioner_name="Riverside Homes board",
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 3, 31),
        answers_due_on=datetime.date(2026, 5, 1),
        consent_text="I agree to be contacted about the panel.",
    )
    for name, categories in features.items():
        services.feature_define(
            actor=world.coordinator,
            panel=panel,
            name=name,
            categories=[
                {"name": c, "quota_min": low, "quota_max": high, "source": "Census 2021"}
                for c, low, high in categories
            ],
        )
    return panel


def draw(world: World, panel: Panel, algorithm: str = "legacy", seed: int = SEED) -> SelectionRun:
    """Ask for a draw and run the background task here, as the worker would."""
    run = services.selection_request(
        actor=world.coordinator, panel=panel, algorithm=algorithm, seed=seed
    )
    selection_perform(run_id=run.pk)
    run.refresh_from_db()
    return run


def make_event(world: World, title: str = "First session", days: int = 2) -> Event:
    """One of the initiative's events, two hours long, ``days`` from now (before, if < 0)."""
    starts = timezone.now() + datetime.timedelta(days=days)
    return event_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=world.stage,
        format="panel_session",
        title=title,
        description="The panel meets.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Community hall, 1 Mill Lane",
        capacity=30,
    )


@pytest.fixture
def jury(world: World) -> Jury:
    panel = make_panel(world)
    services.pool_import(
        actor=world.coordinator, panel=panel, csv_text=pool_csv(40), consent_confirmed=True
    )
    return Jury(world=world, panel=panel)
