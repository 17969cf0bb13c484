"""The allow-list of what can be rated, and how each kind is found inside its initiative.

A rating names its thing by ``kind`` and id. Only the kinds of ``ThingKind`` exist, and a
thing is found only in the initiative of the URL: an id of another initiative's shift, or of
a PB proposal not delivered, finds nothing (a 404 on a page, a 400 naming ``thing`` in the
API). Who took part in a thing, and who may see its ratings, is decided in ``rules.py``."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.budgeting.models import ImplementationStatus, ImplementationUpdate, Proposal
from coproduce.initiatives.models import Initiative
from coproduce.peersupport.models import Session
from coproduce.ratings.models import ThingKind
from coproduce.volunteering.models import Opportunity, Shift, SignUpStatus

# kinds whose ratings anyone who may see the initiative reads; a peer-support session's are
# read only by those the session's match is shown to (ratings.rules)
PUBLIC_KINDS = (ThingKind.SERVICE, ThingKind.ACTIVITY, ThingKind.SHIFT, ThingKind.PROJECT)


@dataclass(frozen=True)
class Thing:
    """Something of an initiative that can be rated: the permission target of the rules."""

    kind: str
    obj: Any
    initiative: Initiative

    @property
    def pk(self) -> int:
        return int(self.obj.pk)

    @property
    def kind_label(self) -> str:
        return str(ThingKind(self.kind).label)

    @property
    def title(self) -> str:
        return title_of(self.kind, self.obj)

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_KINDS

    def get_absolute_url(self) -> str:
        return reverse("ratings:thing", args=[self.initiative.slug, self.kind, self.pk])

    def as_target(self) -> Model:
        """The thing as the gate's target (the gate's signature names models; the rules
        read the thing's ``kind``, ``obj`` and ``initiative``)."""
        target: Any = self
        return target


def title_of(kind: str, obj: Any) -> str:
    """A thing's name as pages show it; a session's names no one in it."""
    if kind == ThingKind.SHIFT:
        return _("%(activity)s, shift of %(when)s") % {
            "activity": obj.opportunity.title,
            "when": f"{obj.starts_at:%d %b %Y %H:%M}",
        }
    if kind == ThingKind.SESSION:
        return _("Peer-support session of %(day)s") % {"day": f"{obj.held_on:%d %b %Y}"}
    return str(obj.title)


def _delivered(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """Proposals whose latest implementation update says completed."""
    latest = ImplementationUpdate.objects.filter(proposal=OuterRef("pk")).order_by(
        "-posted_at", "-id"
    )
    return proposals.annotate(latest_status=Subquery(latest.values("status")[:1])).filter(
        latest_status=ImplementationStatus.COMPLETED
    )


def _funded(proposal: Proposal) -> bool:
    latest = proposal.budget.tallies.first()
    return latest is not None and proposal.pk in latest.selected


def things_of_kind(initiative: Initiative, kind: str) -> QuerySet[Any] | None:
    """Every thing of ``kind`` in the initiative (None for the initiative itself)."""
    if kind == ThingKind.ACTIVITY:
        return Opportunity.objects.filter(initiative=initiative)
    if kind == ThingKind.SHIFT:
        return Shift.objects.select_related("opportunity").filter(
            opportunity__initiative=initiative
        )
    if kind == ThingKind.SESSION:
        return Session.objects.select_related("match__request", "match__supporter").filter(
            match__request__initiative=initiative, confirmed_by__isnull=False
        )
    if kind == ThingKind.PROJECT:
        return _delivered(
            Proposal.objects.select_related("budget").filter(budget__process__initiative=initiative)
        )
    return None


def find(initiative: Initiative, kind: Any, pk: Any) -> Thing | None:
    """The thing of ``kind`` with id ``pk`` in the initiative, if it is one that can be
    rated; None for anything else (an unknown kind, another initiative's thing, a session
    not yet confirmed by both sides, a PB proposal not funded and completed)."""
    if kind not in ThingKind.values or isinstance(pk, bool):
        return None
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if kind == ThingKind.SERVICE:
        return Thing(kind, initiative, initiative) if pk == initiative.pk else None
    things = things_of_kind(initiative, kind)
    obj = None if things is None or not 0 < pk < 2**63 else things.filter(pk=pk).first()
    if obj is None or (kind == ThingKind.PROJECT and not _funded(obj)):
        return None
    return Thing(kind, obj, initiative)


def titles(initiative: Initiative, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The titles of many things of the initiative, by ``(kind, id)``: a query per kind."""
    wanted: dict[str, set[int]] = {}
    for kind, pk in keys:
        wanted.setdefault(kind, set()).add(pk)
    found: dict[tuple[str, int], str] = {}
    for kind, pks in wanted.items():
        if kind == ThingKind.SERVICE:
            found |= {(kind, pk): initiative.title for pk in pks if pk == initiative.pk}
            continue
        things = things_of_kind(initiative, kind)
        if things is not None:
            found |= {(kind, obj.pk): title_of(kind, obj) for obj in things.filter(pk__in=pks)}
    return found


def rateable_by(person: Any, initiative: Initiative) -> list[Thing]:
    """What the person may rate in the initiative, the service first: the activities and
    shifts they attended, the confirmed sessions they were in, the delivered PB projects.
    (Whether they may rate at all, as an active member, is the rules' question.)"""
    if not person.is_authenticated:
        return []
    found = [Thing(ThingKind.SERVICE, initiative, initiative)]
    shifts = Shift.objects.select_related("opportunity").filter(
        opportunity__initiative=initiative,
        sign_ups__person=person,
        sign_ups__status=SignUpStatus.ATTENDED,
    )
    activities = {shift.opportunity.pk: shift.opportunity for shift in shifts}
    found += [Thing(ThingKind.ACTIVITY, a, initiative) for a in activities.values()]
    found += [Thing(ThingKind.SHIFT, shift, initiative) for shift in shifts]
    sessions = things_of_kind(initiative, ThingKind.SESSION)
    assert sessions is not None
    found += [
        Thing(ThingKind.SESSION, session, initiative)
        for session in sessions.filter(match__supporter__person=person)
        | sessions.filter(match__request__requester=person)
    ]
    projects = things_of_kind(initiative, ThingKind.PROJECT)
    assert projects is not None
    found += [Thing(ThingKind.PROJECT, p, initiative) for p in projects if _funded(p)]
    return found
