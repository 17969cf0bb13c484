"""Phases, once for every phased capability (a PB process, a survey, a citizens' panel).

A capability names its phases as ``TextChoices`` in order; its objects keep the current
phase in a ``phase`` field. This kit refuses work out of phase with one message
(``require_phase``), gives the rules a predicate (``phase_in``), moves an object to its next
phase (``next_phase``) and appends to one audit log of phases closed (``PhaseLog``: who
closed which phase of what, when, and the counts as it closed, so anyone can later check
that nothing was added to a closed phase).
"""

from collections.abc import Mapping
from typing import Any

import rules
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Model, TextChoices
from django.utils.translation import gettext as _

from coproduce.core.models import PhaseLog


def require_phase(target: Any, phases: type[TextChoices], *allowed: str) -> None:
    """Refuse (400, on the ``phase`` field) unless ``target.phase`` is one of ``allowed``."""
    if target.phase not in allowed:
        names = _(" or ").join(str(phases(p).label).lower() for p in allowed)
        noun = type(target)._meta.verbose_name
        raise ValidationError(
            {
                "phase": _("This can be done only during %(names)s; the %(noun)s is in %(phase)s.")
                % {"names": names, "noun": noun, "phase": str(phases(target.phase).label).lower()}
            }
        )


def phase_in(*phases: str) -> Any:
    """A rules predicate: the target is in one of these phases."""

    @rules.predicate(name=f"phase_in({', '.join(phases)})")
    def in_phase(user: Any, target: Any) -> bool:
        return getattr(target, "phase", None) in phases

    return in_phase


def next_phase(phases: type[TextChoices], current: str) -> str | None:
    """The phase after ``current`` in the declared order, or None after the last."""
    order = list(phases.values)
    at = order.index(current)
    return order[at + 1] if at + 1 < len(order) else None


def do_phase_log(
    *, target: Model, phase: str, closed_by: Any, counts: Mapping[str, int]
) -> PhaseLog:
    """Append the closing of ``phase`` of ``target`` with its counts; once per phase (the
    database refuses a second, and any change to the first)."""
    return PhaseLog.objects.create(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        phase=phase,
        closed_by=closed_by,
        counts=dict(counts),
    )


def phase_logs(target: Model) -> list[PhaseLog]:
    """The phases of ``target`` closed so far, in order."""
    return list(
        PhaseLog.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        ).select_related("closed_by")
    )
