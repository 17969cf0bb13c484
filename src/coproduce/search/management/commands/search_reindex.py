"""``coproduce search_reindex``: rebuild the search index from the objects it finds."""

from typing import Any

from django.core.management.base import BaseCommand

from coproduce.search.services import index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the site-wide search index from the initiatives, proposals, ideas, "
        "opportunities, cases and organisations as they are now."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        written = index_rebuild()
        self.stdout.write(f"Indexed {written} documents.")
