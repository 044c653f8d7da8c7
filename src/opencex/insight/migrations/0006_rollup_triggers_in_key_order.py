"""The rollup trigger functions again (CREATE OR REPLACE, from insight.rollup_sql): an update
now writes the old group and the new one in the order of their keys, so two updates moving
cases opposite ways at once cannot deadlock. PostgreSQL only, as 0002; no recount is needed
(the counts they keep are the same)."""

from django.conf import settings
from django.db import migrations

from opencex.insight import rollup_sql


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in rollup_sql.install(settings.TIME_ZONE):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("insight", "0005_arrival_statistics")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop, elidable=False)]
