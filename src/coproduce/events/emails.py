"""E-mails to people registered for an event, sent by the background task (``tasks.py``)
that the registration services enqueue."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.accounts.selectors import language_of
from coproduce.core.dates import written_out
from coproduce.events.models import Registration, RegistrationStatus

EMAILS = {
    "reminder": gettext_lazy("Reminder: %(title)s, %(when)s"),
    "place": gettext_lazy("A place opened for you: %(title)s, %(when)s"),
}


@transaction.atomic
def registration_email(*, registration_id: int, what: str) -> bool:
    """E-mail someone about their place. Nothing is sent if they cancelled, the event has
    started, the reminder went already, or they have no e-mail address."""
    registration = (
        Registration.objects.select_for_update()
        .select_related("event__initiative", "person")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or what not in EMAILS:
        return False
    event, person = registration.event, registration.person
    if registration.status != RegistrationStatus.REGISTERED or event.starts_at <= timezone.now():
        return False
    if not person.email or (what == "reminder" and registration.reminded_at is not None):
        return False
    link = settings.SITE_URL + reverse(
        "events:detail", kwargs={"slug": event.initiative.slug, "pk": event.pk}
    )
    with translation.override(language_of(person)):  # theirs, not the worker's
        subject, body = _written(registration, what, link)
    send_mail(subject, body, None, [person.email])
    if what == "reminder":
        registration.reminded_at = timezone.now()
        registration.save(update_fields=["reminded_at"])
    return True


def _written(registration: Registration, what: str, link: str) -> tuple[str, str]:
    """The e-mail's subject and text, in the language active (the person's)."""
    event, person = registration.event, registration.person
    when = written_out(event.starts_at)
    lines = [
        _("Hello %(person)s,") % {"person": person},
        "",
        _("You have a place at %(event)s (%(initiative)s).")
        % {"event": event.title, "initiative": event.initiative.title},
        _("When: %(start)s to %(end)s")
        % {"start": when, "end": formats.time_format(timezone.localtime(event.ends_at), "H:i")},
        _("Where: %(place)s")
        % {"place": event.place or event.online_link or _("see the event page")},
    ]
    if event.accessibility:
        lines.append(_("Access: %(details)s") % {"details": event.accessibility})
    lines += [
        "",
        _("If you cannot come, please cancel here so someone else can: %(link)s") % {"link": link},
        "",
    ]
    subject = str(EMAILS[what]) % {"title": " ".join(event.title.split()), "when": when}
    return subject, "\n".join(lines)
