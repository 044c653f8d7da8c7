"""PostgreSQL indexes for the complaint and information-request figures that hold every column
those figures read, so that a year's answers are read from the index alone (an index-only scan,
where the table's visibility map is up to date) instead of one heap page per case
(docs/insight-scale.md). They replace 0003's indexes on the same leading columns. 0003's
repeat-contact look-backs on the cases and contacts go: repeat contact reads the marks of 0007.
SQLite is left as it is."""

from django.db import migrations

CREATED = {
    "insight_case_kind_received_covering": (
        "cases_case (kind, received_on) INCLUDE (id, stage, status, channel, service_id, team_id)"
    ),
    "insight_case_kind_responded_covering": (
        "cases_case (kind, responded_on) INCLUDE (id, stage, status, service_id, team_id, "
        "received_on, clock_started_on, due_on, is_extended)"
    ),
    "insight_case_kind_stage_started": (
        "cases_case (kind, stage, clock_started_on) INCLUDE (id, service_id, team_id)"
    ),
}
DROPPED = {
    "insight_case_repeat_lookback": "cases_case (resident_id, service_id, received_at)",
    "insight_contact_repeat_lookback": "contacts_contact (resident_id, service_id, at)",
    "insight_case_kind_received": "cases_case (kind, received_on)",
    "insight_case_kind_responded": "cases_case (kind, responded_on)",
}


def _swap(schema_editor, create: dict[str, str], drop: dict[str, str]) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in create.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {columns}")
    for name in drop:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def forwards(apps, schema_editor):
    _swap(schema_editor, CREATED, DROPPED)


def backwards(apps, schema_editor):
    _swap(schema_editor, DROPPED, CREATED)


class Migration(migrations.Migration):
    dependencies = [("insight", "0007_repeat_marks_and_hourly_rollups")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
