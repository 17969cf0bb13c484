"""iCalendar (RFC 5545) files of events, written by the ``icalendar`` library (folding,
escaping, CRLF). They carry what the public event page shows and nothing personal: no
attendees, no organiser, no access needs."""

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.events.models import Event

PRODUCT = "-//Coproduce//Events//EN"


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def _vevent(event: Event, stamp: datetime.datetime) -> icalendar.Event:
    link = settings.SITE_URL + reverse(
        "events:detail", kwargs={"slug": event.initiative.slug, "pk": event.pk}
    )
    host = urlsplit(settings.SITE_URL).hostname or "coproduce"
    details = [event.description]
    if event.accessibility:
        details.append(_("Accessibility: %(details)s") % {"details": event.accessibility})
    if event.support:
        support = ", ".join(event.support_labels())
        details.append(_("Support offered: %(support)s") % {"support": support})
    if event.online_link:
        details.append(_("Join online: %(link)s") % {"link": event.online_link})
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@{host}")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", _utc(event.starts_at))
    vevent.add("dtend", _utc(event.ends_at))
    vevent.add("summary", event.title)
    vevent.add("description", "\n\n".join(details))
    vevent.add("location", event.place or event.online_link)
    vevent.add("url", link)
    vevent.add("categories", [event.get_format_display()])
    return vevent


def calendar(events: Iterable[Event], name: str) -> bytes:
    """A calendar of the events, as bytes ready to send."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", " ".join(name.split()))  # a name is one line (a title may not be)
    stamp = _utc(timezone.now()).replace(microsecond=0)
    for event in events:
        cal.add_component(_vevent(event, stamp))
    return cal.to_ical()
