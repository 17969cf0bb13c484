"""Writes for volunteering. Places on a shift are taken under a lock on the shift, so a
shift is never over capacity however many people sign up at once."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.core import gate
from coproduce.core.dates import check_date, check_order, year_problem
from coproduce.core.vocabulary import ContributionKind, StageKind, Unit
from coproduce.initiatives.models import Initiative, Stage
from coproduce.initiatives.selectors import check_stage, organisations_of, standing
from coproduce.notifications.kinds import Kind
from coproduce.notifications.services import notify
from coproduce.record import services as record
from coproduce.search.services import document_refresh
from coproduce.timecredits import services as credits
from coproduce.volunteering import selectors
from coproduce.volunteering.models import (
    TAKING_A_PLACE,
    BackgroundCheck,
    HoursLog,
    HoursStatus,
    Opportunity,
    Safeguarding,
    Shift,
    SignUp,
    SignUpStatus,
    VolunteeringPolicy,
)
from coproduce.volunteering.tasks import email_volunteer

DELIVERY_STAGES = (StageKind.CO_PERFORMING, StageKind.CO_MANAGEMENT)
REMINDER_LEAD = datetime.timedelta(hours=24)  # the reminder goes out a day before the shift


@transaction.atomic
def opportunity_create(
    *, actor: Any, initiative: Initiative, stage: Stage, **fields: Any
) -> Opportunity:
    gate.require(actor, "volunteering.manage", initiative)
    check_stage(initiative, stage, DELIVERY_STAGES)
    organisation = fields.get("organisation")
    if organisation is not None and organisation not in organisations_of(initiative):
        raise ValidationError(
            {"organisation": _("Choose the initiative's lead organisation or one of its partners.")}
        )
    opportunity = Opportunity(initiative=initiative, stage=stage, created_by=actor, **fields)
    opportunity.full_clean()
    opportunity.save()
    document_refresh(opportunity)
    return opportunity


@transaction.atomic
def shift_add(
    *,
    actor: Any,
    opportunity: Opportunity,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
) -> Shift:
    gate.require(actor, "volunteering.manage", opportunity.initiative)
    check_date("starts_at", starts_at)
    check_date("ends_at", ends_at)
    check_order(starts_at, "ends_at", ends_at, _("The shift must end after it starts."))
    if ends_at - starts_at > datetime.timedelta(hours=24):
        raise ValidationError({"ends_at": _("A shift lasts at most 24 hours.")})
    if not 1 <= capacity <= 1000:
        raise ValidationError({"capacity": _("A shift needs between 1 and 1,000 people.")})
    shift = Shift(opportunity=opportunity, starts_at=starts_at, ends_at=ends_at, capacity=capacity)
    shift.full_clean()
    shift.save()
    return shift


@transaction.atomic
def check_record(
    *,
    actor: Any,
    initiative: Initiative,
    person: Any,
    level: str,
    checked_on: datetime.date,
    expires_on: datetime.date,
) -> BackgroundCheck:
    """A professional records that they saw a person's background check."""
    gate.require(actor, "volunteering.manage", initiative)
    check_date("checked_on", checked_on, past_only=True)
    check_date("expires_on", expires_on)
    check_order(
        checked_on, "expires_on", expires_on, _("A check expires after the day it was made.")
    )
    check = BackgroundCheck(
        initiative=initiative,
        person=person,
        level=level,
        checked_on=checked_on,
        expires_on=expires_on,
        recorded_by=actor,
    )
    check.full_clean()
    check.save()
    return check


@transaction.atomic
def shift_sign_up(*, actor: Any, shift: Shift) -> SignUp:
    """Take a place on the shift, or join its waiting list when it is full."""
    shift = (
        Shift.objects.select_for_update().select_related("opportunity__initiative").get(pk=shift.pk)
    )
    opportunity = shift.opportunity
    gate.require(actor, "volunteering.take_part", opportunity.initiative)
    if not opportunity.is_open:
        raise ValidationError({"shift": _("This opportunity is not taking volunteers now.")})
    if shift.starts_at <= timezone.now():
        raise ValidationError({"shift": _("This shift has already started.")})
    if not selectors.has_background_check(opportunity.initiative, actor, opportunity.safeguarding):
        raise ValidationError(
            {
                "shift": _("This role needs %(check)s; a coordinator can record yours.")
                % {"check": Safeguarding(opportunity.safeguarding).label.lower()}
            }
        )
    existing = SignUp.objects.filter(shift=shift, person=actor).first()
    if existing is not None and existing.status in (*TAKING_A_PLACE, SignUpStatus.WAITING):
        raise ValidationError({"shift": _("You are already signed up for this shift.")})
    taken = shift.sign_ups.filter(status__in=TAKING_A_PLACE).count()
    status = SignUpStatus.CONFIRMED if taken < shift.capacity else SignUpStatus.WAITING
    sign_up = existing or SignUp(shift=shift, person=actor)
    sign_up.status, sign_up.queued_at, sign_up.reminded_at = status, timezone.now(), None
    sign_up.save()
    if status == SignUpStatus.CONFIRMED:
        _schedule_reminder(sign_up)
    return sign_up


def _schedule_reminder(sign_up: SignUp) -> None:
    """Queue the e-mail reminder for a day before the shift (now, if that is past), once
    the transaction that gave the place has committed."""
    due = sign_up.shift.starts_at - REMINDER_LEAD
    later = email_volunteer.using(run_after=due) if due > timezone.now() else email_volunteer
    transaction.on_commit(lambda: later.enqueue(sign_up.pk, "reminder"))


@transaction.atomic
def sign_up_withdraw(*, actor: Any, sign_up: SignUp) -> SignUp | None:
    """Give up a place (or leave the waiting list); the first person waiting takes the place.
    Returns the sign-up that was moved up, if any."""
    shift = Shift.objects.select_for_update().get(pk=sign_up.shift_id)
    sign_up = SignUp.objects.get(pk=sign_up.pk)
    if sign_up.person_id != actor.pk:
        gate.require(actor, "volunteering.manage", shift.opportunity.initiative)
    if sign_up.status not in (SignUpStatus.CONFIRMED, SignUpStatus.WAITING):
        raise ValidationError(
            {"sign_up": _("Only a place or a waiting-list place can be given up.")}
        )
    had_place = sign_up.status == SignUpStatus.CONFIRMED
    sign_up.status = SignUpStatus.WITHDRAWN
    sign_up.save(update_fields=["status"])
    if not had_place:
        return None
    waiting = shift.sign_ups.filter(status=SignUpStatus.WAITING).order_by("queued_at", "pk").first()
    if waiting is not None:
        waiting.status = SignUpStatus.CONFIRMED
        waiting.save(update_fields=["status"])
        transaction.on_commit(lambda: email_volunteer.enqueue(waiting.pk, "place"))
        _schedule_reminder(waiting)
    return waiting


@transaction.atomic
def attendance_record(*, actor: Any, sign_up: SignUp, attended: bool) -> HoursLog | None:
    """A coordinator says whether someone came; attending logs the shift's hours, which
    someone other than the volunteer then approves."""
    sign_up = (
        SignUp.objects.select_for_update()
        .select_related("shift__opportunity__initiative")
        .get(pk=sign_up.pk)
    )
    shift = sign_up.shift
    gate.require(actor, "volunteering.manage", shift.opportunity.initiative)
    if sign_up.status not in (SignUpStatus.CONFIRMED, SignUpStatus.ABSENT, SignUpStatus.ATTENDED):
        raise ValidationError(
            {"sign_up": _("Only people with a place on the shift can attend it.")}
        )
    if shift.starts_at > timezone.now():
        raise ValidationError({"sign_up": _("Attendance is recorded once the shift has started.")})
    sign_up.status = SignUpStatus.ATTENDED if attended else SignUpStatus.ABSENT
    sign_up.save(update_fields=["status"])
    log = HoursLog.objects.filter(shift=shift, person=sign_up.person).first()
    if not attended:
        if log is not None and log.status != HoursStatus.PENDING:
            raise ValidationError(
                {"sign_up": _("Their hours were already decided; correct them instead.")}
            )
        if log is not None:
            log.delete()
        return None
    if log is None:
        log = HoursLog.objects.create(
            opportunity=shift.opportunity,
            shift=shift,
            person=sign_up.person,
            minutes=shift.minutes,
            worked_on=timezone.localtime(shift.starts_at).date(),
            logged_by=actor,
        )
    return log


@transaction.atomic
def hours_log(
    *,
    actor: Any,
    opportunity: Opportunity,
    minutes: int,
    worked_on: datetime.date,
    note: str = "",
    served: Any = None,
) -> HoursLog:
    """A volunteer logs time given outside a shift, for someone else to approve: a
    coordinator, or the member they gave it to (``served``) if they name one."""
    initiative = opportunity.initiative
    gate.require(actor, "volunteering.take_part", initiative)
    if not 1 <= minutes <= 24 * 60:
        raise ValidationError({"minutes": _("Give between 1 minute and 24 hours.")})
    check_date("worked_on", worked_on, past_only=True)
    if served is not None:
        if served.pk == actor.pk:
            raise ValidationError({"served": _("Name someone other than yourself.")})
        if not standing(served, initiative).active:
            raise ValidationError({"served": NO_SUCH_MEMBER})  # as for no one by that name
    return HoursLog.objects.create(
        opportunity=opportunity,
        person=actor,
        minutes=minutes,
        worked_on=worked_on,
        note=note[:300],
        served=served,
        logged_by=actor,
    )


@transaction.atomic
def hours_decide(*, actor: Any, log: HoursLog, approve: bool, reason: str = "") -> HoursLog:
    """Approve hours (they earn time credits and enter the record) or turn them down; a
    coordinator decides, or the person served confirms the time given to them."""
    log = (
        HoursLog.objects.select_for_update()
        .select_related("opportunity__initiative", "opportunity__stage")
        .get(pk=log.pk)
    )
    initiative = log.opportunity.initiative
    gate.require(actor, "volunteering.decide_hours", log)
    if log.person_id == actor.pk:
        raise ValidationError({"hours": _("Someone else must approve your own hours.")})
    if log.status != HoursStatus.PENDING:
        raise ValidationError({"hours": _("These hours were decided already.")})
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why the hours are not approved.")})
    log.status = HoursStatus.APPROVED if approve else HoursStatus.REJECTED
    log.decided_by, log.decided_at, log.reason = actor, timezone.now(), reason.strip()[:300]
    if approve:
        if not standing(log.person, initiative).active:
            raise ValidationError(
                {
                    "hours": _("%(person)s is no longer a member of this initiative.")
                    % {"person": log.person}
                }
            )
        what = f"{log.opportunity.title} on {log.worked_on:%d %b %Y}"
        log.transfer, _made = credits.credits_for_confirmed_time(
            actor=actor,
            initiative=initiative,
            person=log.person,
            minutes_given=log.minutes,
            description=what,
            key=f"hours-{log.pk}",
        )
        log.contribution = record.do_record_contribution(
            source=log,
            recorded_by=actor,
            initiative=initiative,
            stage=log.opportunity.stage,
            kind=ContributionKind.TIME,
            quantity=log.minutes,
            unit=Unit.MINUTES,
            occurred_on=log.worked_on,
            description=what[:500],
            contributor=log.person,
            paid=False,  # volunteered: given, whatever the volunteer's side (it earns credit)
        )
    log.save()
    notify(
        recipients=[log.person_id],
        kind=Kind.REQUEST_DECIDED,
        message="hours_approved" if approve else "hours_rejected",
        params={"what": f"{log.opportunity.title}, {log.worked_on:%d %b %Y}", "reason": log.reason},
        link=reverse("volunteering:log_hours", args=[initiative.slug]),
    )
    return log


@transaction.atomic
def policy_set(*, actor: Any, initiative: Initiative, **fields: Any) -> VolunteeringPolicy:
    """Set the weekly cap and the valuation basis (hourly values, their source and year)."""
    gate.require(actor, "volunteering.manage", initiative)
    policy = VolunteeringPolicy.objects.filter(initiative=initiative).first() or VolunteeringPolicy(
        initiative=initiative
    )
    for name, value in fields.items():
        setattr(policy, name, value)
    year_wrong = (
        None if policy.value_year is None else year_problem(policy.value_year, past_only=True)
    )
    if year_wrong is not None:
        raise ValidationError({"value_year": year_wrong})
    if policy.value_high_pence < policy.value_low_pence:
        raise ValidationError(
            {"value_high_pence": _("The upper value must be at least the lower.")}
        )
    if (policy.value_low_pence or policy.value_high_pence) and not policy.value_source.strip():
        raise ValidationError({"value_source": _("Say where the hourly values come from.")})
    policy.full_clean()
    policy.save()
    return policy
