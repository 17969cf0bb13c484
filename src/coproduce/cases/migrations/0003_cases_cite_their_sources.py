"""The case library cites its sources: each case gains the publication, file and lines its
facts come from; facts no source supports are corrected, removed or marked as the
platform's reading, and one case that named a country its source does not is renamed.

The data is the JSON file beside this one, frozen with it: the library as it stood when
this migration was written. Cases not in the database are left to the demo loader."""

import json
from pathlib import Path
from typing import Any

from django.db import migrations

SNAPSHOT = Path(__file__).with_suffix(".json")


def cite_sources(apps: Any, schema_editor: Any) -> None:
    CaseStudy = apps.get_model("cases", "CaseStudy")
    for row in json.loads(SNAPSHOT.read_text(encoding="utf-8")):
        slugs = [row["slug"], row.get("was", row["slug"])]
        study = (
            CaseStudy.objects.select_related("initiative")
            .filter(initiative__slug__in=slugs)
            .first()
        )
        if study is None:
            continue
        initiative = study.initiative
        initiative.slug = row["slug"]
        for field, value in row["initiative"].items():
            setattr(initiative, field, value)
        initiative.save(update_fields=["slug", *row["initiative"]])
        for field, value in row["case"].items():
            setattr(study, field, value)
        study.save(update_fields=list(row["case"]))


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_case_sources")]

    operations = [migrations.RunPython(cite_sources, migrations.RunPython.noop)]
