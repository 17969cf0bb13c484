from django.db import migrations

from coproduce.core import append_only


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    append_only.install(schema_editor.connection, ("record_contribution", "record_contributionverification", "record_decision"))


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    append_only.remove(schema_editor.connection, ("record_contribution", "record_contributionverification", "record_decision"))


class Migration(migrations.Migration):
    dependencies = [("record", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
