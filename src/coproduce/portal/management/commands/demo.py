"""``coproduce demo``: load the case library and demo people and records."""

from typing import Any

from django.core.management.base import BaseCommand

from coproduce.portal.demo import DEMO_PASSWORD, PEOPLE, load_demo


class Command(BaseCommand):
    help = "Load the case library, demo people and a real record for three cases."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_demo()
        self.stdout.write(
            f"Demo loaded: {counts['cases']} cases, {counts['people']} people. "
            f"Sign in as any of {', '.join(p.username for p in PEOPLE[1:])} "
            f"with the password '{DEMO_PASSWORD}'."
        )
