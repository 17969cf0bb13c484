"""Writes of notifications: making them when something happens (``notify``, called by the
service that made it happen), e-mailing them straight away or in a daily digest, marking
them read, a person's preferences, and the signed one-click unsubscribe.

A few recipients are written in the caller's transaction; an audience too large for a
request (every voter of a process) is written by the background worker in batches, so the
request that closes a vote only queues one task (ADR 0048)."""

import itertools
import random
import secrets
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coproduce.accounts.selectors import language_of
from coproduce.core import gate
from coproduce.notifications.audiences import AUDIENCES
from coproduce.notifications.kinds import DEFAULT_DELIVERY, MESSAGES, Delivery, Kind
from coproduce.notifications.models import Notification, Preference

BATCH = 1000  # rows per INSERT and notifications per e-mail task
UNSUBSCRIBE_SALT = "coproduce.notifications.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 90  # a link in an e-mail works for 90 days
ALL_DIGEST = "digest"  # an unsubscribe link of a digest stops every kind it gathers


@dataclass(frozen=True)
class Audience:
    """People named by an ``audiences.AUDIENCES`` function and its key, found by the worker."""

    name: str
    key: int


def _chunks(ids: Iterable[int], size: int = 0) -> Iterator[list[int]]:
    iterator = iter(ids)
    while chunk := list(itertools.islice(iterator, size or BATCH)):
        yield chunk


def notify(
    *,
    recipients: Iterable[Any] | Audience,
    kind: str,
    message: str,
    params: dict[str, Any] | None = None,
    link: str = "",
    send_now: bool = False,
) -> list[Notification]:
    """Tell people that something concerning them happened. ``recipients`` are people (or
    their ids), or an ``Audience`` that the worker resolves and writes in batches. E-mails
    are queued for after the caller's transaction commits; ``send_now`` sends them in this
    call instead, for a caller that already runs in the background (a shift reminder)."""
    if MESSAGES.get(message, ("",))[0] != kind:
        raise ValueError(f"{message!r} is not a message of kind {kind!r}")
    params = {key: str(value) for key, value in (params or {}).items()}
    if isinstance(recipients, Audience):
        AUDIENCES[recipients.name]  # a wrong name fails here, in the caller's tests
        from coproduce.notifications.tasks import fan_out

        name, key = recipients.name, recipients.key
        transaction.on_commit(lambda: fan_out.enqueue(name, key, kind, message, params, link))
        return []
    ids = list(dict.fromkeys(getattr(r, "pk", r) for r in recipients if r is not None))
    made: list[Notification] = []
    for chunk in _chunks(ids):
        made += write_batch(chunk, kind, message, params, link, send_now=send_now)
    return made


def write_batch(
    ids: Sequence[int],
    kind: str,
    message: str,
    params: dict[str, str],
    link: str,
    send_now: bool = False,
) -> list[Notification]:
    """One INSERT of notifications for up to ``BATCH`` people, each delivered as they chose;
    those to e-mail now go to one background task."""
    chosen = dict(
        Preference.objects.filter(kind=kind, person_id__in=ids).values_list("person_id", "delivery")
    )
    default = DEFAULT_DELIVERY[kind]
    rows = Notification.objects.bulk_create(
        Notification(
            recipient_id=person_id,
            kind=kind,
            message=message,
            params=params,
            link=link,
            delivery=chosen.get(person_id, default),
        )
        for person_id in ids
    )
    immediate = [row.pk for row in rows if row.delivery == Delivery.IMMEDIATE]
    if immediate and send_now:
        emails_send(notification_ids=immediate)
    elif immediate:
        from coproduce.notifications.tasks import send_emails

        transaction.on_commit(lambda: send_emails.enqueue(immediate))
    return rows


# The order an audience's notifications are written in, drawn for each fan-out: their ids
# are consecutive, so in the people's id order two voters comparing theirs would learn
# whether someone whose id lies between theirs voted.
RECIPIENT_SHUFFLE: random.Random = secrets.SystemRandom()


def fan_out(*, audience: str, key: int, kind: str, message: str, params: dict, link: str) -> int:
    """Write an audience's notifications in batches, in an order drawn for this fan-out,
    each batch committed with its e-mail task queued; run by the worker. Returns how many
    were written."""
    people = list(AUDIENCES[audience](key))
    RECIPIENT_SHUFFLE.shuffle(people)
    written = 0
    for chunk in _chunks(people):
        with transaction.atomic():
            written += len(write_batch(chunk, kind, message, params, link))
    return written


# --- e-mail -------------------------------------------------------------------------------


def unsubscribe_token(person_id: int, kind: str) -> str:
    """A signed, dated token naming one person and one kind (or every digest kind)."""
    return signing.dumps([person_id, kind], salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(person_id: int, kind: str) -> str:
    token = unsubscribe_token(person_id, kind)
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])


def _footer(stops: dict[str, str]) -> list[str]:
    """Each kind's unsubscribe link (kind -> URL), then the preferences page."""
    lines = ["", "--"]
    for kind, url in stops.items():
        lines.append(
            _("To stop e-mails about “%(kind)s”, open: %(url)s")
            % {"kind": Kind(kind).label, "url": url}
        )
    preferences = settings.SITE_URL + reverse("notifications:preferences")
    lines.append(_("Choose how you hear from Coproduce: %(url)s") % {"url": preferences})
    return lines


def _message(person: Any, subject: str, lines: list[str], unsubscribe: str) -> EmailMessage:
    """An e-mail with RFC 8058 one-click unsubscribe headers."""
    return EmailMessage(
        " ".join(subject.split())[:200],
        "\n".join(lines) + "\n",
        None,
        [person.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _link_line(notification: Notification) -> list[str]:
    return [settings.SITE_URL + notification.link] if notification.link else []


def notification_email(notification: Notification, person: Any) -> EmailMessage:
    """The e-mail of one notification, in the person's language (not the worker's)."""
    with translation.override(language_of(person)):
        return _notification_email(notification, person)


def _notification_email(notification: Notification, person: Any) -> EmailMessage:
    details = [line for line in notification.params.get("details", "").split("\n") if line]
    stop = unsubscribe_url(person.pk, notification.kind)
    lines = [
        _("Hello %(name)s,") % {"name": person.shown_name},
        "",
        notification.text,
        *(["", *details] if details else []),
        "",
        *_link_line(notification),
        *_footer({notification.kind: stop}),
    ]
    return _message(person, notification.text, lines, stop)


def _people(ids: Iterable[int]) -> dict[int, Any]:
    found = get_user_model().objects.filter(pk__in=set(ids), is_active=True).exclude(email="")
    return {person.pk: person for person in found}


@transaction.atomic
def emails_send(*, notification_ids: Sequence[int]) -> int:
    """E-mail each of these notifications still to be e-mailed straight away, over one
    connection; returns how many were sent. Run by the worker, once per batch."""
    due = list(
        Notification.objects.select_for_update(skip_locked=True).filter(
            pk__in=notification_ids, delivery=Delivery.IMMEDIATE, emailed_at__isnull=True
        )
    )
    people = _people(n.recipient_id for n in due)
    sending = [(n, people[n.recipient_id]) for n in due if n.recipient_id in people]
    messages = [notification_email(n, person) for n, person in sending]
    sent = get_connection().send_messages(messages) if messages else 0
    Notification.objects.filter(pk__in=[n.pk for n, _person in sending]).update(
        emailed_at=timezone.now()
    )
    return sent or 0


def digest_send() -> int:
    """Send each person one e-mail gathering their notifications waiting for the digest;
    returns how many e-mails were sent. Run daily (``coproduce notifications_digest``)."""
    waiting = Notification.objects.filter(delivery=Delivery.DIGEST, emailed_at__isnull=True)
    people_ids = (
        waiting.exclude(recipient__email="")
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
    sent = 0
    for chunk in _chunks(list(people_ids), 200):
        sent += _digest_batch(chunk)
    return sent


@transaction.atomic
def _digest_batch(people_ids: list[int]) -> int:
    rows = list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(recipient_id__in=people_ids, delivery=Delivery.DIGEST, emailed_at__isnull=True)
        .order_by("recipient_id", "created_at", "pk")
    )
    people = _people(people_ids)
    messages, done = [], []
    for person_id, group in itertools.groupby(rows, key=lambda n: n.recipient_id):
        items = list(group)
        person = people.get(person_id)
        if person is None:
            continue
        with translation.override(language_of(person)):  # theirs, not the worker's
            messages.append(_digest_email(person, items))
        done += [item.pk for item in items]
    sent = get_connection().send_messages(messages) if messages else 0
    Notification.objects.filter(pk__in=done).update(emailed_at=timezone.now())
    return sent or 0


def _digest_email(person: Any, items: list[Notification]) -> EmailMessage:
    lines = [_("Hello %(name)s,") % {"name": person.shown_name}, ""]
    lines.append(_("Here is what happened for you on Coproduce:"))
    for item in items:
        lines += ["", f"- {item.text}", *(f"  {url}" for url in _link_line(item))]
    kinds = dict.fromkeys(item.kind for item in items)
    lines += _footer({kind: unsubscribe_url(person.pk, kind) for kind in kinds})
    subject = _("Your Coproduce digest: %(count)s new") % {"count": len(items)}
    return _message(person, subject, lines, unsubscribe_url(person.pk, ALL_DIGEST))


# --- the person's own actions ---------------------------------------------------------------


@transaction.atomic
def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    gate.require(actor, "notifications.view", notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: Any) -> int:
    gate.require(actor, "notifications.have")
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def delivery_of(person_id: int) -> dict[str, str]:
    """The delivery of every kind for this person: their choice, or the default."""
    chosen = dict(Preference.objects.filter(person_id=person_id).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in Kind.values}


@transaction.atomic
def preferences_set(*, actor: Any, choices: dict[str, str]) -> dict[str, str]:
    """Save a person's delivery for each kind they chose."""
    gate.require(actor, "notifications.have")
    for kind, delivery in choices.items():
        if kind not in Kind.values or delivery not in Delivery.values:
            raise ValidationError({kind: _("Choose one of the ways offered.")})
        Preference.objects.update_or_create(
            person=actor, kind=kind, defaults={"delivery": delivery}
        )
    return delivery_of(actor.pk)


def unsubscribe_read(token: str) -> tuple[Any, str]:
    """The person and kind a signed link names; a ValidationError if it was changed, has
    expired, or names no one."""
    try:
        person_id, kind = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(
            _("This link has expired. Sign in and choose your e-mails on your preferences page.")
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise ValidationError(
            _("This link is not valid: it may be incomplete. Copy the whole link from the e-mail.")
        ) from None
    person = get_user_model().objects.filter(pk=person_id).first()
    if person is None or (kind not in Kind.values and kind != ALL_DIGEST):
        raise ValidationError(_("This link is not valid."))
    return person, kind


@transaction.atomic
def unsubscribe(*, token: str) -> tuple[list[str], bool]:
    """Stop the e-mails a signed link names (the kind, or every kind sent as a digest); the
    notifications still appear on the person's page. Returns the kinds and whether anything
    changed (False: the link was used already)."""
    person, kind = unsubscribe_read(token)
    current = delivery_of(person.pk)
    if kind == ALL_DIGEST:
        kinds = [k for k, delivery in current.items() if delivery == Delivery.DIGEST]
    else:
        kinds = [kind] if current[kind] != Delivery.IN_APP else []
    for each in kinds:
        Preference.objects.update_or_create(
            person=person, kind=each, defaults={"delivery": Delivery.IN_APP}
        )
    return (kinds or ([kind] if kind != ALL_DIGEST else [])), bool(kinds)


def pb_phase_notify(*, process: Any, phase: str) -> None:
    """Tell people a PB process moved: its members when voting opens, its voters when it
    closes and when the results are published."""
    link = reverse("budgeting:process", args=[process.pk])
    params = {"process": process.title}
    if phase == "voting":
        audience, kind = Audience("initiative_members", process.initiative_id), Kind.VOTE_OPENING
    elif phase == "counting":
        audience, kind = Audience("pb_voters", process.pk), Kind.VOTE_CLOSING
    elif phase == "results":
        audience, kind = Audience("pb_voters", process.pk), Kind.RESULT_PUBLISHED
    else:
        return
    notify(recipients=audience, kind=kind, message=str(kind), params=params, link=link)
