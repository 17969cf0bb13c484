"""E-mails to volunteers about their places, sent by the background task (``tasks.py``),
which the sign-up services enqueue."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.accounts.selectors import language_of
from coproduce.core.dates import written_out
from coproduce.notifications.kinds import Kind
from coproduce.notifications.services import notify
from coproduce.volunteering.models import SignUp, SignUpStatus

EMAILS = {
    "reminder": gettext_lazy("Reminder: %(title)s, %(when)s"),
    "place": gettext_lazy("A place opened for you: %(title)s, %(when)s"),
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
    with translation.override(language_of(person)):  # theirs, not the worker's
        when = written_out(shift.starts_at)
        link = settings.SITE_URL + reverse(
            "volunteering:opportunity",
            kwargs={"slug": opportunity.initiative.slug, "pk": opportunity.pk},
        )
        place = {"what": opportunity.title, "initiative": opportunity.initiative.title}
        ends = formats.time_format(timezone.localtime(shift.ends_at), "H:i")
        lines = [
            _("Hello %(person)s,") % {"person": person},
            "",
            _("You have a place on %(what)s (%(initiative)s).") % place,
            _("When: %(when)s to %(ends)s") % {"when": when, "ends": ends},
            _("Where: %(where)s")
            % {"where": opportunity.location or _("see the opportunity page")},
        ]
        if opportunity.accessibility:
            lines.append(_("Access: %(access)s") % {"access": opportunity.accessibility})
        give_up = _("If you cannot come, please give up your place here: %(link)s") % {"link": link}
        lines += ["", give_up, ""]
        subject = EMAILS[what] % {"title": " ".join(opportunity.title.split()), "when": when}
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
