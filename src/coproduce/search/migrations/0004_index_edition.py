"""The index's edition: one row, numbered from 0, that the services move on with every
change to the index; and the search pages kept under an edition (ADR 0055)."""

from django.db import migrations, models


def first_edition(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("search", "IndexEdition").objects.create(pk=1, number=0)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_index_existing"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexEdition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(first_edition, migrations.RunPython.noop),
        migrations.CreateModel(
            name="KeptPage",
            fields=[
                ("key", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("edition", models.BigIntegerField()),
                ("content_type", models.CharField(max_length=100)),
                ("body", models.BinaryField()),
                ("expires", models.FloatField()),
            ],
        ),
    ]
