"""Indexes that keep the staff queues and case search fast at half a million cases.

PostgreSQL only: a trigram index answers a name search (`icontains`, which Django writes as
UPPER(col::text) LIKE UPPER('%...%')) without reading every case; the email index matches
LOWER(contact_email); and the open cases, in queue order with every column a queue filters on,
are a small covering index: a queue of open cases (the vulnerable residents' above all, which
tests each case's resident) and its counts are read from that index without touching the table.
SQLite has no trigram indexes and the development database is small, so there it does nothing.

The indexes are built CONCURRENTLY (outside a transaction, hence atomic = False) so that a
council's live case table keeps taking writes while they build.
"""

from django.db import migrations

OPEN = "('received', 'acknowledged', 'in_progress', 'awaiting_resident')"
INDEXES = {
    "cases_case_contact_name_trgm": "USING gin (UPPER(contact_name::text) gin_trgm_ops)",
    "cases_case_contact_email_ci": "(LOWER(contact_email))",
    "cases_case_contact_phone": "(contact_phone)",
    "cases_case_open_queue": (
        "(priority DESC, due_on, id)"
        " INCLUDE (status, team_id, assigned_to_id, kind, resident_id, service_id, channel)"
        f" WHERE status IN {OPEN}"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm;")
    for name, definition in INDEXES.items():
        # A build that failed half way leaves an invalid index behind: start again.
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name};")
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY {name} ON cases_case {definition};")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name};")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("cases", "0003_case_links")]

    operations = [migrations.RunPython(create, drop)]
