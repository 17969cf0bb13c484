"""`coproduce notifications_digest`: send today's digests; run once a day (see deployment.md)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from coproduce.notifications.services import digest_send


class Command(BaseCommand):
    help = _("E-mail each person one digest of their notifications waiting for it.")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = digest_send()
        self.stdout.write(_("Digests sent: %(count)s") % {"count": sent})
