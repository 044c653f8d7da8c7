"""PostgreSQL indexes for the figures that still count rows at volume (docs/insight-scale.md):
the repeat-contact look-back (same resident, same service, the 7 days before) and the
complaint and information-request figures, which pick one kind by a date. SQLite is left as it
is: its databases are small."""

from django.db import migrations

INDEXES = {
    "insight_case_repeat_lookback": "cases_case (resident_id, service_id, received_at)",
    "insight_contact_repeat_lookback": "contacts_contact (resident_id, service_id, at)",
    "insight_case_kind_received": "cases_case (kind, received_on)",
    "insight_case_kind_responded": "cases_case (kind, responded_on)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {columns}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("insight", "0002_rollup_triggers")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
