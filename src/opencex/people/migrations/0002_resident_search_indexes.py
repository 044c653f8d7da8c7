"""Indexes that keep finding a resident's cases fast at 150,000 residents.

PostgreSQL only: a trigram index answers a name search (`icontains`, which Django writes as
UPPER(col::text) LIKE UPPER('%...%')), and a small partial index lists the residents flagged as
vulnerable for the vulnerable-residents queue. SQLite has no trigram indexes and the development
database is small, so there it does nothing.

The indexes are built CONCURRENTLY (outside a transaction, hence atomic = False) so that the
residents table keeps taking writes while they build.
"""

from django.db import migrations

INDEXES = {
    "people_resident_full_name_trgm": "USING gin (UPPER(full_name::text) gin_trgm_ops)",
    "people_resident_priority": "(id) WHERE is_priority",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm;")
    for name, definition in INDEXES.items():
        # A build that failed half way leaves an invalid index behind: start again.
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name};")
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY {name} ON people_resident {definition};")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name};")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
