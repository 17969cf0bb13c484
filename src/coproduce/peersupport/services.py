"""Writes for peer support."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.core import gate
from coproduce.core.dates import check_date
from coproduce.core.vocabulary import ContributionKind, Side, StageKind, Unit
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import stage_of, standing
from coproduce.notifications.kinds import Kind
from coproduce.notifications.services import notify
from coproduce.peersupport import selectors
from coproduce.peersupport.models import (
    Concern,
    Match,
    PeerSupporter,
    RequestStatus,
    Session,
    SupportRequest,
)
from coproduce.record import services as record


@transaction.atomic
def supporter_register(
    *, actor: Any, initiative: Initiative, person: Any, **fields: Any
) -> PeerSupporter:
    """A coordinator records a trained, checked peer supporter."""
    gate.require(actor, "peersupport.manage", initiative)
    if not standing(person, initiative).active:
        raise ValidationError({"person": NO_SUCH_MEMBER})
    supporter = PeerSupporter(initiative=initiative, person=person, recorded_by=actor, **fields)
    if supporter.trained_on:
        if supporter.trained_on > timezone.localdate():
            raise ValidationError({"trained_on": _("Record training once it is done.")})
        check_date("trained_on", supporter.trained_on)
    if supporter.checked_until:
        check_date("checked_until", supporter.checked_until)
    supporter.full_clean()
    supporter.save()
    return supporter


NO_PEER_SUPPORT_YET = gettext_lazy(
    "This initiative does not offer peer support yet: a coordinator adds a co-performing "
    "stage first."
)


@transaction.atomic
def support_ask(*, actor: Any, initiative: Initiative, need: str, **fields: Any) -> SupportRequest:
    gate.require(actor, "peersupport.ask", initiative)
    stage = stage_of(initiative, StageKind.CO_PERFORMING)
    if stage is None:
        raise ValidationError({"need": NO_PEER_SUPPORT_YET})
    request = SupportRequest(
        initiative=initiative, stage=stage, requester=actor, need=need, **fields
    )
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def match_make(*, actor: Any, request: SupportRequest, supporter: PeerSupporter) -> Match:
    """Match a request with a supporter the suggestions offer, keeping the reasons."""
    gate.require(actor, "peersupport.manage", request.initiative)
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.OPEN:
        raise ValidationError({"request": _("This request is already matched or closed.")})
    offered = {s.supporter.pk: s for s in selectors.suggestions(request, limit=50)}
    if supporter.pk not in offered:
        raise ValidationError(
            {
                "supporter": _(
                    "Choose a supporter who shares the need or the language, is trained "
                    "and has a valid check."
                )
            }
        )
    request.status = RequestStatus.MATCHED
    request.save(update_fields=["status"])
    match = Match.objects.create(
        request=request,
        supporter=supporter,
        explanation=offered[supporter.pk].explanation[:500],
        matched_by=actor,
    )
    notify(
        recipients=[request.requester_id],
        kind=Kind.REQUEST_DECIDED,
        message="support_matched",
        params={"initiative": request.initiative.title},
        link=reverse("peersupport:match", args=[request.initiative.slug, match.pk]),
    )
    return match


@transaction.atomic
def session_log(
    *, actor: Any, match: Match, held_on: datetime.date, minutes: int, note: str = ""
) -> Session:
    gate.require(actor, "peersupport.take_part", match)
    check_date("held_on", held_on, past_only=True)
    if not 1 <= minutes <= 12 * 60:
        raise ValidationError({"minutes": _("Give between 1 minute and 12 hours.")})
    session = Session(
        match=match, held_on=held_on, minutes=minutes, note=note[:500], logged_by=actor
    )
    session.full_clean()
    session.save()
    return session


SUPPORTER_GONE = gettext_lazy(
    "The supporter is no longer a member of this initiative, so their time cannot be "
    "recorded; a coordinator can record it for them once they are back."
)


@transaction.atomic
def session_confirm(*, actor: Any, session: Session) -> Session:
    """The other person confirms the session; then it is the supporter's time given, in the
    record, written by whoever confirmed it. A supporter who has left cannot be credited,
    and the confirmation is refused rather than kept without its entry."""
    session = (
        Session.objects.select_for_update()
        .select_related("match__supporter", "match__request")
        .get(pk=session.pk)
    )
    match = session.match
    gate.require(actor, "peersupport.take_part", match)
    if actor.pk == session.logged_by_id:
        raise ValidationError({"session": _("The other person confirms the session.")})
    if session.confirmed_by_id is not None:
        raise ValidationError({"session": _("This session is confirmed already.")})
    session.confirmed_by = actor
    initiative = match.request.initiative
    supporter = match.supporter.person
    if not standing(supporter, initiative).active:
        raise ValidationError({"session": SUPPORTER_GONE})
    session.contribution = record.do_record_contribution(
        source=session,
        recorded_by=actor,
        contributor=supporter,
        initiative=initiative,
        stage=match.request.stage,
        kind=ContributionKind.TIME,
        quantity=session.minutes,
        unit=Unit.MINUTES,
        occurred_on=session.held_on,
        description="Peer support session",  # what was needed stays with the request
    )
    session.save()
    return session


NOT_A_PROFESSIONAL = gettext_lazy("Name a professional (paid staff) of this initiative.")


@transaction.atomic
def concern_raise(*, actor: Any, match: Match, professional: Any, text: str) -> Concern:
    """Escalate a concern to a named professional of the initiative; only they and the
    person raising it see it. The professional is someone else: an active member on the
    professional side, never the person raising it (a concern sent to oneself reaches no
    one)."""
    gate.require(actor, "peersupport.take_part", match)
    if professional.pk == actor.pk:
        raise ValidationError(
            {"professional": _("Name a professional other than yourself: someone else must know.")}
        )
    professional_standing = standing(professional, match.request.initiative)
    if not professional_standing.active or professional_standing.side != Side.REGULAR_PRODUCER:
        raise ValidationError({"professional": NOT_A_PROFESSIONAL})
    if not text.strip():
        raise ValidationError({"text": _("Say what the concern is.")})
    concern = Concern.objects.create(
        match=match, raised_by=actor, professional=professional, text=text.strip()
    )
    notify(
        recipients=[professional],
        kind=Kind.CONCERN_ASSIGNED,
        message="concern_assigned",
        params={"person": actor.shown_name, "initiative": match.request.initiative.title},
        link=reverse("peersupport:concern", args=[match.request.initiative.slug, concern.pk]),
    )
    return concern


@transaction.atomic
def concern_acknowledge(*, actor: Any, concern: Concern) -> Concern:
    if actor.pk != concern.professional_id:
        raise ValidationError({"concern": _("Only the named professional acknowledges it.")})
    concern.acknowledged_at = timezone.now()
    concern.save(update_fields=["acknowledged_at"])
    return concern
