"""A transfer's debit and credit lose their single-column indexes: tc_transfer_debit and
tc_transfer_credit lead with the same columns, and every index is one more write on every
transfer. SQLite alters a foreign key by rebuilding the table, which drops its triggers, so
the append-only triggers are put back after (and, going back, after the reverse rebuild)."""

import django.db.models.deletion
from django.db import migrations, models

from coproduce.core import append_only


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    append_only.install(schema_editor.connection, ("timecredits_transfer",))


class Migration(migrations.Migration):
    dependencies = [
        ("timecredits", "0003_alter_account_options"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, install),
        migrations.AlterField(
            model_name="transfer",
            name="credit",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="credits",
                to="timecredits.account",
            ),
        ),
        migrations.AlterField(
            model_name="transfer",
            name="debit",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="debits",
                to="timecredits.account",
            ),
        ),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
