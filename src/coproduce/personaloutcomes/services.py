"""Writes for personal outcomes: the scale, the pairings and the readings. Readings are
never changed: a correction, within ``CORRECTION_DAYS`` of entering one, is a new reading
that replaces it. None of this is written to the record: a person's scores are theirs."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coproduce.core import gate
from coproduce.core.dates import check_date
from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import Initiative, Membership
from coproduce.initiatives.selectors import standing
from coproduce.personaloutcomes.models import (
    HIGHEST,
    LOWEST,
    STEPS,
    Domain,
    Pairing,
    Reading,
    Scale,
    Score,
)

CORRECTION_DAYS = 7
MAX_DOMAINS = 12

NEED_LABELS = format_lazy(
    _("Give a short label for each of the {steps} steps, 1 first."), steps=STEPS
)
NEED_DOMAINS = format_lazy(
    _("Give between 1 and {most} domains, each with a name."), most=MAX_DOMAINS
)
SAME_DOMAIN = _("Give each domain a different name.")
IN_USE = _("The scale has readings: its domains can no longer change. Rename it or relabel it.")
NOT_A_MEMBER = _("Choose an active member of this initiative.")
NOT_A_WORKER = _("Choose an active member on the professionals' side.")
OWN_WORKER = _("A person cannot be their own worker.")
PAIRS_THEMSELF = _(
    "You cannot pair yourself as a worker: the readings are not the coordinators' to see. "
    "Another coordinator may pair you."
)
ALREADY_PAIRED = _("These two are already paired.")
NO_SCALE = _("The initiative has no scale yet: a coordinator defines it first.")
NOT_A_DOMAIN = _("Score only the domains of this initiative's scale.")
NOT_A_SCORE = format_lazy(
    _("Choose a score from {lowest} to {highest}."), lowest=LOWEST, highest=HIGHEST
)
TOO_LATE = format_lazy(
    _(
        "A reading can be corrected for {days} days after it was entered, and only once: "
        "enter a new reading instead."
    ),
    days=CORRECTION_DAYS,
)


def _clean_text(value: Any, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


@transaction.atomic
def scale_define(
    *,
    actor: Any,
    initiative: Initiative,
    name: str,
    labels: Sequence[str],
    domains: Sequence[tuple[str, str]],
) -> Scale:
    """A coordinator defines the initiative's scale, or changes it: its name, a label for
    each step, and its domains in order, each with guidance. Once readings exist, the
    domains stay as they are (a changed list is refused); the name and labels may change."""
    gate.require(actor, "personaloutcomes.define_scale", initiative)
    problems: dict[str, Any] = {}
    name = _clean_text(name, 120)
    if not name:
        problems["name"] = _("Give the scale a name.")
    cleaned_labels = [_clean_text(label, 80) for label in labels]
    if len(cleaned_labels) != STEPS or not all(cleaned_labels):
        problems["labels"] = NEED_LABELS
    cleaned = [(_clean_text(n, 80), _clean_text(g, 500)) for n, g in domains]
    cleaned = [(n, g) for n, g in cleaned if n]
    if not 1 <= len(cleaned) <= MAX_DOMAINS:
        problems["domains"] = NEED_DOMAINS
    elif len({n.casefold() for n, _ in cleaned}) != len(cleaned):
        problems["domains"] = SAME_DOMAIN
    if problems:
        raise ValidationError(problems)
    scale = Scale.objects.select_for_update().filter(initiative=initiative).first()
    if scale is None:
        scale = Scale.objects.create(
            initiative=initiative, name=name, labels=cleaned_labels, defined_by=actor
        )
    else:
        scale.name, scale.labels, scale.defined_by = name, cleaned_labels, actor
        scale.save()
        existing = list(scale.domains.values_list("name", "guidance"))
        if existing == cleaned:
            return scale
        if scale.readings.exists():
            if [n for n, _ in existing] != [n for n, _ in cleaned]:
                raise ValidationError({"domains": IN_USE})
            for domain in scale.domains.all():
                domain.guidance = dict(cleaned)[domain.name]
                domain.save(update_fields=["guidance"])
            return scale
        scale.domains.all().delete()
    Domain.objects.bulk_create(
        Domain(scale=scale, position=place, name=n, guidance=g)
        for place, (n, g) in enumerate(cleaned, start=1)
    )
    return scale


@transaction.atomic
def pairing_make(*, actor: Any, initiative: Initiative, person: Any, worker: Any) -> Pairing:
    """A coordinator pairs an active member with a worker (an active member on the
    professionals' side, never the coordinator themself): the worker then sees and enters
    the person's readings."""
    gate.require(actor, "personaloutcomes.pair", initiative)
    problems: dict[str, Any] = {}
    if person is None or not standing(person, initiative).active:
        problems["person"] = NOT_A_MEMBER
    found = standing(worker, initiative) if worker is not None else None
    if found is None or not found.active or found.side != Side.REGULAR_PRODUCER:
        problems["worker"] = NOT_A_WORKER
    elif person is not None and person.pk == worker.pk:
        problems["worker"] = OWN_WORKER
    pairing = Pairing(initiative=initiative, person=person, worker=worker, paired_by=actor)
    if "worker" not in problems and not gate.allows(actor, "personaloutcomes.pair_worker", pairing):
        problems["worker"] = PAIRS_THEMSELF
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            pairing.save()
            return pairing
    except IntegrityError:
        raise ValidationError({"worker": ALREADY_PAIRED}) from None


@transaction.atomic
def pairing_end(*, actor: Any, pairing: Pairing) -> Pairing:
    """A coordinator ends a pairing: the worker no longer sees the person's readings."""
    gate.require(actor, "personaloutcomes.pair", pairing.initiative)
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    if pairing.ended_at is None:
        pairing.ended_at = timezone.now()
        pairing.save(update_fields=["ended_at"])
    return pairing


def _checked_scores(
    scale: Scale, scores: Mapping[int, int], notes: Mapping[int, str]
) -> list[tuple[Domain, int, str]]:
    """Every domain's score (1 to 10) and note, or every problem at once, each under
    ``score_<domain id>``."""
    problems: dict[str, Any] = {}
    found = []
    domains = list(scale.domains.all())
    if set(scores) - {d.pk for d in domains}:
        problems["scores"] = NOT_A_DOMAIN
    for domain in domains:
        score = scores.get(domain.pk)
        if isinstance(score, bool) or not isinstance(score, int) or not LOWEST <= score <= HIGHEST:
            problems[f"score_{domain.pk}"] = NOT_A_SCORE
            continue
        found.append((domain, score, _clean_text(notes.get(domain.pk, ""), 500)))
    if problems:
        raise ValidationError(problems)
    return found


def _write(
    *,
    scale: Scale,
    person: Any,
    actor: Any,
    taken_on: datetime.date,
    scores: Mapping[int, int],
    notes: Mapping[int, str],
    corrects: Reading | None = None,
) -> Reading:
    checked = _checked_scores(scale, scores, notes)
    check_date("taken_on", taken_on, past_only=True)
    reading = Reading.objects.create(
        scale=scale, person=person, taken_on=taken_on, entered_by=actor, corrects=corrects
    )
    Score.objects.bulk_create(
        Score(reading=reading, domain=domain, score=score, note=note)
        for domain, score, note in checked
    )
    return reading


@transaction.atomic
def reading_take(
    *,
    actor: Any,
    membership: Membership,
    taken_on: datetime.date,
    scores: Mapping[int, int],
    notes: Mapping[int, str] | None = None,
) -> Reading:
    """The person, or their worker, enters a reading: every domain scored 1 to 10 (keys
    are domain ids), the day it was taken, and a note per domain if they like."""
    gate.require(actor, "personaloutcomes.take_reading", membership)
    scale = Scale.objects.filter(initiative_id=membership.initiative_id).first()
    if scale is None:
        raise ValidationError({"scale": NO_SCALE})
    return _write(
        scale=scale,
        person=membership.user,
        actor=actor,
        taken_on=taken_on,
        scores=scores,
        notes=notes or {},
    )


def within_correction_time(reading: Reading) -> bool:
    """Whether the reading was entered at most ``CORRECTION_DAYS`` ago."""
    return timezone.now() - reading.entered_at <= datetime.timedelta(days=CORRECTION_DAYS)


def can_still_correct(reading: Reading) -> bool:
    """Whether the reading may still be corrected: entered at most ``CORRECTION_DAYS`` ago
    and not corrected already."""
    return within_correction_time(reading) and not Reading.objects.filter(corrects=reading).exists()


@transaction.atomic
def reading_correct(
    *,
    actor: Any,
    reading: Reading,
    taken_on: datetime.date,
    scores: Mapping[int, int],
    notes: Mapping[int, str] | None = None,
) -> Reading:
    """The person or their worker corrects a reading they entered in the last
    ``CORRECTION_DAYS`` days: a new reading replaces it; the first stays in the history."""
    gate.require(actor, "personaloutcomes.correct_reading", reading)
    reading = Reading.objects.select_for_update().select_related("scale").get(pk=reading.pk)
    if not can_still_correct(reading):
        raise ValidationError({"reading": TOO_LATE})
    try:
        with transaction.atomic():
            return _write(
                scale=reading.scale,
                person=reading.person,
                actor=actor,
                taken_on=taken_on,
                scores=scores,
                notes=notes or {},
                corrects=reading,
            )
    except IntegrityError:  # another correction of the same reading came first
        raise ValidationError({"reading": TOO_LATE}) from None
