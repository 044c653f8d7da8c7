"""PostgreSQL triggers that keep the daily rollups equal to the cases and contacts they count,
and a first recount of them; nothing on SQLite, where the figures count rows directly."""

from django.conf import settings
from django.db import migrations

from opencex.insight import rollup_sql


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in [
        *rollup_sql.install(settings.TIME_ZONE),
        *rollup_sql.recount(settings.TIME_ZONE),
    ]:
        schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in rollup_sql.uninstall():
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("insight", "0001_daily_rollups"),
        ("cases", "0012_case_language"),
        ("contacts", "0004_support_need_to_record"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
