"""The demo's peer support: a trained, checked tenant offering support in the open initiative
(illustrative, like all the demo)."""

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from coproduce.peersupport import services
from coproduce.peersupport.models import PeerSupporter

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo


def load(demo: "Demo") -> None:
    panel = demo.initiative("riverside-repairs-panel")
    if PeerSupporter.objects.filter(initiative=panel).exists():
        return
    today = timezone.localdate()
    services.supporter_register(
        actor=demo.people["amara"],
        initiative=panel,
        person=demo.people["rhian"],
        supports="reporting a repair, filling in forms, damp and mould",
        languages="English, Welsh",
        areas="Riverside",
        availability="weekday evenings",
        training="Peer support induction (two days) and safeguarding",
        trained_on=today - datetime.timedelta(days=60),
        checked_until=today + datetime.timedelta(days=300),
    )
