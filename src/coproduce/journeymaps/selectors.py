"""Reads for journey maps: the maps of an initiative, and one map as the grid shows it (each
stage's notes grouped by kind, and per side the mean feeling and the pain points, with the
"seen differently" marker). The rules are written once, here, in ``RULES``."""

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy

from coproduce.core.numbers import rounded
from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import Initiative
from coproduce.journeymaps.models import FEELINGS, JourneyMap, JourneyNote, JourneyStage, NoteKind

# a side's mean feeling at a stage is shown from this many people's feelings up
MIN_FOR_MEAN = 3
# the sides' shown means at a stage this far apart (or more) mark it "seen differently"
SEEN_DIFFERENTLY_AT = 2
# The pages, the API and ADR 0041 state these words; the code below is the same rule.


def _rules() -> str:
    return gettext(
        "Each member gives at most one feeling per stage, from -2 (very bad) to +2 (very good). "
        "A side's mean feeling at a stage is shown once %(least)s or more of its members "
        "have given one: fewer would be one or two people's view, not the side's. A stage is "
        "seen differently when two sides' shown means are %(apart)s points or more apart."
    ) % {"least": MIN_FOR_MEAN, "apart": SEEN_DIFFERENTLY_AT}


RULES = lazy(_rules, str)()
# The sides in the order a map shows them: the first two always, the political side where
# its members wrote notes.
SIDE_ORDER = (Side.CITIZEN, Side.REGULAR_PRODUCER, Side.POLITICAL)
MAIN_SIDES = SIDE_ORDER[:2]
SIDE_NAMES = {
    Side.CITIZEN: gettext_lazy("Citizens"),
    Side.REGULAR_PRODUCER: gettext_lazy("Staff"),
    Side.POLITICAL: gettext_lazy("Councillors"),
}


def maps_of(initiative: Initiative) -> QuerySet[JourneyMap]:
    """The initiative's maps, each with its number of stages and of notes on the map."""
    return JourneyMap.objects.filter(initiative=initiative).annotate(
        stage_count=Count("stages", distinct=True),
        note_count=Count("stages__notes", filter=Q(stages__notes__removed_at__isnull=True)),
    )


def notes_on(journey_map: JourneyMap) -> QuerySet[JourneyNote]:
    """The notes on the map (not removed), in stage order then as written."""
    return (
        JourneyNote.objects.filter(stage__journey_map=journey_map, removed_at__isnull=True)
        .select_related("author", "stage")
        .order_by("stage__position", "stage_id", "created_at", "pk")
    )


@dataclass(frozen=True)
class SideFigures:
    side: str
    feelings: int  # how many of the side's members gave a feeling here
    mean: Fraction | None  # None under MIN_FOR_MEAN
    pain_points: int

    @property
    def name(self) -> str:
        return str(SIDE_NAMES[Side(self.side)])

    @property
    def mean_shown(self) -> str:
        """The mean to one place, signed ("+1.3", "-0.7"), with its words; "" if hidden."""
        if self.mean is None:
            return ""
        value = rounded(self.mean, 1)
        words = FEELINGS[max(-2, min(2, int(rounded(self.mean, 0))))].lower()
        return f"{value:+.1f} ({words})".replace("+0.0", "0.0")

    @property
    def mean_number(self) -> float | None:
        return None if self.mean is None else rounded(self.mean, 2)


@dataclass
class StageView:
    stage: JourneyStage
    notes: dict[str, list[JourneyNote]] = field(default_factory=dict)
    sides: list[SideFigures] = field(default_factory=list)
    seen_differently: bool = False

    @property
    def kinds(self) -> list[tuple[str, str, list[JourneyNote]]]:
        """(kind, label, notes) for every kind, in the grid's order."""
        return [(k.value, str(k.label), self.notes.get(k.value, [])) for k in NoteKind]


def _figures(side: str, notes: list[JourneyNote]) -> SideFigures:
    feelings = [n.feeling for n in notes if n.kind == NoteKind.FEELS and n.feeling is not None]
    mean = Fraction(sum(feelings), len(feelings)) if len(feelings) >= MIN_FOR_MEAN else None
    pains = sum(1 for n in notes if n.kind == NoteKind.PAIN_POINT)
    return SideFigures(side, len(feelings), mean, pains)


def seen_differently(figures: list[SideFigures]) -> bool:
    """Whether two sides' shown means are ``SEEN_DIFFERENTLY_AT`` points or more apart."""
    means = [f.mean for f in figures if f.mean is not None]
    return len(means) >= 2 and max(means) - min(means) >= SEEN_DIFFERENTLY_AT


def sides_of(notes: list[JourneyNote]) -> list[str]:
    """The sides a map shows: the main two, and the political side if it wrote here."""
    present = {n.side for n in notes}
    return [s for s in SIDE_ORDER if s in MAIN_SIDES or s in present]


def grid(journey_map: JourneyMap) -> list[StageView]:
    """Every stage in order with its notes by kind and its figures by side: two queries."""
    notes = list(notes_on(journey_map))
    sides = sides_of(notes)
    by_stage: dict[int, list[JourneyNote]] = defaultdict(list)
    for note in notes:
        by_stage[note.stage_id].append(note)
    views = []
    for stage in JourneyStage.objects.filter(journey_map=journey_map).order_by("position", "pk"):
        here = by_stage.get(stage.pk, [])
        view = StageView(stage)
        for note in here:
            view.notes.setdefault(note.kind, []).append(note)
        view.sides = [_figures(s, [n for n in here if n.side == s]) for s in sides]
        view.seen_differently = seen_differently(view.sides)
        views.append(view)
    return views


def differences(views: list[StageView]) -> int:
    return sum(1 for view in views if view.seen_differently)


def csv_rows(journey_map: JourneyMap) -> list[list[Any]]:
    """The map's notes for a spreadsheet: a member's side, never their name (a download
    travels further than the page)."""
    rows: list[list[Any]] = [["stage_order", "stage", "kind", "side", "feeling", "text", "status"]]
    rows += [
        [
            n.stage.position,
            n.stage.name,
            n.kind,
            n.side,
            "" if n.feeling is None else n.feeling,
            n.text,
            n.status,
        ]
        for n in notes_on(journey_map)
    ]
    return rows
