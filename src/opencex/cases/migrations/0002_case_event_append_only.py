"""The database itself refuses to edit a timeline event: the timeline is the audit trail."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER cases_caseevent_append_only BEFORE UPDATE ON cases_caseevent
       BEGIN SELECT RAISE(ABORT, 'the case timeline is append-only'); END;""",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS cases_caseevent_append_only;"]
POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION cases_caseevent_refuse_update() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the case timeline is append-only'; END;
       $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER cases_caseevent_append_only BEFORE UPDATE ON cases_caseevent
       FOR EACH ROW EXECUTE FUNCTION cases_caseevent_refuse_update();""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS cases_caseevent_append_only ON cases_caseevent;",
    "DROP FUNCTION IF EXISTS cases_caseevent_refuse_update();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
