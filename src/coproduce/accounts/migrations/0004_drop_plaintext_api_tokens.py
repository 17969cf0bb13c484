"""API tokens moved to django-rest-knox (ADR 0022): hashed, expiring, one per request for one.

DRF's tokens were kept in plain text and never expired. They are not carried over (a hash
cannot be made to expire retroactively, and a plain-text copy must not stay): the table is
dropped, so every old token stops working at once and clients ask
``POST /api/v1/auth/token/`` for a new one. Django's record of that app's migrations goes
with it, so the app could be installed again cleanly. Nothing to undo: the tokens are gone.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_skills_availability"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.RunSQL(
            [
                "DROP TABLE IF EXISTS authtoken_token",
                "DELETE FROM django_migrations WHERE app = 'authtoken'",
            ],
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
