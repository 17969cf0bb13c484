from typing import Any

from tests.plugin_app.models import FieldNote

NOTES = [("riverside-repairs-panel", "Tenants walked the estate with the repairs team")]


def load(demo: Any) -> None:
    for slug, text in NOTES:
        FieldNote.objects.get_or_create(initiative=demo.initiative(slug), text=text)
    demo.counts["field notes"] = FieldNote.objects.count()
