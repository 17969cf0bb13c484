"""E-mails to volunteers about their places, sent by the background task (``tasks.py``),
which the sign-up services enqueue."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coproduce.notifications.kinds import Kind
from coproduce.notifications.services import notify
from coproduce.volunteering.models import SignUp, SignUpStatus

EMAILS = {
    "reminder": "Reminder: {title}, {when}",
    "place": "A place opened for you: {title}, {when}",
}


@transaction.atomic
def sign_up_email(*, sign_up_id: int, what: str) -> bool:
    """E-mail a volunteer about their place (run in the background). Nothing is sent if the
    place was given up, the shift has started, the reminder went already, or the person
    has no e-mail address. Returns whether an e-mail was sent."""
    sign_up = (
        SignUp.objects.select_for_update()
        .select_related("shift__opportunity__initiative", "person")
        .filter(pk=sign_up_id)
        .first()
    )
    if sign_up is None or what not in EMAILS:
        return False
    shift, person = sign_up.shift, sign_up.person
    if sign_up.status != SignUpStatus.CONFIRMED or shift.starts_at <= timezone.now():
        return False
    if not person.email or (what == "reminder" and sign_up.reminded_at is not None):
        return False
    opportunity = shift.opportunity
    when = f"{timezone.localtime(shift.starts_at):%A %d %B %Y, %H:%M}"
    link = settings.SITE_URL + reverse(
        "volunteering:opportunity",
        kwargs={"slug": opportunity.initiative.slug, "pk": opportunity.pk},
    )
    lines = [
        f"Hello {person},",
        "",
        f"You have a place on {opportunity.title} ({opportunity.initiative.title}).",
        f"When: {when} to {timezone.localtime(shift.ends_at):%H:%M}",
        f"Where: {opportunity.location or 'see the opportunity page'}",
    ]
    if opportunity.accessibility:
        lines.append(f"Access: {opportunity.accessibility}")
    lines += ["", f"If you cannot come, please give up your place here: {link}", ""]
    subject = EMAILS[what].format(title=opportunity.title, when=when)
    if what == "reminder":  # through notifications: the person's choice, and unsubscribe
        notify(
            recipients=[person],
            kind=Kind.SHIFT_REMINDER,
            message="shift_reminder",
            params={"what": opportunity.title, "when": when, "details": "\n".join(lines[2:])},
            link=link.removeprefix(settings.SITE_URL),
            send_now=True,
        )
    else:
        send_mail(subject, "\n".join(lines), None, [person.email])
    if what == "reminder":
        sign_up.reminded_at = timezone.now()
        sign_up.save(update_fields=["reminded_at"])
    return True
