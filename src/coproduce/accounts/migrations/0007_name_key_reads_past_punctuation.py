"""Names are compared past their punctuation and spaces too: every account keyed again, as
0006 keyed them."""

from importlib import import_module

from django.db import migrations

key_every_name = import_module("coproduce.accounts.migrations.0006_user_name_key").key_every_name


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_user_name_key")]

    operations = [migrations.RunPython(key_every_name, migrations.RunPython.noop)]
