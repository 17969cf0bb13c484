"""``coproduce demo``: load the case library and demo people and records."""

from typing import Any

from django.core.management.base import BaseCommand

from coproduce.portal.demo import run_demo


class Command(BaseCommand):
    help = "Load the case library, demo people and an illustrative record for three cases."

    def handle(self, *args: Any, **options: Any) -> None:
        demo = run_demo()
        counts = ", ".join(f"{n} {what}" for what, n in demo.counts.items())
        self.stdout.write(" ".join([f"Demo loaded: {counts}.", *demo.notes]))
