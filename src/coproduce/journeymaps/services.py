"""Writes for journey maps: maps and their stages (coordinators and staff), notes (active
members, each a co-design idea in the record on the author's own side), removing a note (a
reversal in the record, never a delete) and a pain point's status (coordinators)."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.core import gate
from coproduce.core.queries import storable_text
from coproduce.core.vocabulary import ContributionKind, StageKind, Unit
from coproduce.ideas.models import Idea
from coproduce.ideas.services import idea_post
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import standing
from coproduce.initiatives.services import do_stage_for_record
from coproduce.journeymaps.models import (
    DESCRIPTION_MAX,
    FEELINGS,
    MAX_STAGES,
    NOTE_MAX,
    STAGE_NAME_MAX,
    TITLE_MAX,
    JourneyMap,
    JourneyNote,
    JourneyStage,
    NoteKind,
    PainPointStatus,
)
from coproduce.record import services as record
from coproduce.record.selectors import standing_entries_from

NOT_TEXT = gettext_lazy("Write plain text (no null characters).")
NOT_A_FEELING = gettext_lazy("Choose a feeling from -2 (very bad) to +2 (very good).")
NO_FEELING_HERE = gettext_lazy(
    "Only a note on how the person feels takes a feeling; leave it empty."
)
NO_SUCH_STAGE = gettext_lazy("Choose a stage of this journey map.")
ONE_FEELING = gettext_lazy(
    "You have said how the person feels at this stage already: remove that note to give another."
)
REMOVED_BY_AUTHOR = gettext_lazy("Removed from the journey map by its author.")


def _text(field: str, value: Any, limit: int, *, required: Any = "") -> str:
    """Text as stored: stripped, storable, at most ``limit`` characters, present if
    ``required`` (the message saying what to write)."""
    if value is None:
        value = ""
    if not isinstance(value, str) or not storable_text(value):
        raise ValidationError({field: NOT_TEXT})
    value = value.strip()
    if required and not value:
        raise ValidationError({field: required})
    if len(value) > limit:
        raise ValidationError(
            {
                field: _("Write at most %(limit)s characters (this has %(length)s).")
                % {"limit": f"{limit:,}", "length": f"{len(value):,}"}
            }
        )
    return value


NOT_AN_EDITOR = gettext_lazy("Name active members of the initiative as editors.")


def _editors(initiative: Initiative, editors: Iterable[Any]) -> list[Any]:
    people = list(editors)
    if any(not standing(person, initiative).active for person in people):
        raise ValidationError({"editors": NOT_AN_EDITOR})
    return people


@transaction.atomic
def journey_map_save(
    *,
    actor: Any,
    initiative: Initiative,
    title: Any,
    description: Any = "",
    journey_map: JourneyMap | None = None,
    editors: Iterable[Any] | None = None,
) -> JourneyMap:
    """Make a journey map of a service, or change a map's title and description; ``editors``,
    when given, become the members who manage its stages beside the coordinators."""
    gate.require(actor, "journeymaps.manage", initiative)
    if journey_map is None:
        journey_map = JourneyMap(initiative=initiative, created_by=actor)
    elif journey_map.initiative_id != initiative.pk:
        raise ValueError("The journey map belongs to another initiative.")
    journey_map.title = _text("title", title, TITLE_MAX, required=_("Give the map a title."))
    journey_map.description = _text("description", description, DESCRIPTION_MAX)
    taken = JourneyMap.objects.filter(initiative=initiative, title__iexact=journey_map.title)
    if taken.exclude(pk=journey_map.pk).exists():
        raise ValidationError(
            {"title": _("This initiative has a journey map of that title already.")}
        )
    chosen = None if editors is None else _editors(initiative, editors)
    journey_map.save()
    if chosen is not None:
        journey_map.editors.set(chosen)
    return journey_map


def _locked_map(journey_map: JourneyMap) -> JourneyMap:
    """The map's row locked, so stages are added and moved one change at a time."""
    return (
        JourneyMap.objects.select_for_update().select_related("initiative").get(pk=journey_map.pk)
    )


def _stage_name(journey_map: JourneyMap, name: Any, stage: JourneyStage | None = None) -> str:
    checked = _text("name", name, STAGE_NAME_MAX, required=_("Give the stage a name."))
    taken = JourneyStage.objects.filter(journey_map=journey_map, name__iexact=checked)
    if stage is not None:
        taken = taken.exclude(pk=stage.pk)
    if taken.exists():
        raise ValidationError({"name": _("This map has a stage of that name already.")})
    return checked


@transaction.atomic
def journey_stage_add(*, actor: Any, journey_map: JourneyMap, name: Any) -> JourneyStage:
    """Add a stage at the end of the journey."""
    gate.require(actor, "journeymaps.manage_stages", journey_map)
    journey_map = _locked_map(journey_map)
    checked = _stage_name(journey_map, name)
    stages = JourneyStage.objects.filter(journey_map=journey_map)
    if stages.count() >= MAX_STAGES:
        raise ValidationError(
            {"name": _("A journey map has at most %(most)s stages.") % {"most": MAX_STAGES}}
        )
    last = stages.aggregate(last=Max("position"))["last"] or 0
    return JourneyStage.objects.create(journey_map=journey_map, name=checked, position=last + 1)


@transaction.atomic
def journey_stage_rename(*, actor: Any, stage: JourneyStage, name: Any) -> JourneyStage:
    gate.require(actor, "journeymaps.manage_stages", stage)
    journey_map = _locked_map(stage.journey_map)
    stage.name = _stage_name(journey_map, name, stage)
    stage.save(update_fields=["name"])
    return stage


@transaction.atomic
def journey_stage_move(*, actor: Any, stage: JourneyStage, position: Any) -> JourneyStage:
    """Move a stage to ``position`` (1 is first); the others keep their order around it."""
    gate.require(actor, "journeymaps.manage_stages", stage)
    journey_map = _locked_map(stage.journey_map)
    stages = list(JourneyStage.objects.filter(journey_map=journey_map).order_by("position", "pk"))
    if isinstance(position, bool) or not isinstance(position, int):
        raise ValidationError({"position": _("Give the stage's place as a whole number.")})
    if not 1 <= position <= len(stages):
        raise ValidationError(
            {"position": _("Give a place from 1 to %(last)s.") % {"last": len(stages)}}
        )
    moving = next(s for s in stages if s.pk == stage.pk)
    stages.remove(moving)
    stages.insert(position - 1, moving)
    for place, each in enumerate(stages, start=1):
        each.position = place
    JourneyStage.objects.bulk_update(stages, ["position"])
    stage.position = moving.position
    return stage


def _stage_of(journey_map: JourneyMap, stage: Any) -> JourneyStage:
    """The stage, if it is one of this map's; a stage of another map is refused by name."""
    pk = stage.pk if isinstance(stage, JourneyStage) else stage
    if isinstance(pk, bool) or not isinstance(pk, int) or not 0 < pk < 2**63:
        raise ValidationError({"stage": NO_SUCH_STAGE})
    found = JourneyStage.objects.filter(journey_map=journey_map, pk=pk).first()
    if found is None:
        raise ValidationError({"stage": NO_SUCH_STAGE})
    found.journey_map = journey_map
    return found


def _feeling(kind: str, feeling: Any) -> int | None:
    if kind != NoteKind.FEELS:
        if feeling is not None and feeling != "":
            raise ValidationError({"feeling": NO_FEELING_HERE})
        return None
    if isinstance(feeling, bool) or not isinstance(feeling, int) or feeling not in FEELINGS:
        raise ValidationError({"feeling": NOT_A_FEELING})
    return feeling


@transaction.atomic
def journey_note_add(
    *, actor: Any, journey_map: JourneyMap, stage: Any, kind: Any, text: Any, feeling: Any = None
) -> JourneyNote:
    """An active member's note on a stage, on the side their membership gives them (never one
    they choose), written to the record as a co-design idea with the note as its source."""
    gate.require(actor, "journeymaps.add_note", journey_map)
    found = _stage_of(journey_map, stage)
    if kind not in NoteKind.values:
        raise ValidationError(
            {"kind": _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(NoteKind.values)}}
        )
    checked = _text("text", text, NOTE_MAX, required=_("Write the note."))
    value = _feeling(kind, feeling)
    initiative = journey_map.initiative
    side = standing(actor, initiative).side
    assert side is not None  # an active member has a side
    if kind == NoteKind.FEELS:
        # serialise one person's feelings on a stage; the unique constraint backs it
        list(JourneyStage.objects.select_for_update().filter(pk=found.pk).values_list("pk"))
        mine = JourneyNote.objects.filter(stage=found, author=actor, kind=NoteKind.FEELS)
        if mine.filter(removed_at__isnull=True).exists():
            raise ValidationError({"feeling": ONE_FEELING})
    note = JourneyNote.objects.create(
        stage=found,
        kind=kind,
        text=checked,
        feeling=value,
        author=actor,
        side=side,
        status=PainPointStatus.OPEN if kind == NoteKind.PAIN_POINT else "",
    )
    record.do_record_contribution(
        source=note,
        recorded_by=actor,
        contributor=actor,
        initiative=initiative,
        stage=do_stage_for_record(initiative, StageKind.CO_DESIGN),
        kind=ContributionKind.IDEA,
        quantity=1,
        unit=Unit.COUNT,
        occurred_on=timezone.localdate(),
        description=(
            _("Journey map note (%(kind)s) on %(stage)s")
            % {"kind": NoteKind(kind).label.lower(), "stage": found.name}
        )[:500],
    )
    return note


@transaction.atomic
def journey_note_remove(*, actor: Any, note: JourneyNote, reason: Any = "") -> JourneyNote:
    """Take a note off the map (its author, or a coordinator giving a reason): the note is
    kept, marked removed, and its record entry reversed."""
    locked = JourneyNote.objects.select_for_update().get(pk=note.pk)
    locked.stage = note.stage
    gate.require(actor, "journeymaps.remove_note", locked)
    if locked.removed_at is not None:
        raise ValidationError({"note": _("This note has been removed already.")})
    why = _text("reason", reason, 500)
    if not why:
        if locked.author_id != actor.pk:
            raise ValidationError({"reason": _("Say why you are removing someone else's note.")})
        why = str(REMOVED_BY_AUTHOR)
    locked.removed_at, locked.removed_by = timezone.now(), actor
    locked.save(update_fields=["removed_at", "removed_by"])
    for entry in standing_entries_from(locked):
        record.contribution_reverse(actor=actor, contribution=entry, reason=why)
    return locked


@transaction.atomic
def pain_point_mark(*, actor: Any, note: JourneyNote, status: Any) -> JourneyNote:
    """A coordinator marks a pain point open or taken up."""
    gate.require(actor, "journeymaps.mark_pain_point", note)
    if note.kind != NoteKind.PAIN_POINT or note.removed_at is not None:
        raise ValidationError({"status": _("Only a pain point on the map has a status.")})
    if status not in PainPointStatus.values:
        raise ValidationError(
            {
                "status": _("Choose one of: %(kinds)s.")
                % {"kinds": ", ".join(PainPointStatus.values)}
            }
        )
    note.status = status
    note.save(update_fields=["status"])
    return note


@transaction.atomic
def note_to_idea(*, actor: Any, note: JourneyNote, title: Any, text: Any, category: Any) -> Idea:
    """A member posts a pain point (or an idea note) as an idea for the initiative to answer,
    once: the note keeps the link, so the idea knows where it came from and the map shows
    it, and a pain point is taken up. The idea is the member's own contribution (ideas)."""
    locked = (
        JourneyNote.objects.select_for_update()
        .select_related("stage__journey_map__initiative")
        .get(pk=note.pk)
    )
    if locked.kind not in (NoteKind.PAIN_POINT, NoteKind.IDEA) or locked.removed_at is not None:
        raise ValidationError(_("Only a pain point or an idea on the map can become an idea."))
    if locked.idea_id is not None:
        raise ValidationError(_("This note has already been posted as an idea."))
    idea = idea_post(
        actor=actor,
        initiative=locked.stage.journey_map.initiative,
        title=title,
        text=text,
        category=category,
    )
    locked.idea = idea
    if locked.kind == NoteKind.PAIN_POINT:
        locked.status = PainPointStatus.TAKEN_UP
    locked.save(update_fields=["idea", "status"])
    return idea
