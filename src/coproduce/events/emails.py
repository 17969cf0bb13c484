"""E-mails to people registered for an event, sent by the background task (``tasks.py``)
that the registration services enqueue."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coproduce.events.models import Registration, RegistrationStatus

EMAILS = {
    "reminder": "Reminder: {title}, {when}",
    "place": "A place opened for you: {title}, {when}",
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
    when = f"{timezone.localtime(event.starts_at):%A %d %B %Y, %H:%M}"
    link = settings.SITE_URL + reverse(
        "events:detail", kwargs={"slug": event.initiative.slug, "pk": event.pk}
    )
    lines = [
        f"Hello {person},",
        "",
        f"You have a place at {event.title} ({event.initiative.title}).",
        f"When: {when} to {timezone.localtime(event.ends_at):%H:%M}",
        f"Where: {event.place or event.online_link or 'see the event page'}",
    ]
    if event.accessibility:
        lines.append(f"Access: {event.accessibility}")
    lines += ["", f"If you cannot come, please cancel here so someone else can: {link}", ""]
    send_mail(
        EMAILS[what].format(title=event.title, when=when), "\n".join(lines), None, [person.email]
    )
    if what == "reminder":
        registration.reminded_at = timezone.now()
        registration.save(update_fields=["reminded_at"])
    return True
