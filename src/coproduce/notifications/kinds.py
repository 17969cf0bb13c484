"""Every kind of notification in one place: what it is called on the preferences page, how
it reaches a person unless they choose otherwise, and the sentences it is told in.

A sentence is chosen by its message key and filled with the notification's ``params`` when
it is shown, so a person reads it in the language they use the site in, not the language
of whoever caused it."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REQUEST_DECIDED = "request_decided", _("A request of mine is decided")
    SHIFT_REMINDER = "shift_reminder", _("A reminder of my shift")
    VOTE_OPENING = "vote_opening", _("A vote opens where I take part")
    VOTE_CLOSING = "vote_closing", _("A vote I took part in closes")
    RESULT_PUBLISHED = "result_published", _("The results of a vote I took part in")
    REPLY = "reply", _("A reply to my proposal or idea")
    CONCERN_ASSIGNED = "concern_assigned", _("A concern is raised with me")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail me straight away")
    DIGEST = "digest", _("E-mail me once a day, all together")
    IN_APP = "in_app", _("Only show them on my notifications page")


# Time-bound news goes out at once; discussion and results wait for the day's digest.
DEFAULT_DELIVERY: dict[str, str] = {
    Kind.REQUEST_DECIDED: Delivery.IMMEDIATE,
    Kind.SHIFT_REMINDER: Delivery.IMMEDIATE,
    Kind.VOTE_OPENING: Delivery.IMMEDIATE,
    Kind.VOTE_CLOSING: Delivery.IMMEDIATE,
    Kind.RESULT_PUBLISHED: Delivery.DIGEST,
    Kind.REPLY: Delivery.DIGEST,
    Kind.CONCERN_ASSIGNED: Delivery.IMMEDIATE,
}

# message key -> (kind, the sentence with its %(params)s)
MESSAGES: dict[str, tuple[str, Promise]] = {
    "join_approved": (Kind.REQUEST_DECIDED, _("Your request to join %(initiative)s was approved.")),
    "join_declined": (Kind.REQUEST_DECIDED, _("Your request to join %(initiative)s was declined.")),
    "side_approved": (
        Kind.REQUEST_DECIDED,
        _("Your request to change your side in %(initiative)s was approved."),
    ),
    "side_refused": (
        Kind.REQUEST_DECIDED,
        _("Your request to change your side in %(initiative)s was refused."),
    ),
    "hours_approved": (Kind.REQUEST_DECIDED, _("Your hours for %(what)s were approved.")),
    "hours_rejected": (
        Kind.REQUEST_DECIDED,
        _("Your hours for %(what)s were not approved: %(reason)s"),
    ),
    "support_matched": (
        Kind.REQUEST_DECIDED,
        _("Your request for peer support in %(initiative)s is matched with a supporter."),
    ),
    "exchange_agreed": (
        Kind.REQUEST_DECIDED,
        _("%(person)s agreed to your exchange for %(listing)s."),
    ),
    "exchange_declined": (
        Kind.REQUEST_DECIDED,
        _("%(person)s declined your exchange for %(listing)s."),
    ),
    "shift_reminder": (
        Kind.SHIFT_REMINDER,
        _("Reminder: %(what)s, %(when)s"),
    ),
    "vote_opening": (Kind.VOTE_OPENING, _("Voting is open in %(process)s.")),
    # told whenever it happens, so no one's district is fixed around them unknown (ADR 0021)
    "district_fixed": (
        Kind.VOTE_OPENING,
        _("%(person)s set the district you vote in for %(process)s to %(district)s."),
    ),
    "vote_closing": (
        Kind.VOTE_CLOSING,
        _("Voting has closed in %(process)s. Thank you for voting; the count comes next."),
    ),
    "result_published": (Kind.RESULT_PUBLISHED, _("The results of %(process)s are published.")),
    "proposal_comment": (Kind.REPLY, _("%(person)s commented on your proposal %(title)s.")),
    "idea_comment": (Kind.REPLY, _("%(person)s commented on your idea %(title)s.")),
    "idea_answer": (Kind.REPLY, _("The coordinators answered your idea %(title)s.")),
    "concern_assigned": (
        Kind.CONCERN_ASSIGNED,
        _("%(person)s raised a concern with you in %(initiative)s."),
    ),
}
